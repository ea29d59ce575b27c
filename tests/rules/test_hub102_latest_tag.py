import pytest
from conftest import codes, lint, lint_repo


@pytest.mark.parametrize("text", [
    "FROM quay.io/jupyter/base-notebook:latest\n",
    "FROM quay.io/jupyter/pytorch-notebook:cuda12-latest\n",
    "ARG TAG=latest\nFROM python:${TAG}\n",
    "FROM example.org/x:latest AS feeder\nFROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY --from=feeder /a /a\n",
])
def test_fires(text):
    assert "HUB102" in [c for c, _ in codes(text)]


@pytest.mark.parametrize("text", [
    "FROM python:latest@sha256:" + "b" * 64 + "\n",
    "FROM python:3.12-latestish\n",
    "FROM quay.io/jupyter/base-notebook:2025-01-06\n",
])
def test_silent(text):
    assert "HUB102" not in [c for c, _ in codes(text)]


def test_points_at_the_tag():
    (f,) = [f for f in lint("FROM quay.io/jupyter/base-notebook:latest\n") if f.code == "HUB102"]
    assert (f.column, f.end_column) == (36, 42)


LAB = ("FROM quay.io/jupyter/base-notebook:2025-01-06\n"
       "RUN mamba install --yes 'jupyterhub-singleuser==5.2.1'\n")


def test_a_latest_image_the_repository_builds_is_its_own_last_build():
    config = ('c = get_config()\nc.JupyterHub.spawner_class = "docker"\n'
              'c.DockerSpawner.image = "example.org/team/lab:latest"\n')
    files = {"jupyterhub_config.py": config, "lab/Dockerfile": LAB,
             "build.sh": "docker build -t example.org/team/lab:latest lab\n"}
    (f,) = lint_repo(files, "HUB102")
    assert (f.line, f.severity, f.confidence) == (3, "info", "weak") and "this repository builds it" in f.message
    elsewhere = {**files, "build.sh": "docker build -t example.org/team/lab:2025.01 lab\n"}
    assert [(f.path, f.line, f.severity) for f in lint_repo(elsewhere, "HUB102")] == [("jupyterhub_config.py", 3, "error")]


def test_latest_pulled_if_not_present_stays_reported_when_built_here():
    values = ("singleuser:\n  image:\n    name: example.org/team/lab\n    tag: latest\n"
              "    pullPolicy: IfNotPresent\n")
    files = {"config.yaml": values, "lab/Dockerfile": LAB, "build.sh": "docker build -t example.org/team/lab:latest lab\n"}
    assert [(f.path, f.line, f.severity) for f in lint_repo(files, "HUB102")] == [("config.yaml", 4, "error")]
    values = values.replace("    pullPolicy: IfNotPresent\n", "")
    assert [(f.line, f.severity) for f in lint_repo({**files, "config.yaml": values}, "HUB102")] == [(4, "info")]


def test_a_latest_base_the_repository_builds_is_its_own_last_build():
    files = {"base/Dockerfile": LAB, "Makefile": "all:\n\tdocker build -t team/base:latest base\n",
             "lab/Dockerfile": "FROM team/base:latest\nUSER 1000\n"}
    (f,) = [f for f in lint_repo(files, "HUB102", role="singleuser") if f.path == "lab/Dockerfile"]
    assert (f.severity, f.confidence) == ("info", "weak") and "this repository builds it" in f.message
    other = {**files, "Makefile": "all:\n\tdocker build -t team/base:2025.01 base\n"}
    found = [(f.path, f.severity) for f in lint_repo(other, "HUB102", role="singleuser")]
    assert found == [("lab/Dockerfile", "error")]


def test_a_build_with_a_computed_tag_does_not_build_latest():
    """`-t team/lab:$(git rev-parse --short HEAD)` builds commit tags: a configuration's `latest` is not it."""
    config = ('c = get_config()\nc.JupyterHub.spawner_class = "docker"\n'
              'c.DockerSpawner.image = "example.org/team/lab:latest"\n')
    files = {"jupyterhub_config.py": config, "lab/Dockerfile": LAB,
             "Makefile": "lab:\n\tdocker build -t example.org/team/lab:$(shell git rev-parse --short HEAD) lab\n"}
    assert [(f.line, f.severity) for f in lint_repo(files, "HUB102")] == [(3, "error")]


def test_latest_on_the_frozen_docker_hub_copies_is_not_called_moving():
    """jupyter/base-notebook:latest stopped at Docker Hub's last build (2023-10-20): still a finding (no version
    is named), but not a "moving" tag; quay.io's latest moves."""
    (f,) = [f for f in lint("FROM jupyter/base-notebook:latest\n") if f.code == "HUB102"]
    assert "(frozen on Docker Hub): it names no version" in f.message and "moving" not in f.message
    assert (f.severity, f.confidence) == ("info", "weak")  # it no longer moves: HUB104 says where the images went
    (g,) = [f for f in lint("FROM quay.io/jupyter/base-notebook:latest\n") if f.code == "HUB102"]
    assert "the moving tag `latest`" in g.message and g.severity == "error"
    config = 'c = get_config()\nc.DockerSpawner.image = "jupyter/scipy-notebook:latest"\n'
    (h,) = lint_repo({"jupyterhub_config.py": config}, "HUB102")
    assert (h.severity, "it names no version" in h.message) == ("info", True)


@pytest.mark.parametrize(("policy", "severity"), [("Never", "info"), ("IfNotPresent", "error"), ("Always", "error")])
def test_a_spawn_image_never_pulled_is_loaded_onto_the_nodes_by_hand(policy, severity):
    values = f"singleuser:\n  image:\n    name: example.org/team/lab\n    tag: latest\n    pullPolicy: {policy}\n"
    (f,) = lint_repo({"config.yaml": values}, "HUB102")
    assert f.severity == severity
    assert ("never pulled" in f.message) is (policy == "Never")
    profiles = ("singleuser:\n  profileList:\n  - display_name: a\n    kubespawner_override:\n"
                f"      image: example.org/team/lab:latest\n      image_pull_policy: {policy}\n")
    (g,) = lint_repo({"config.yaml": profiles}, "HUB102")
    assert g.severity == severity


def test_a_publishers_image_is_not_a_build_whose_name_is_partly_computed():
    """`docker build -t $REGISTRY/jupyterhub hub` builds the repository's own image, not Docker Hub's
    `jupyterhub/jupyterhub`: a `FROM jupyterhub/jupyterhub:latest` keeps its error (not "this repository builds
    it"); a base written as the computed name stays the repository's own."""
    from conftest import lint_repo

    hub = "FROM jupyterhub/jupyterhub:latest\nRUN pip install dockerspawner==14.0.0\nCMD [\"jupyterhub\"]\n"
    files = {"hub/Dockerfile": hub, "build.sh": "REGISTRY=$(gcloud config get project)\n"
                                                "docker build -t $REGISTRY/jupyterhub hub\n"}
    (f,) = lint_repo(files, "HUB102")
    assert f.severity == "error" and "this repository builds it" not in f.message


def test_the_pin_example_of_a_frozen_docker_hub_image_is_on_quay():
    """Docker Hub got no docker-stacks build after 2023-10-20: a dated tag there would not exist, so the example
    tag the help gives is quay.io's."""
    (f,) = [f for f in lint("FROM jupyter/scipy-notebook:latest\n") if f.code == "HUB102"]
    assert "e.g. `quay.io/jupyter/scipy-notebook:" in f.help and "`jupyter/scipy-notebook:2" not in f.help
    (g,) = [f for f in lint("FROM quay.io/jupyter/scipy-notebook:latest\n") if f.code == "HUB102"]
    assert "e.g. `quay.io/jupyter/scipy-notebook:" in g.help
