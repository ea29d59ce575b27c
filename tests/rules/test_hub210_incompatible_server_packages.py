import pytest
from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"  # notebook 7.3.2, jupyterlab 4.3.4
PY = "FROM python:3.12.8-slim\n"


def hub210(text):
    return [f for f in lint(text) if f.code == "HUB210"]


@pytest.mark.parametrize("run", ["pip install 'jupyterlab==3.6.3' 'jupyter_server>=2'",
                                 "pip install 'jupyterlab==3.6.3' 'jupyter_server<2'",  # runs: /api/me 404s only
                                 "mamba install -y 'jupyterlab=3.6' 'jupyter_server=1.24'",
                                 "pip install 'jupyterlab==3.5.3' 'jupyter_server<2'",
                                 "pip install 'jupyterlab>=3.6' 'jupyter_server<2'",  # 4.x admitted: may work
                                 "pip install 'jupyterlab==3.6.3' jupyter_server"])
def test_compatible_or_open_pairs(run):
    assert hub210(f"{PY}RUN {run}\n") == []


def test_notebook_7_needs_its_jupyterlab_minor():
    (f,) = hub210(f"{BASE}RUN pip install --no-cache-dir 'jupyterlab==4.0.13'\n")
    assert f.message == ("notebook 7.3.2 needs jupyterlab >=4.3.4,<4.4, and the image has `jupyterlab==4.0.13`")
    assert f.line == 2
    (f,) = hub210(f"{PY}RUN pip install 'notebook==7.1.0' 'jupyterlab==4.0.11'\n")
    assert "needs jupyterlab >=4.1.1,<4.2" in f.message


@pytest.mark.parametrize("text", [
    f"{BASE}RUN pip install 'jupyterlab==4.3.5'\n",  # inside the range
    f"{BASE}RUN pip install jupyterlab\n",  # already satisfied: the base's
    f"{PY}RUN pip install 'notebook==7.1.0' 'jupyterlab>=4'\n",  # some admitted pair works
    f"{PY}RUN pip install 'notebook==6.5.7' 'jupyterlab==3.6.3' 'jupyter_server>=2'\n",  # notebook 6: no lab pin
    "FROM quay.io/jupyterhub/singleuser:5.3.0-1\n",  # what a base provides was resolved by its own build
    f"{PY}RUN pip install 'notebook==7.1.0' && /opt/env/bin/pip install 'jupyterlab==4.0.11'\n",  # two envs
])
def test_silent(text):
    assert hub210(text) == []


def test_unresolved_argument_shows_the_resolved_spec():
    (f,) = hub210(f"{BASE}ARG LAB=4.0.5\nRUN pip install jupyterlab==$LAB\n")
    assert "`jupyterlab==4.0.5`" in f.message and "$" not in f.message
    assert ("HUB210", 3) in codes(f"{BASE}ARG LAB=4.0.5\nRUN pip install jupyterlab==$LAB\n")
