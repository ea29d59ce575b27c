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


def test_a_conda_prefix_that_is_not_condas_own_is_no_root():
    """`CONDA_PREFIX` names conda's root only when its `bin` is on PATH; an application's prefix is not."""
    text = (f"{CONDA}ENV CONDA_PREFIX=/opt/app\nRUN conda create -y -p $CONDA_PREFIX python=3.12 && "
            f"conda create -y -n lab jupyterhub jupyterlab\nENV PATH=/opt/conda/envs/lab/bin:$PATH\n{CMD}")
    assert hub211(text) == []
    # conda installed at CONDA_PREFIX and run from there in the same RUN, its bin put on PATH only afterwards
    ours = ("FROM ubuntu:22.04\nENV CONDA_PREFIX=/srv/conda\nRUN bash /tmp/Miniconda3.sh -b -p ${CONDA_PREFIX} && "
            "${CONDA_PREFIX}/bin/conda create -y -n lab jupyterhub jupyterlab\n"
            f"ENV PATH=${{CONDA_PREFIX}}/bin:/srv/conda/envs/lab/bin:$PATH\n{CMD}")
    assert hub211(ours) == []


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
    # conda installed at the prefix CONDA_PREFIX names: its environments are under it, and on PATH here
    "FROM ubuntu:22.04\nENV CONDA_PREFIX=/srv/conda\nENV PATH=${CONDA_PREFIX}/bin:$PATH\n"
    "RUN bash /tmp/miniconda.sh -b -p ${CONDA_PREFIX} && conda create -y -n lab jupyterhub jupyterlab\n"
    f"ENV PATH=${{CONDA_PREFIX}}/envs/lab/bin:$PATH\n{CMD}",
    f"{PY}RUN pip install jupyterhub jupyterlab && /opt/venv/bin/pip install jupyterhub\n{CMD}",  # one on PATH
    "FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN mamba create -y -n r41 r-base jupyterhub\n",  # base has one
    "FROM mambaorg/micromamba:1.5.8\nRUN micromamba create -y -n lab jupyterhub jupyterlab\n",  # its entrypoint
    "FROM example.org/unknown:1\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install jupyterhub jupyterlab\n",
])
def test_silent(text):
    assert hub211(text) == []


MINIFORGE = "FROM condaforge/miniforge3:24.11.3-0\nRUN conda create -y -n lab python=3.12\n"
SERVER = "'jupyterhub==5.2.1' 'jupyterlab==4.3.4'"


def test_shell_conda_run_installs_into_that_environment():
    """A shell-form RUN under `SHELL ["conda", "run", "-n", NAME, …]` installs into NAME; the exec-form CMD does
    not run in that shell, so `jupyterhub-singleuser` is not found (failure-modes-2 s1)."""
    text = f'{MINIFORGE}SHELL ["conda", "run", "-n", "lab", "/bin/bash", "-c"]\nRUN pip install {SERVER}\n{CMD}'
    (f,) = hub211(text)
    assert (f.line, f.column) == (4, 17)
    assert "`/opt/conda/envs/lab`" in f.message
    assert f.help.startswith('`SHELL ["conda", "run", …]` activates it for `RUN` only, not for the server: ')
    assert "add `ENV PATH=/opt/conda/envs/lab/bin:$PATH`" in f.help


@pytest.mark.parametrize("run", [
    f"RUN conda run -n lab pip install {SERVER}",
    f"RUN mamba run --name lab python -m pip install {SERVER}",
    f"RUN conda run -n lab bash -c \"pip install {SERVER}\"",
    f"RUN micromamba run -p /opt/conda/envs/lab pip install {SERVER}",
])
def test_conda_run_in_the_run_line(run):
    (f,) = hub211(f"{MINIFORGE}{run}\n{CMD}")
    assert "`/opt/conda/envs/lab`" in f.message and f.line == 3


def test_conda_run_installs_are_read_for_the_other_rules():
    """`conda run -n lab pip install jupyterhub` installs jupyterhub: HUB201/HUB202 do not say it is missing."""
    found = [f.code for f in lint(f"{MINIFORGE}RUN conda run -n lab pip install {SERVER}\n{CMD}")]
    assert "HUB201" not in found and "HUB202" not in found


@pytest.mark.parametrize("text", [
    # the environment on PATH
    f'{MINIFORGE}SHELL ["conda", "run", "-n", "lab", "/bin/bash", "-c"]\nRUN pip install {SERVER}\n'
    f"ENV PATH=/opt/conda/envs/lab/bin:$PATH\n{CMD}",
    # a shell-form CMD runs in the image's SHELL, which activates it
    f'{MINIFORGE}SHELL ["conda", "run", "-n", "lab", "/bin/bash", "-c"]\nRUN pip install {SERVER}\nUSER 1000\n'
    "CMD jupyterhub-singleuser\n",
    # `-n base` is the default environment
    f'{MINIFORGE}SHELL ["conda", "run", "-n", "base", "/bin/bash", "-c"]\nRUN pip install {SERVER}\n{CMD}',
    # an exec-form RUN does not go through SHELL
    f'{MINIFORGE}SHELL ["conda", "run", "-n", "lab", "/bin/bash", "-c"]\n'
    f'RUN ["pip", "install", "jupyterhub==5.2.1", "jupyterlab==4.3.4"]\n{CMD}',
])
def test_shell_silent(text):
    assert hub211(text) == []


def test_shell_is_inherited_through_from_stage():
    text = (f'{MINIFORGE}SHELL ["conda", "run", "-n", "lab", "/bin/bash", "-c"]\nFROM 0 AS lab\n'
            f"RUN pip install {SERVER}\n{CMD}")
    text = text.replace("FROM condaforge/miniforge3:24.11.3-0\n", "FROM condaforge/miniforge3:24.11.3-0 AS base\n")
    text = text.replace("FROM 0 AS lab", "FROM base AS lab")
    (f,) = hub211(text)
    assert f.line == 5
