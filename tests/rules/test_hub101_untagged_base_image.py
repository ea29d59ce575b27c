import pytest
from conftest import codes, lint, lint_repo


@pytest.mark.parametrize("text", [
    "FROM quay.io/jupyter/base-notebook\n",
    "FROM python\n",
    "ARG BASE=python\nFROM $BASE\n",
    "FROM localhost:5000/team/base\n",
    "FROM --platform=linux/amd64 ubuntu AS builder\nFROM quay.io/jupyter/base-notebook:2025-01-06\n",
])
def test_fires(text):
    assert "HUB101" in [c for c, _ in codes(text)]


@pytest.mark.parametrize("text", [
    "FROM scratch\n",
    "FROM python:3.12 AS build\nFROM build\n",
    "FROM python@sha256:" + "a" * 64 + "\n",
    "FROM localhost:5000/team/base:1.0\n",
    "ARG BASE\nFROM $BASE\n",
    "FROM jupyter/minimal-notebook:${TAG}\n",
])
def test_silent(text):
    assert "HUB101" not in [c for c, _ in codes(text)]


def test_anchor_is_the_reference_even_on_a_continuation_line():
    (f,) = [f for f in lint("FROM \\\n    quay.io/jupyter/base-notebook AS x\n") if f.code == "HUB101"]
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 5, 2, 34)


def test_build_arg_option():
    assert ("HUB101", 2) in codes("ARG BASE\nFROM $BASE\n", build_args={"BASE": "python"})


LAB = ("FROM quay.io/jupyter/base-notebook:2025-01-06\n"
       "RUN mamba install --yes 'jupyterhub-singleuser==5.2.1'\n")


def test_a_spawn_image_the_repository_builds_is_its_own_latest():
    """`docker build -t lab-image .` beside `c.DockerSpawner.image = "lab-image"`: the untagged name is the
    repository's own last build, not a publisher's moving tag — a weak finding (a warning)."""
    config = 'c = get_config()\nc.JupyterHub.spawner_class = "docker"\nc.DockerSpawner.image = "lab-image"\n'
    files = {"jupyterhub_config.py": config, "lab/Dockerfile": LAB, "Makefile": "lab:\n\tcd lab && docker build -t lab-image .\n"}
    (f,) = lint_repo(files, "HUB101")
    assert (f.line, f.severity, f.confidence) == (3, "info", "weak") and "this repository builds it" in f.message
    other = {**files, "Makefile": "lab:\n\tcd lab && docker build -t other-image .\n"}
    (f,) = lint_repo(other, "HUB101")  # a bare name no build here makes: a local build of the host, weak too
    assert (f.line, f.severity) == (3, "info") and "a bare name is a local build" in f.message
    named = {**other, "jupyterhub_config.py": config.replace('"lab-image"', '"example.org/team/lab-image"')}
    assert [(f.path, f.line, f.severity) for f in lint_repo(named, "HUB101")] == [("jupyterhub_config.py", 3, "error")]
    versioned = {**files, "Makefile": "lab:\n\tcd lab && docker build -t lab-image:2025.01 .\n"}
    assert [(f.line, f.severity) for f in lint_repo(versioned, "HUB101")] == [(3, "error")]


def test_a_chart_without_a_tag_takes_the_chart_default_even_when_built_here():
    values = "singleuser:\n  image:\n    name: example.org/team/lab\n"
    files = {"config.yaml": values, "lab/Dockerfile": LAB,
             "build.sh": "docker build -t example.org/team/lab lab\n"}
    assert [(f.path, f.line) for f in lint_repo(files, "HUB101")] == [("config.yaml", 3)]


def test_a_base_the_repository_builds_under_that_name_is_its_own_last_build():
    """`FROM team/base` beside `docker build -t team/base base`: Docker builds on the local image of that name —
    a weak finding that says so; a base it builds under another name stays an error."""
    files = {"base/Dockerfile": LAB, "build.sh": "docker build -t team/base base\ndocker build -t team/lab lab\n",
             "lab/Dockerfile": "FROM team/base\nUSER 1000\n"}
    (f,) = [f for f in lint_repo(files, "HUB101", role="singleuser") if f.path == "lab/Dockerfile"]
    assert (f.line, f.severity, f.confidence) == (1, "info", "weak") and "this repository builds it" in f.message
    other = {**files, "build.sh": "docker build -t team/base-other base\ndocker build -t team/lab lab\n"}
    found = [(f.path, f.severity) for f in lint_repo(other, "HUB101", role="singleuser")]
    assert found == [("lab/Dockerfile", "error")]



@pytest.mark.parametrize("image", ["${ml_image}", "{{ .Values.labImage }}", "$(LAB_IMAGE)", "$LAB_IMAGE",
                                   "registry.example.org/$LAB_IMAGE", "__PRODUCTION_IMAGE__", "@LAB_IMAGE@",
                                   "<your-image>", "registry.example.org/__image_name__"])
def test_a_template_placeholder_names_no_image(image):
    """A values file filled by another tool (Terraform `templatefile`, Helm, make, envsubst) is read as written: an
    image that is a placeholder is unknown — no finding — while a literal untagged name beside it is one."""
    values = ("singleuser:\n  profileList:\n    - display_name: GPU\n      kubespawner_override:\n"
              f'        image: "{image}"\n    - display_name: CPU\n      kubespawner_override:\n'
              "        image: example.org/team/lab\n")
    assert [(f.path, f.line) for f in lint_repo({"config.yaml": values}, "HUB101")] == [("config.yaml", 8)]
    chart = {"config.yaml": f'singleuser:\n  image:\n    name: example.org/team/lab\n    tag: "{image}"\n'}
    assert [f.code for f in lint_repo(chart) if f.code.startswith("HUB10")] == []


@pytest.mark.parametrize(("image", "judged"), [("example.org/Team/Lab", False), ("UPSTREAM_IMAGE", False),
                                               ("Registry.Example.org:5000/team/lab", True),
                                               ("MyRegistry/team/lab", True),  # a capital: a registry host
                                               ("example.org/team/my__lab__x", True)])  # Docker's `__` separator
def test_a_name_with_capitals_in_its_repository_path_is_no_image_reference(image, judged):
    """Docker's reference grammar writes the repository path in lowercase (a registry host and a tag may hold
    capitals): a value with capitals there is a placeholder a tool replaces, not an untagged image."""
    values = f"singleuser:\n  image:\n    name: {image}\n"
    found = [f.code for f in lint_repo({"config.yaml": values}, "HUB101")]
    assert found == (["HUB101"] if judged else [])


def test_a_tag_may_hold_capitals():
    """A capital in the tag is no placeholder: the reference is judged (a registry's image, untagged or not), while
    docker-stacks, which pushes only lowercase tags, never made `Python-3.11` (no frozen-registry finding)."""
    values = "singleuser:\n  image:\n    name: example.org/team/lab\n    tag: Python-3.11\n"
    assert [f.code for f in lint_repo({"config.yaml": values}) if f.code in ("HUB101", "HUB102")] == []
    latest = values.replace("Python-3.11", "Latest-GPU")
    assert lint_repo({"config.yaml": values.replace("example.org/team/lab", "jupyter/base-notebook")}, "HUB104") == []
    assert lint_repo({"config.yaml": latest}, "HUB101") == []


def test_an_untagged_image_of_the_frozen_docker_hub_copies_is_a_weak_info():
    """`FROM jupyter/base-notebook` means its frozen `latest`, as HUB102 judges `jupyter/base-notebook:latest`."""
    from conftest import lint

    (f,) = [f for f in lint("FROM jupyter/base-notebook\nUSER 1000\n") if f.code == "HUB101"]
    assert (f.severity, f.confidence) == ("info", "weak") and "frozen on Docker Hub" in f.message
    (g,) = [f for f in lint("FROM jupyter/base-notebook:latest\nUSER 1000\n") if f.code == "HUB102"]
    assert g.severity == f.severity
    (f,) = [f for f in lint("FROM quay.io/jupyter/base-notebook\nUSER 1000\n") if f.code == "HUB101"]
    assert f.severity == "error"  # quay.io's latest moves

    # z2jh adds its own default tag to an untagged `singleuser.image.name`, not `latest`: it keeps its severity
    from conftest import lint_repo

    (f,) = lint_repo({"values.yaml": "singleuser:\n  image:\n    name: jupyter/datascience-notebook\n"}, "HUB101")
    assert f.severity == "error" and "frozen" not in f.message
