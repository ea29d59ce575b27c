import pytest
from conftest import lint, lint_repo

IMAGE = "FROM python:{py}\nRUN pip install --no-cache-dir 'jupyterhub=={hub}' 'notebook==6.5.7'\n"
LEGACY = "ENV JUPYTERHUB_SINGLEUSER_APP=notebook.notebookapp.NotebookApp\n"
CMD = 'USER 1000\nCMD ["jupyterhub-singleuser"]\n'


def hub216(text, **options):
    return [f for f in lint(text, **options) if f.code == "HUB216"]


def test_legacy_app_on_python_312():
    """failure-modes-2 t05b: the legacy app variable starts notebook 6 on Python 3.12.8."""
    (f,) = hub216(IMAGE.format(py="3.12.8-slim", hub="4.1.6") + LEGACY + CMD)
    assert (f.line, f.column, f.end_column) == (2, 52, 69)  # the spec as written
    assert f.message == ("notebook 6.5.7 imports `distutils`, which Python 3.12.8 removed and no setuptools here "
                         "provides")
    assert f.help.startswith("`JUPYTERHUB_SINGLEUSER_APP=notebook.notebookapp.NotebookApp` starts the classic server")


def test_jupyter_server_is_started_by_default():
    """failure-modes-2 t05: jupyterhub 4 without the variable runs Jupyter Server, which does not import notebook 6."""
    assert hub216(IMAGE.format(py="3.12.8-slim", hub="4.1.6") + CMD) == []


@pytest.mark.parametrize("text", [
    IMAGE.format(py="3.13.1-slim", hub="1.5.0") + CMD,  # jupyterhub 1 always runs the classic server
    IMAGE.format(py="3.12-slim", hub="4.1.6") + 'USER 1000\nCMD ["jupyter", "notebook", "--ip=0.0.0.0"]\n',
])
def test_other_starters(text):
    assert len(hub216(text)) == 1


@pytest.mark.parametrize("text", [
    IMAGE.format(py="3.11.11-slim", hub="4.1.6") + LEGACY + CMD,  # distutils is there
    IMAGE.format(py="3.12.5-slim", hub="4.1.6") + LEGACY + CMD,  # built before setuptools left the images
    IMAGE.format(py="3.12.8-slim", hub="4.1.6") + "RUN pip install --no-cache-dir setuptools\n" + LEGACY + CMD,
    "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==4.1.6' 'notebook==7.3.2'\n" + LEGACY + CMD,
    "FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN mamba install --yes 'notebook=6.5.7'\n" + LEGACY,  # conda
    "FROM example.org/team/py312:1\nRUN pip install 'jupyterhub==4.1.6' 'notebook==6.5.7'\n" + LEGACY + CMD,
])
def test_silent(text):
    assert hub216(text) == []


def test_spawner_command_runs_jupyter_notebook():
    files = {
        "jupyterhub_config.py": "c = get_config()\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
        "c.DockerSpawner.image = 'example.org/team/classic:1.0'\nc.Spawner.cmd = ['jupyter', 'notebook']\n",
        "build.sh": "docker build -t example.org/team/classic:1.0 classic\n",
        "classic/Dockerfile": IMAGE.format(py="3.12.8-slim", hub="4.1.6") + "USER 1000\n",
    }
    (f,) = lint_repo(files, "HUB216")
    assert f.path == "classic/Dockerfile" and "the spawner's cmd (`jupyter notebook`)" in f.help
