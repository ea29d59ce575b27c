import pytest
from conftest import lint_repo


def hub506(text, url, files=None):
    """The image beside z2jh values whose `singleuser.defaultUrl` (line 4) is ``url``."""
    values = f"hub: {{}}\nproxy: {{}}\nsingleuser:\n  defaultUrl: {url!r}\n"
    return lint_repo({"values.yaml": values, "Dockerfile": text, **(files or {})}, "HUB506", "singleuser")


PY = "FROM python:3.12.8-slim\n"


@pytest.mark.parametrize(("install", "url", "missing"), [
    ("pip install 'jupyterhub==5.3.0' 'notebook==6.5.7'", "/lab", "jupyterlab"),  # notebook 6: no jupyterlab
    ("pip install 'jupyterhub==5.3.0' 'notebook<7'", "/lab", "jupyterlab"),
    ("pip install 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'", "/tree", "notebook or nbclassic"),
    ("pip install 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'", "/rstudio", "jupyter-rsession-proxy"),
    ("pip install 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'", "/voila/render/app.ipynb", "voila"),
    ("pip install 'jupyterhub==5.3.0' 'notebook==6.5.7'", "/lab/tree/x.ipynb?reset", "jupyterlab"),
])
def test_the_ui_is_missing(install, url, missing):
    (f,) = hub506(f"{PY}RUN {install}\n", url)
    assert f.message == f"the deployment opens `{url}` (values.yaml:4), but the image has no {missing}"


@pytest.mark.parametrize(("text", "url"), [
    (f"{PY}RUN pip install 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'\n", "/lab"),
    ("FROM quay.io/jupyter/base-notebook:2025-01-06\n", "/lab"),  # the base provides it
    ("FROM quay.io/jupyter/base-notebook:2025-01-06\n", "/tree"),
    (f"{PY}RUN pip install 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'\n", "/custom-app"),  # not a known UI
    ("FROM example.org/custom:1\n", "/lab"),  # what the base has is not known
    (f"{PY}COPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\n", "/lab"),  # unread install
])
def test_silent(text, url):
    assert hub506(text, url) == []


def test_a_package_in_another_environment_does_not_serve_it():
    text = f"{PY}RUN pip install 'jupyterhub==5.3.0' 'notebook==6.5.7' && /opt/env/bin/pip install jupyterlab\n"
    assert len(hub506(text, "/lab")) == 1


@pytest.mark.parametrize(("install", "url"), [
    ("pip install 'jupyterhub==5.3.0' 'notebook==7.3.2'", "/lab"),  # notebook 7 depends on jupyterlab 4
    ("pip install 'jupyterhub==5.3.0' notebook", "/lab"),  # the newest notebook: 7
    ("pip install 'jupyterhub==5.3.0' 'notebook>=6.5'", "/lab"),  # may be 7
    ("mamba install -y 'jupyterhub-singleuser=5.3.0' 'notebook=7.3.2'", "/lab/tree/x.ipynb"),
    ("pip install 'jupyterhub==4.1.6' 'jupyterlab==3.6.8'", "/tree"),  # jupyterlab 3.6 depends on notebook<7
])
def test_an_install_brings_its_dependencies(install, url):
    assert hub506(f"{PY}RUN {install}\n", url) == []
