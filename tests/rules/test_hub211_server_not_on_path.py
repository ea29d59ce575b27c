import pytest
from conftest import lint

PY = "FROM python:3.12.8-slim\n"
CONDA = "FROM continuumio/miniconda3:24.1.2-0\n"
CMD = 'USER 1000\nCMD ["jupyterhub-singleuser"]\n'


def hub211(text, **options):
    return [f for f in lint(text, **options) if f.code == "HUB211"]


@pytest.mark.parametrize(("install", "prefix"), [
    ("RUN python -m venv /opt/venv && /opt/venv/bin/pip install 'jupyterhub==5.3.0' jupyterlab", "/opt/venv"),
    ("RUN uv venv /srv/env && uv pip install --python /srv/env/bin/python 'jupyterhub==5.3.0' jupyterlab",
     "/srv/env"),
    ("RUN pip install --user 'jupyterhub==5.3.0' jupyterlab", "/root/.local"),
])
def test_venvs_and_user_installs(install, prefix):
    (f,) = hub211(f"{PY}{install}\n{CMD}")
    assert f.message.startswith(f"jupyterhub is installed in `{prefix}`, whose `bin` is not on the image's PATH")
    assert f.help == f"add `ENV PATH={prefix}/bin:$PATH`, or install into the default environment"


def test_conda_envs_by_name_prefix_and_environment_file(tmp_path):
    assert hub211(f"{CONDA}RUN conda create -y -n py311 python=3.11 jupyterhub jupyterlab\n{CMD}")
    assert hub211(f"{CONDA}RUN conda create -y -p /srv/conda jupyterhub jupyterlab\n{CMD}")
    (tmp_path / "environment.yml").write_text("name: course\ndependencies:\n  - jupyterhub=5.3\n  - jupyterlab\n")
    text = f"{CONDA}COPY environment.yml /tmp/\nRUN conda env create -f /tmp/environment.yml\n{CMD}"
    (f,) = hub211(text, context=str(tmp_path))
    assert "`/opt/conda/envs/course`" in f.message


@pytest.mark.parametrize("text", [
    f"{PY}RUN python -m venv /opt/venv && /opt/venv/bin/pip install jupyterhub jupyterlab\n"
    f"ENV PATH=/opt/venv/bin:$PATH\n{CMD}",
    f"{CONDA}RUN conda create -y -n py311 jupyterhub jupyterlab\nUSER 1000\n"
    'CMD ["conda", "run", "-n", "py311", "jupyterhub-singleuser"]\n',
    f"{PY}RUN python -m venv /opt/venv && /opt/venv/bin/pip install jupyterhub jupyterlab\nUSER 1000\n"
    'CMD ["/opt/venv/bin/jupyterhub-singleuser"]\n',
    f"{PY}RUN python -m venv /opt/venv && /opt/venv/bin/pip install jupyterhub jupyterlab\n"
    f'ENTRYPOINT ["/entrypoint.sh"]\n{CMD}',  # an ENTRYPOINT of its own may activate it
    f"{CONDA}RUN conda install -y -n base jupyterhub jupyterlab\n{CMD}",  # the default environment
    f"{PY}RUN pip install jupyterhub jupyterlab && /opt/venv/bin/pip install jupyterhub\n{CMD}",  # one on PATH
    "FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN mamba create -y -n r41 r-base jupyterhub\n",  # base has one
    "FROM mambaorg/micromamba:1.5.8\nRUN micromamba create -y -n lab jupyterhub jupyterlab\n",  # its entrypoint
    "FROM example.org/unknown:1\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install jupyterhub jupyterlab\n",
])
def test_silent(text):
    assert hub211(text) == []
