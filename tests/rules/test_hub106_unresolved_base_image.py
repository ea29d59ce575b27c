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
