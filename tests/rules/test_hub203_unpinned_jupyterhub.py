import pytest
from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("spec", ["jupyterhub", "'jupyterhub>=4'", "'jupyterhub<5'", "'jupyterhub!=4.0.0'",
                                  "'jupyterhub>=4,<6'"])
def test_pip_unpinned(spec):
    assert ("HUB203", 2) in codes(f"{BASE}RUN pip install {spec}\n")


@pytest.mark.parametrize("spec", ["'jupyterhub==4.0.2'", "'jupyterhub==4.*'", "'jupyterhub~=4.1'",
                                  "'jupyterhub>=4,<5'", "'jupyterhub>=4.1.0,<4.2'", "'jupyterhub<=4.1.6,>=4'"])
def test_pip_pinned(spec):
    assert "HUB203" not in [c for c, _ in codes(f"{BASE}RUN pip install {spec}\n")]


@pytest.mark.parametrize(("spec", "pinned"), [
    ("jupyterhub", False), ("jupyterhub-singleuser", False), ("'jupyterhub>=4'", False),
    ("jupyterhub=4.0.2", True), ("jupyterhub=4", True), ("'jupyterhub==4.0.2'", True), ("'jupyterhub>=4,<5'", True),
    ("conda-forge::jupyterhub-base=5.3.0", True), ("'jupyterhub-base 5.3.0'", True),
    ("\"jupyterhub[version='>=4,<5']\"", True), ("'jupyterhub=4.1|4.2'", True), ("'jupyterhub=4|5'", False),
])
def test_conda(spec, pinned):
    found = "HUB203" in [c for c, _ in codes(f"{BASE}RUN mamba install -y {spec}\n")]
    assert found is not pinned


def test_version_from_args():
    assert "HUB203" not in [c for c, _ in codes(f"{BASE}ARG JH=5.3.0\nRUN pip install jupyterhub==$JH\n")]
    assert "HUB203" not in [c for c, _ in codes(f"{BASE}ARG JH\nRUN pip install jupyterhub==$JH\n")]


def test_unreadable_constraints_file_is_not_judged():
    assert "HUB203" not in [c for c, _ in codes(f"{BASE}RUN pip install -c /tmp/constraints.txt jupyterhub\n")]


def test_anchor_first_line_of_a_multi_line_run():
    (f,) = [f for f in lint(f"{BASE}RUN apt-get update && \\\n    pip install jupyterhub\n") if f.code == "HUB203"]
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 1, 3, 27)


def test_anchor_on_the_spec_when_on_the_first_line():
    (f,) = [f for f in lint(f"{BASE}RUN pip install jupyterhub\n") if f.code == "HUB203"]
    assert (f.line, f.column, f.end_column) == (2, 17, 27)


def test_conditional_pin_from_a_build_arg_is_not_judged():
    text = f"{BASE}ARG JUPYTERHUB_VERSION\nRUN pip install \"jupyterhub${{JUPYTERHUB_VERSION:+==$JUPYTERHUB_VERSION}}\"\n"
    assert "HUB203" not in [c for c, _ in codes(text)]
