import pytest
from conftest import codes

import hublint


@pytest.mark.parametrize("ref", [
    "quay.io/jupyter/base-notebook:2023-05-01",      # quay.io copies start at 2023-10-20
    "jupyter/base-notebook:2024-03-04",              # Docker Hub copies stop at 2023-10-20
    "jupyter/base-notebook:2020-06-01",              # before docker-stacks had date tags
    "quay.io/jupyter/pytorch-notebook:2023-01-09",   # before the image existed
    "quay.io/jupyterhub/singleuser:5.1.7",           # no such jupyterhub release
    "quay.io/jupyterhub/k8s-singleuser-sample:3.3.9",  # no such chart release
    "pangeo/base-notebook:2021.01.01",               # within pangeo-docker-images' history, not a release
])
def test_fires(ref):
    assert ("HUB108", 1) in codes(f"FROM {ref}\n")


@pytest.mark.parametrize("ref", [
    "quay.io/jupyter/base-notebook:2025-01-06",
    "jupyter/base-notebook:2023-06-05",
    "quay.io/jupyter/scipy-notebook:1aac87eb7fa5",   # an old commit tag copied to quay.io
    "jupyter/scipy-notebook:265297f221de",
    "quay.io/jupyterhub/singleuser:5.2.1",
    "quay.io/jupyterhub/singleuser:5.2.1-3",         # build numbers: unknown, not judged
    "quay.io/jupyter/base-notebook:0123456789ab",    # not a main commit: unknown
    "quay.io/jupyter/base-notebook:2099-01-01",      # after the data: unknown
    "registry.example.org/team/base:2023-05-01",     # an unknown image
    "pangeo/base-notebook:2019.09.23",               # before the history hublint holds (pangeo-stacks pushed it)
    "pangeo/base-notebook:2020.03.27",
])
def test_silent(ref):
    assert "HUB108" not in [c for c, _ in codes(f"FROM {ref}\n")]


def test_spawn_images():
    text = 'c = get_config()\nc.DockerSpawner.image = "quay.io/jupyter/scipy-notebook:2022-01-10"\n'
    assert [f.code for f in hublint.lint_text(text, path="jupyterhub_config.py")] == ["HUB108"]


def test_an_absence_inferred_from_the_ci_is_weak():
    """A commit tag no traced run pushed because its message skipped CI may still have been built by hand: "likely
    never published", an info; an absence the history shows (quay.io before the move) stays an error."""
    import hublint

    (f,) = [f for f in hublint.lint_text("FROM jupyter/datascience-notebook:76402a27fd13\n") if f.code == "HUB108"]
    assert (f.severity, f.confidence) == ("info", "weak") and "likely never published" in f.message
    (g,) = [f for f in hublint.lint_text("FROM quay.io/jupyter/base-notebook:2023-05-01\n") if f.code == "HUB108"]
    assert g.severity == "error" and "was never published" in g.message
