import pytest
from conftest import codes

TAIL = "USER 1000\nCMD [\"jupyterhub-singleuser\"]\n"


@pytest.mark.parametrize("run", [
    "pip install 'jupyterhub==5.3.0' jupyterlab",
    "python3 -m pip install --no-cache-dir 'jupyterhub==5.3.0' jupyterlab",
    "pip3.12 install -U 'jupyterhub==5.3.0' jupyterlab",
    "uv pip install --system 'jupyterhub==5.3.0' jupyterlab",
    "micromamba install -y -n base -c conda-forge jupyterhub-singleuser=5.3.0",
    "conda install -y jupyterhub-base=5.3.0 jupyterlab",
    "apt-get update && sh -c \"pip install 'jupyterhub==5.3.0' jupyterlab\"",
    "set -eux; if true; then pip install 'jupyterhub==5.3.0' jupyterlab; fi",
])
def test_installs_are_found(run):
    assert codes(f"FROM python:3.12\nRUN {run}\n{TAIL}") == []


def test_exec_form_and_heredoc():
    assert codes(f'FROM python:3.12\nRUN ["pip", "install", "jupyterhub==5.3.0", "jupyterlab"]\n{TAIL}') == []
    assert codes(f"FROM python:3.12\nRUN <<EOF\nset -e\npip install 'jupyterhub==5.3.0' jupyterlab\nEOF\n{TAIL}") == []
    # a python heredoc is not a shell script
    assert ("HUB201", 1) in codes(f"FROM python:3.12\nRUN python3 <<EOF\nprint('pip install jupyterhub')\nEOF\n"
                                   f"RUN pip install jupyterlab\n{TAIL}")


def test_fires_on_known_bases_without_it():
    assert ("HUB201", 1) in codes(f"FROM python:3.12\nRUN pip install jupyterlab\n{TAIL}")
    assert ("HUB201", 1) in codes(f"FROM quay.io/jupyter/docker-stacks-foundation:2025-01-06\n"
                                  f"RUN mamba install -y jupyterlab\n{TAIL}")
    assert ("HUB201", 1) in codes("FROM scratch\nCOPY x /x\n")


def test_feeder_stage_installs_count():
    text = ("FROM python:3.12 AS env\nRUN pip install --prefix=/opt/env 'jupyterhub==5.3.0' jupyterlab\n"
            f"FROM python:3.12\nCOPY --from=env /opt/env /usr/local\n{TAIL}")
    assert codes(text) == []


def test_installs_in_unrelated_stage_do_not_count():
    text = ("FROM python:3.12 AS other\nRUN pip install 'jupyterhub==5.3.0' jupyterlab\n"
            f"FROM python:3.12\n{TAIL}")
    assert ("HUB201", 3) in codes(text)


def test_unknown_install_silences(tmp_path):
    text = f"FROM python:3.12\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\n{TAIL}"
    assert codes(text) == []
    # the same file read from the build context
    (tmp_path / "requirements.txt").write_text("jupyterlab==4.3.4  # the UI\n")
    assert ("HUB201", 1) in codes(text, context=str(tmp_path))
    (tmp_path / "requirements.txt").write_text("jupyterhub==5.3.0\n-r more.txt\n")
    (tmp_path / "more.txt").write_text("jupyterlab\n")
    assert codes(text, context=str(tmp_path)) == []


def test_environment_yml_from_context(tmp_path):
    (tmp_path / "environment.yml").write_text(
        "dependencies:\n  - python=3.12\n  - jupyterhub-singleuser=5.3.0\n  - pip:\n    - nbgitpuller\n")
    text = (f"FROM quay.io/jupyter/docker-stacks-foundation:2025-01-06\nCOPY environment.yml /tmp/env.yml\n"
            f"RUN mamba env update -n base -f /tmp/env.yml\n{TAIL}")
    assert codes(text, context=str(tmp_path)) == []


def test_unknown_base_is_hub107_not_hub201():
    assert [c for c, _ in codes(f"FROM example.org/x:1\nRUN pip install jupyterlab\n{TAIL}")] == ["HUB107"]


@pytest.mark.parametrize("run", ["poetry install --no-root", "pipenv install --system --deploy", "pdm sync",
                                 "uv sync --frozen", "uv pip sync requirements.lock", "pip-sync requirements.txt",
                                 "pixi install", "python setup.py install", "conda-lock install -n base conda-lock.yml"])
def test_project_and_lock_file_installers_are_unknown_installs(run):
    assert codes(f"FROM python:3.12\nRUN {run}\n{TAIL}") == []


def test_a_configuration_spawning_an_image_known_to_have_no_jupyterhub():
    """z2jh values or a DockerSpawner configuration that spawn an OS/CUDA/Python image: no jupyterhub-singleuser
    there — an error at the image setting; a docker-stacks image, an image built here under that name, an unknown
    image and a command that is another program are not reported."""
    from conftest import lint_repo

    values = ("singleuser:\n  image:\n    name: nvidia/cuda\n    tag: 12.2.0-runtime-ubuntu22.04\n  profileList:\n"
              "    - display_name: lab\n      kubespawner_override:\n        image: quay.io/jupyter/base-notebook:2025-01-06\n"
              "    - display_name: other\n      kubespawner_override:\n        image: registry.example.org/team/lab:1.0\n"
              "    - display_name: cuda\n      kubespawner_override:\n        cpu_limit: 2\n")  # spawns singleuser.image
    found = lint_repo({"config.yaml": values}, "HUB201")
    assert [(f.path, f.line, f.severity) for f in found] == [("config.yaml", 4, "error")]
    assert "`nvidia/cuda:12.2.0-runtime-ubuntu22.04` has no jupyterhub" in found[0].message
    config = 'c = get_config()\nc.JupyterHub.spawner_class = "docker"\nc.DockerSpawner.image = "python:3.12-slim"\n'
    assert [f.line for f in lint_repo({"jupyterhub_config.py": config}, "HUB201")] == [3]
    other_cmd = values.replace("singleuser:\n", "singleuser:\n  cmd: [/opt/start-server.sh]\n", 1)
    assert lint_repo({"config.yaml": other_cmd}, "HUB201") == []
    as_text = values.replace("singleuser:\n", "singleuser:\n  cmd: jupyterhub-singleuser --debug\n", 1)
    assert len(lint_repo({"config.yaml": as_text}, "HUB201")) == 1
    in_profile = ("singleuser:\n  profileList:\n    - display_name: gpu\n      kubespawner_override:\n"
                  "        image: nvidia/cuda:12.2.0-runtime-ubuntu22.04\n        cmd: [/opt/start-server.sh]\n")
    assert lint_repo({"config.yaml": in_profile}, "HUB201") == []
    env = {".env": "NOTEBOOK_IMAGE=python:3.12-slim\n",
           "docker-compose.yml": "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n"
                                 "    environment:\n      NOTEBOOK_IMAGE: ${NOTEBOOK_IMAGE}\n",
           "jupyterhub_config.py": 'import os\nc = get_config()\nc.JupyterHub.spawner_class = "docker"\n'
                                   'c.DockerSpawner.image = os.environ["NOTEBOOK_IMAGE"]\n'
                                   'c.DockerSpawner.cmd = ["/opt/start-server.sh"]\n'}
    assert lint_repo(env, "HUB201") == []  # the command of the configuration that reads it is another program
    built = {"config.yaml": values, "gpu/Dockerfile": "FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04\nRUN pip install jupyterhub\n",
             "build.sh": "#!/bin/sh\ndocker build -t nvidia/cuda:12.2.0-runtime-ubuntu22.04 gpu\n"}
    assert [f.path for f in lint_repo(built, "HUB201")] == []


def test_an_error_only_for_an_image_the_deployment_spawns():
    """No jupyterhub breaks a spawn only when a Hub starts the image: an error when a configuration spawns it by
    name, a weak info when nothing in view spawns it (a standalone notebook image, a stage, a tool)."""
    from conftest import alone_and_spawned

    lab = "FROM python:3.12-slim\nRUN pip install --no-cache-dir jupyterlab==4.4.5\nUSER 1000\n"
    assert alone_and_spawned(lab, "HUB201") == ([("info", "weak")], [("lab/Dockerfile", "error")])
