import pytest
from conftest import codes


@pytest.mark.parametrize("tag", ["python-3.11", "hub-4.0.2", "lab-4.0.7", "notebook-7.0.6", "ubuntu-22.04",
                                 "x86_64-python-3.11.6", "cuda12-python-3.12", "pytorch-2.1.0", "spark-3.5.0",
                                 "mamba-1.5.1", "aarch64-r-4.3.1", "python-3.13", "hub-5.5.0"])
def test_docker_stacks_moving(tag):
    """Re-pointed by every build that has that version — also once the newest builds have another (it moved while
    they had it, and a rebuild gets its last build)."""
    assert ("HUB103", 1) in codes(f"FROM quay.io/jupyter/pytorch-notebook:{tag}\n")


@pytest.mark.parametrize("tag", ["2024-01-08", "x86_64-2024-01-08", "cuda12-2024-01-08", "7285848c0a11", "latest",
                                 "some-custom-tag"])
def test_docker_stacks_stable_or_other(tag):
    assert "HUB103" not in [c for c, _ in codes(f"FROM quay.io/jupyter/scipy-notebook:{tag}\n")]


@pytest.mark.parametrize(("image", "moving"), [
    ("quay.io/jupyterhub/singleuser:5", True),
    ("jupyterhub/singleuser:4.1", True),  # the previous major's last minor: backports still come
    ("quay.io/jupyterhub/singleuser:4", True),
    ("jupyterhub/singleuser:0.8", False),  # series that ended: two majors behind, or a later minor is out
    ("jupyterhub/singleuser:4.0", False),
    ("quay.io/jupyterhub/singleuser:3", False),
    ("quay.io/jupyterhub/singleuser:5.3.0", False),
    ("quay.io/jupyterhub/singleuser:5.3.0-1", False),
    ("quay.io/jupyterhub/k8s-singleuser-sample:4.2", True),
    ("quay.io/jupyterhub/k8s-singleuser-sample:4.2.0", False),
    ("python:3.12", False),
    ("example.org/jupyter/scipy-notebook:python-3.11", False),
])
def test_other_images(image, moving):
    assert (("HUB103", 1) in codes(f"FROM {image}\n")) is moving


def test_resolved_through_arg():
    assert ("HUB103", 2) in codes("ARG V=3.11\nFROM quay.io/jupyter/scipy-notebook:python-${V}\n")


def test_branch_like_tags_on_spawn_images():
    import hublint

    def found(image):
        text = f'c = get_config()\nc.KubeSpawner.image = "{image}"\n'
        return [f.code for f in hublint.lint_text(text, path="jupyterhub_config.py")]

    for tag in ("develop", "main", "nightly", "latest-prod", "staging"):
        assert found(f"quay.io/team/lab:{tag}") == ["HUB103"], tag
    assert found("quay.io/team/lab:2025.01.06") == []
    assert found("quay.io/team/lab:develop@sha256:" + "0" * 64) == []


def test_branch_like_tags_on_a_from_are_not_judged():
    assert "HUB103" not in [c for c, _ in codes("FROM quay.io/team/base:main\n")]


def test_not_on_the_frozen_docker_hub_copies():
    assert "HUB103" not in [c for c, _ in codes("FROM jupyter/scipy-notebook:python-3.10\n")]
    assert ("HUB104", 1) in codes("FROM jupyter/scipy-notebook:python-3.10\n")
    assert ("HUB103", 1) in codes("FROM quay.io/jupyter/scipy-notebook:python-3.11\n")


WORKFLOW = """on:
  push:
    branches: [main]
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          context: image
          push: true
          tags: {tags}
"""
IMAGE = "FROM quay.io/jupyter/minimal-notebook:2025-01-06\n"


def pulled(tag, policy="IfNotPresent", built=None, where="values"):
    from conftest import lint_repo

    if where == "values":
        deployment = {"values.yaml": f"singleuser:\n  image:\n    name: example.org/team/img\n    tag: {tag}\n"
                                     + (f"    pullPolicy: {policy}\n" if policy else "")}
    else:
        deployment = {"values.yaml": "singleuser:\n  profileList:\n    - display_name: Lab\n"
                                     "      kubespawner_override:\n"
                                     f"        image: example.org/team/img:{tag}\n"
                                     + (f"        image_pull_policy: {policy}\n" if policy else "")}
    files = {**deployment, "image/Dockerfile": IMAGE,
             ".github/workflows/image.yml": WORKFLOW.format(tags=built or f"example.org/team/img:{tag}")}
    return lint_repo(files, "HUB103")


def test_if_not_present_on_a_tag_the_repository_rebuilds():
    """failure-modes-2 p2: `:stable` + `pullPolicy: IfNotPresent`, the tag pushed by the repository's workflow."""
    (f,) = pulled("stable")
    assert (f.path, f.line, f.column) == ("values.yaml", 4, 10)
    assert f.message == ("spawn image `example.org/team/img:stable` is pulled `IfNotPresent`, and `stable` is rebuilt "
                         "here: nodes keep the old image")
    assert f.help.startswith(".github/workflows/image.yml:9 (`docker/build-push-action` as example.org/team/img:stable) "
                             "builds it again")
    assert [(f.path, f.line) for f in pulled("stable", where="profile")] == [("values.yaml", 5)]


@pytest.mark.parametrize(("tag", "policy", "built"), [
    ("stable", "Always", None),
    ("stable", None, None),  # not set explicitly: not judged
    ("stable", "IfNotPresent", "example.org/team/other:stable"),  # another image
    ("stable", "IfNotPresent", "example.org/team/img:${{ github.sha }}"),  # a computed tag: a new one per build
    ("2025.01.1", "IfNotPresent", None),  # a version tag: written once per release
    ("v2", "IfNotPresent", None),
    ("3f9c2e1ab", "IfNotPresent", None),  # a commit
])
def test_silent(tag, policy, built):
    assert pulled(tag, policy, built) == []


def test_no_build_definition_no_finding():
    from conftest import lint_repo

    values = "singleuser:\n  image:\n    name: example.org/team/img\n    tag: stable\n    pullPolicy: IfNotPresent\n"
    assert lint_repo({"values.yaml": values}, "HUB103") == []


def test_a_branch_tag_is_judged_on_spawn_images_not_on_the_hub_service_image():
    from conftest import lint_repo

    compose = ("services:\n  hub:\n    image: example.org/team/hub:staging\n    command: jupyterhub\n"
               "    environment:\n      DOCKER_NOTEBOOK_IMAGE: example.org/team/lab:{tag}\n")
    config = ("import os\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
              "c.DockerSpawner.image = os.environ['DOCKER_NOTEBOOK_IMAGE']\n")
    files = {"docker-compose.yml": compose.format(tag="2025.01"), "jupyterhub_config.py": config}
    assert lint_repo(files, "HUB103") == []
    files["docker-compose.yml"] = compose.format(tag="staging")
    assert [(f.path, f.line) for f in lint_repo(files, "HUB103")] == [("docker-compose.yml", 6)]


def test_a_version_tag_builds_stopped_pushing_moved_until_its_last_build():
    """`python-3.11.10` was pushed by docker-stacks' builds from 2024-09 to 2024-10-22, then 3.11.11/3.12 took its
    place: it moved then (an image built in that time may be any of those builds), but moves no more — an info
    that says until when; a tag builds still push keeps its warning."""
    import hublint
    from hublint.dockerfile.imageref import parse_ref
    from hublint.image.knowledge import lookup, stopped_moving

    ref = parse_ref("quay.io/jupyter/base-notebook:python-3.11.10")
    assert stopped_moving(ref, lookup(ref)) == "2024-10-22"
    (f,) = [f for f in hublint.lint_text(f"FROM {ref.raw}\n") if f.code == "HUB103"]
    assert (f.severity, f.confidence) == ("info", "weak") and f.message.endswith("a tag that moved")
    assert "builds stopped pushing it on 2024-10-22" in f.help
    newest = parse_ref("quay.io/jupyter/base-notebook:python-3.13")  # still pushed when the history ends
    assert stopped_moving(newest, lookup(newest)) is None
    (g,) = [f for f in hublint.lint_text(f"FROM {newest.raw}\n") if f.code == "HUB103"]
    assert g.severity == "warning" and "a tag that moves" in g.message
