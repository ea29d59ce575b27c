import pytest
from conftest import codes, lint


@pytest.mark.parametrize("image", ["jupyter/scipy-notebook:2023-10-02", "docker.io/jupyter/base-notebook:5ded1de07260",
                                   "index.docker.io/jupyter/r-notebook:x", "jupyter/docker-stacks-foundation:2023-01-01",
                                   "jupyter/minimal-notebook:${TAG}"])
def test_fires(image):
    assert ("HUB104", 1) in codes(f"FROM {image}\n")


@pytest.mark.parametrize("image", ["quay.io/jupyter/scipy-notebook:2025-01-06", "jupyterhub/singleuser:5.3.0",
                                   "jupyter/repo2docker:2023.06.0", "myorg/jupyter-scipy:1"])
def test_silent(image):
    assert "HUB104" not in [c for c, _ in codes(f"FROM {image}\n")]


def test_message_names_the_quay_reference():
    (f,) = [f for f in lint("FROM jupyter/scipy-notebook:2023-10-02\n") if f.code == "HUB104"]
    assert f.message == "`jupyter/scipy-notebook:2023-10-02` is on Docker Hub, frozen since 2023-10-20"
    # only a few old tags were copied to quay.io: this one was not, so the help does not send the user there
    assert f.help == "use `quay.io/jupyter/scipy-notebook` with a current tag (`2023-10-02` was never published there)"
    (f,) = [f for f in lint("FROM jupyter/scipy-notebook:latest\n") if f.code == "HUB104"]
    assert f.help == "use `quay.io/jupyter/scipy-notebook:latest`"
