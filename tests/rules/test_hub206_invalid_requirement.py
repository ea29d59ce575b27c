import pytest
from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("spec", ["jupyterhub>=4", "notebook<7", "'jupyterhub=4.0.2'", "'pkg==1.0 ;;'",
                                  "jupyterhub>4.0"])
def test_fires(spec):
    assert ("HUB206", 2) in codes(f"{BASE}RUN pip install {spec}\n")


@pytest.mark.parametrize("run", ["pip install 'jupyterhub>=4,<5' > /dev/null", "pip install x 2>&1",
                                 "pip install \"notebook<7\"", "mamba install -y jupyterhub=4.0.2",
                                 "pip install 'pkg[extra]==1.0'", "pip install git+https://x/y.git",
                                 "pip install ./local"])
def test_silent(run):
    assert "HUB206" not in [c for c, _ in codes(f"{BASE}RUN {run}\n")]


def test_messages():
    (f,) = [f for f in lint(f"{BASE}RUN pip install nbgitpuller>=1.2\n") if f.code == "HUB206"]
    assert "`nbgitpuller>=1.2` is not quoted" in f.message and "redirection" in f.message
    assert f.help == "quote it: `'nbgitpuller>=1.2'`"
    (f,) = [f for f in lint(f"{BASE}RUN pip install jupyterhub=4.0.2\n") if f.code == "HUB206"]
    assert "`jupyterhub==4.0.2`" in f.help
