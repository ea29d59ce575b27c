import pytest
from conftest import lint, lint_repo


def hub409(text, cmd, files=None):
    """The image in a repository whose `jupyterhub_config.py` sets the spawner's command on line 7."""
    config = "c = get_config()\n" + "\n" * 5 + f"c.Spawner.cmd = {list(cmd)!r}\n"
    return lint_repo({"jupyterhub_config.py": config, "Dockerfile": text, **(files or {})}, "HUB409", "singleuser")


OWN = "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==5.3.0' jupyterlab\nUSER 1000\n"


@pytest.mark.parametrize("program", ["start-singleuser.sh", "/usr/local/bin/start-notebook.py", "start.sh"])
def test_docker_stacks_scripts_on_another_image(program):
    (f,) = hub409(OWN, [program, "--debug"])
    name = program.rsplit("/", 1)[-1]
    assert f.message == f"the deployment starts `{name}` (jupyterhub_config.py:7), which only docker-stacks images have"


def test_py_scripts_on_a_base_that_predates_them():
    (f,) = hub409("FROM jupyter/base-notebook:2023-06-01\n", ["start-singleuser.py"])
    assert "predates docker-stacks' `.py` start scripts" in f.message and "start-singleuser.sh" in f.help
    assert hub409("FROM jupyter/base-notebook:2023-06-01\n", ["start-singleuser.sh"]) == []
    assert hub409("FROM quay.io/jupyter/base-notebook:2025-01-06\n", ["start-singleuser.py"]) == []


def test_silent_when_the_image_brings_it_or_cannot_be_judged():
    assert hub409(OWN + "COPY start-singleuser.sh /usr/local/bin/\n", ["start-singleuser.sh"]) == []
    assert hub409(OWN, ["jupyterhub-singleuser"]) == []
    assert hub409("FROM example.org/custom:1\n", ["start-singleuser.sh"]) == []
    assert [f for f in lint(OWN) if f.code == "HUB409"] == []  # no deployment


def test_a_script_a_run_writes_is_in_the_image():
    from conftest import lint_repo

    values = "singleuser:\n  cmd: start-notebook.sh\n  image:\n    name: team/lab\n    tag: '1'\n"
    made = ("FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install jupyterhub jupyterlab\n"
            "RUN cat > /usr/local/bin/start-notebook.sh <<'EOF'\n#!/bin/bash\nexec jupyterhub-singleuser \"$@\"\nEOF\n")
    build = {"build.sh": "docker build -t team/lab:1 lab\n", "values.yaml": values}
    assert lint_repo({**build, "lab/Dockerfile": made}, "HUB409") == []
    plain = "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install jupyterhub jupyterlab\n"
    assert [f.code for f in lint_repo({**build, "lab/Dockerfile": plain}, "HUB409")] == ["HUB409"]
    for run in ("RUN rm -f /usr/local/bin/start-notebook.sh\n", "RUN cp x /opt/start-notebook.sh.bak\n"):
        assert [f.code for f in lint_repo({**build, "lab/Dockerfile": plain + run}, "HUB409")] == ["HUB409"], run
