import pytest
from conftest import codes, lint

RUN = "RUN pip install 'jupyterhub==5.3.0' jupyterlab\nCMD [\"jupyterhub-singleuser\"]\n"


@pytest.mark.parametrize("base", ["python:3.12", "ubuntu:24.04", "continuumio/miniconda3:24.11.1-0",
                                  "nvidia/cuda:12.4.1-runtime-ubuntu22.04"])
def test_fires_on_root_bases(base):
    assert ("HUB302", 1) in codes(f"FROM {base}\n{RUN}")


@pytest.mark.parametrize("base", ["quay.io/jupyter/base-notebook:2025-01-06", "mambaorg/micromamba:2.0.5",
                                  "example.org/unknown:1"])
def test_silent_on_non_root_or_unknown_bases(base):
    assert "HUB302" not in [c for c, _ in codes(f"FROM {base}\n{RUN}")]


def test_any_user_in_the_chain_silences():
    assert "HUB302" not in [c for c, _ in codes(f"FROM python:3.12 AS b\nUSER 1000\nFROM b\n{RUN}")]


def test_a_switch_of_user_before_the_server_makes_it_a_weak_info():
    text = ("FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab==4.3.4\n"
            'ENTRYPOINT ["gosu", "1000"]\nCMD ["jupyterhub-singleuser"]\n')
    (f,) = [f for f in lint(text) if f.code == "HUB302"]
    assert (f.severity, f.confidence) == ("info", "weak") and "`gosu` hands the server to `1000`" in f.message
    (f,) = [f for f in lint(text.replace('"gosu", "1000"', '"tini", "--"')) if f.code == "HUB302"]
    assert (f.severity, f.confidence) == ("warning", "certain")
