from conftest import codes, lint


def test_fires_and_names_the_arg():
    (f,) = [f for f in lint("ARG REGISTRY\nFROM ${REGISTRY}/team/base:1\n") if f.code == "HUB106"]
    assert f.line == 2 and "`REGISTRY`" in f.message and "--build-arg REGISTRY=" in f.help


def test_partly_unresolved_tag():
    assert ("HUB106", 1) in codes("FROM quay.io/jupyter/base-notebook:${TAG}\n")


def test_silent_with_default_or_build_arg():
    assert "HUB106" not in [c for c, _ in codes("ARG B=python:3.12\nFROM $B\n")]
    assert "HUB106" not in [c for c, _ in codes("ARG B\nFROM $B\n", build_args={"B": "python:3.12"})]


def test_only_the_chain_base():
    text = "ARG X\nFROM $X AS unused\nFROM quay.io/jupyter/base-notebook:2025-01-06\n"
    assert "HUB106" not in [c for c, _ in codes(text)]


def test_unresolved_base_silences_base_dependent_rules():
    assert [c for c, _ in codes("ARG B\nFROM $B\nRUN pip install 'jupyterhub==5.3.0'\n")] == ["HUB106"]


def test_a_reference_docker_rejects_is_no_image():
    """`docker build` fails on a FROM outside Docker's reference grammar (two tags, capitals in the name): HUB106
    says so, and the tag and knowledge rules do not judge a tag or a base that is no image."""
    for ref in ("team/base:julia:latest", "Ubuntu:22.04", "team/-base:1", "Ubuntu"):
        found = codes(f"FROM {ref}\nRUN pip install 'jupyterlab==4.3.4'\nUSER 1000\n")
        assert ("HUB106", 1) in found, ref
        assert not {"HUB101", "HUB102", "HUB103", "HUB107", "HUB201"} & {c for c, _ in found}, (ref, found)
    stages = codes("FROM Golang:1.22 AS build\nRUN go build\nFROM quay.io/jupyter/base-notebook:2025-01-06\n")
    assert ("HUB106", 1) in stages  # any stage's: `docker build` fails on it
    (f,) = [f for f in lint("FROM team/base:julia:latest\n") if f.code == "HUB106"]
    assert "not an image reference" in f.message and "invalid reference format" in f.help


def test_references_docker_accepts_are_images():
    from hublint.dockerfile.imageref import valid_reference

    for ref in (
        "ubuntu",
        "python:3.11-slim",
        "localhost:5000/team/base:1",
        "Registry.Example.com/team/base",
        "quay.io/jupyter/base-notebook:Python-3.12",
        "team/base@sha256:" + "a" * 64,
        "[::1]:5000/team/base:1",
    ):
        assert valid_reference(ref), ref
        assert "HUB106" not in [c for c, _ in codes(f"FROM {ref}\n")], ref


def test_a_configuration_image_that_is_no_reference():
    """`os.environ.get("IMAGE", "team:lab/singleuser:latest")`: a default Docker's grammar rejects is no image — HUB106
    says a spawn of it fails, and the tag rules say nothing of it."""
    from conftest import lint_repo

    config = ("import os\nc = get_config()\n"
              "c.DockerSpawner.image = os.environ.get('IMAGE', 'team:lab/singleuser:latest')\n")
    found = lint_repo({"jupyterhub_config.py": config})
    assert [(f.code, f.line) for f in found] == [("HUB106", 3)]
    assert "is not an image reference" in found[0].message
    assert [f.code for f in lint_repo({"jupyterhub_config.py": config.replace("team:lab/", "team/lab-")})] == ["HUB102"]
