"""A bare image name (no registry, no namespace) that is none of Docker Hub's official images is a build of the
host: a `FROM` of one is judged as the repository's own last build (weak), an official image keeps its severity."""

import pytest
from conftest import lint_in as lint

from hublint.image.knowledge import official_image

USER = "RUN pip install 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\nUSER 1000\n"


@pytest.mark.parametrize(
    ("reference", "official"),
    [
        ("python", True),
        ("julia:1.11", True),
        ("java:8", True),  # deprecated, still Docker Hub's
        ("docker.io/library/node:22", True),
        ("library/golang@sha256:" + "0" * 64, True),
        ("course-base:latest", False),
        ("team/python", False),
        ("localhost:5000/python", False),
    ],
)
def test_official_images_are_the_names_docker_hub_has_used(reference, official):
    assert official_image(reference) is official


def test_a_bare_base_no_publisher_uses_is_a_local_build(tmp_path):
    make = "user:\n\tdocker build -t user:1 --build-arg BASE=course-base:latest user\n"
    files = {"Makefile": make, "user/Dockerfile": "ARG BASE\nFROM $BASE\n" + USER}
    (hit,) = [f for f in lint(tmp_path, files) if f.code == "HUB102"]
    assert hit.severity == "info" and hit.confidence == "weak" and "a bare name is a local build" in hit.message
    found = lint(tmp_path, {"user/Dockerfile": "FROM course-base\n" + USER})
    assert [(f.code, f.severity) for f in found if f.code == "HUB101"] == [("HUB101", "info")]
    # so is one the repository builds under another tag: the bare name is still no publisher's
    found = lint(tmp_path, {"Makefile": "b:\n\tdocker build -t course-base:1 base\n", "base/Dockerfile": "FROM python:3.12\n",
                            "user/Dockerfile": "FROM course-base:latest\n" + USER})
    assert [(f.code, f.severity) for f in found if f.path == "user/Dockerfile" and f.code == "HUB102"] == [("HUB102", "info")]
    # Docker Hub's own julia is a publisher's moving tag
    found = lint(tmp_path, {"user/Dockerfile": "FROM julia:latest\n" + USER})
    assert [(f.code, f.severity) for f in found if f.code == "HUB102"] == [("HUB102", "error")]


def test_a_bare_base_named_as_a_folder_of_the_repository_is_its_build(tmp_path):
    """`FROM base` beside `base/Dockerfile` (a bake named context, a script's `docker build -t base`): an
    in-repository chain, which the tag rules do not judge; a folder without a Dockerfile, or an official name,
    changes nothing."""
    files = {"stack/base/Dockerfile": "FROM python:3.12-slim\n" + USER, "stack/lab/Dockerfile": "FROM base\n" + USER,
             "stack/full/Dockerfile": "FROM lab:latest AS lab\nFROM base\n" + USER}
    found = lint(tmp_path, files)
    assert [(f.path, f.code) for f in found if f.code in ("HUB101", "HUB102", "HUB107")] == []
    other = tmp_path / "other"
    other.mkdir()
    found = lint(other, {"stack/base/README.md": "notes\n", "stack/lab/Dockerfile": "FROM base\n" + USER})
    assert [(f.code, f.severity) for f in found if f.code == "HUB101"] == [("HUB101", "info")]
    found = lint(other, {"images/python/Dockerfile": "FROM debian:12\n", "images/lab/Dockerfile": "FROM python\n" + USER})
    assert [(f.code, f.severity) for f in found if f.code == "HUB101" and f.path.startswith("images")] == [("HUB101", "error")]
