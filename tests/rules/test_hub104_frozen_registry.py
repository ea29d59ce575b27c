import pytest
from conftest import codes, lint


@pytest.mark.parametrize("image", ["jupyter/scipy-notebook:2023-10-02", "docker.io/jupyter/base-notebook:5ded1de07260",
                                   "index.docker.io/jupyter/r-notebook:r-4.3.1", "jupyter/docker-stacks-foundation:2023-01-01",
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
    # never `latest` (HUB102 says so on the same line): a dated tag, the same example as HUB102's
    assert f.help == "use a dated tag on quay.io, e.g. `quay.io/jupyter/scipy-notebook:2025-01-06`"
    (pin,) = [f for f in lint("FROM jupyter/scipy-notebook:latest\n") if f.code == "HUB102"]
    assert pin.help.endswith("e.g. `quay.io/jupyter/scipy-notebook:2025-01-06`") or "2025-01-06" in pin.help


# --------------------------------------------------------------------------- a name with an unknown part

@pytest.mark.parametrize("image", ["jupyter/${VARIANT}-notebook:2023-10-20", "docker.io/jupyter/${V}-notebook",
                                   "jupyter/${FLAVOUR:-scipy}-notebook:${TAG}", "jupyter/pyspark-${X}-notebook:1"])
def test_fires_whatever_the_variant(image):
    text = f"ARG VARIANT\nARG V\nARG X\nARG FLAVOUR\nARG TAG\nFROM {image}\n"
    found = [f for f in lint(text) if f.code == "HUB104"]
    assert [(f.line, f.column) for f in found] == [(6, 6)]
    assert found[0].fix is None  # a variable part: no safe rewrite
    assert found[0].help.startswith("use `quay.io/jupyter/") and "-notebook` with a " in found[0].help


def test_help_keeps_the_variable_as_written():
    (f,) = [f for f in lint("ARG VARIANT\nFROM jupyter/${VARIANT}-notebook:2023-10-20\n") if f.code == "HUB104"]
    assert f.message == "`jupyter/${VARIANT}-notebook:2023-10-20` is on Docker Hub, frozen since 2023-10-20"
    assert f.help == "use `quay.io/jupyter/${VARIANT}-notebook` with a current tag"


@pytest.mark.parametrize("image", ["quay.io/jupyter/${VARIANT}-notebook:2025-01-06", "${REGISTRY}/jupyter/scipy-notebook:1",
                                   "jupyter/${IMAGE}:1", "${OWNER}/base-notebook:1", "myorg/${VARIANT}-notebook:1",
                                   "example.org/jupyter/${VARIANT}-notebook:1"])
def test_silent_when_the_literal_parts_do_not_say_docker_hub(image):
    text = f"ARG VARIANT\nARG REGISTRY\nARG IMAGE\nARG OWNER\nFROM {image}\n"
    assert "HUB104" not in [c for c, _ in codes(text)]


def test_literal_parts_decide_family_and_registry():
    from hublint.image.literalrefs import docker_stacks_registry

    u = "\uffff"
    assert docker_stacks_registry(f"jupyter/{u}-notebook:2023-10-20") == "docker.io"
    assert docker_stacks_registry(f"index.docker.io/jupyter/{u}-notebook") == "docker.io"
    assert docker_stacks_registry(f"quay.io/jupyter/{u}-notebook:{u}") == "quay.io"
    assert docker_stacks_registry(f"{u}/jupyter/scipy-notebook") == ""  # the registry is the unknown part
    assert docker_stacks_registry("jupyter/scipy-notebook") is None  # fully known: the image knowledge's
    assert docker_stacks_registry(f"jupyter/{u}") is None  # any jupyter image: repo2docker too
    assert docker_stacks_registry(f"{u}/{u}/base-notebook") is None
    assert docker_stacks_registry("") is None


def test_a_variant_base_is_a_single_user_image(tmp_path, monkeypatch):
    import hublint

    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(
        "ARG VARIANT\nFROM jupyter/${VARIANT}-notebook:2023-10-20\nRUN pip install --no-cache-dir pandas\n"
    )
    monkeypatch.chdir(tmp_path)
    from hublint.workspace.run import Request, run

    report = run(Request(["."], use_config=False))
    assert [(e.path, e.role, e.reason) for e in report.entries] == [
        ("Dockerfile", "singleuser", "FROM jupyter/${VARIANT}-notebook:2023-10-20")
    ]
    assert "HUB104" in {f.code for f in hublint.lint_paths(["."], use_config=False)}


def test_a_spawn_image_the_repository_builds_under_that_name_is_local():
    """A compose service builds `jupyter/base-notebook:custom` and the Hub spawns that name: Docker runs the local
    build, so neither the frozen registry (HUB104) nor a tag the publisher never pushed (HUB108) applies to it;
    the Dockerfile's own FROM is judged instead. A tag no build makes is still pulled from Docker Hub."""
    from conftest import lint_repo

    compose = ("services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n"
               "    environment:\n      DOCKER_NOTEBOOK_IMAGE: jupyter/base-notebook:{tag}\n"
               "  lab:\n    image: jupyter/base-notebook:custom\n    build:\n      dockerfile: lab.Dockerfile\n"
               "      context: .\n")
    config = ("import os\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
              "c.DockerSpawner.image = os.environ['DOCKER_NOTEBOOK_IMAGE']\n")
    files = {"docker-compose.yml": compose.replace(":custom", ":2024-03-04").format(tag="2024-03-04"),
             "jupyterhub_config.py": config, "lab.Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\n"}
    assert [f.path for f in lint_repo(files) if f.code in ("HUB104", "HUB108")] == []  # built here under that tag
    files["docker-compose.yml"] = compose.replace(":custom", ":2024-03-04").format(tag="2023-06-05")
    assert [f.code for f in lint_repo(files) if f.code in ("HUB104", "HUB108")] == ["HUB104"]


def test_a_tag_docker_stacks_never_pushes_is_a_local_build():
    """`jupyter/base-notebook:v9` or `:custom`: docker-stacks pushes `latest`, dates, 12-hex commits and
    `<name>-<version>` tags only, so such a tag was never on Docker Hub — a local build under a borrowed name."""
    for tag in ("v9", "custom", "mine-gpu"):
        assert "HUB104" not in [c for c, _ in codes(f"FROM jupyter/base-notebook:{tag}\n")], tag
    for tag in ("python-3.11", "x86_64-lab-4.0.2", "2023-06-05", "5ded1de07260"):
        assert ("HUB104", 1) in codes(f"FROM jupyter/base-notebook:{tag}\n"), tag
