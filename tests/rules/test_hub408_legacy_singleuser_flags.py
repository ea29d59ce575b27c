import pytest
from conftest import lint, lint_repo

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"  # jupyterhub 5.2.1, jupyter_server 2


def hub408(text, **options):
    return [f for f in lint(text, **options) if f.code == "HUB408"]


@pytest.mark.parametrize("cmd", [
    'CMD ["jupyterhub-singleuser", "--user=jovyan"]',
    'CMD ["jupyterhub-singleuser", "--hub-api-url", "http://hub:8081/hub/api"]',
    'CMD ["start-singleuser.py", "--hub-prefix=/hub/"]',
    "CMD jupyterhub-singleuser --base-url=$JPY_BASE_URL",
    'CMD ["jupyterhub-singleuser", "--cookie-name=jupyter-hub-token"]',
])
def test_fires_on_jupyterhub_4_and_newer(cmd):
    (f,) = hub408(f"{BASE}{cmd}\n")
    assert "jupyterhub 5.2.1 no longer accepts" in f.message and f.line == 2


@pytest.mark.parametrize("text", [
    f'{BASE}CMD ["jupyterhub-singleuser", "--debug", "--SingleUserNotebookApp.default_url=/lab"]\n',
    f'{BASE}CMD ["jupyterhub-singleuser", "--username-pattern=x"]\n',  # not one of them
    # the subclass app still has the aliases: jupyterhub 3, jupyter_server 1, or an explicit opt-out
    'FROM python:3.11\nRUN pip install "jupyterhub==3.1.1" jupyterlab\nCMD ["jupyterhub-singleuser", "--user=x"]\n',
    'FROM python:3.11\nRUN pip install "jupyterhub==4.1.6" "jupyter_server<2" "jupyterlab<4"\n'
    'CMD ["jupyterhub-singleuser", "--user=x"]\n',
    f'{BASE}ENV JUPYTERHUB_SINGLEUSER_EXTENSION=0\nCMD ["jupyterhub-singleuser", "--user=x"]\n',
    # the image's jupyterhub unknown
    'FROM example.org/custom:1\nCMD ["jupyterhub-singleuser", "--user=x"]\n',
])
def test_silent(text):
    assert hub408(text) == []


def test_unpinned_install_is_todays_jupyterhub():
    (f,) = hub408('FROM python:3.12\nRUN pip install jupyterhub jupyterlab\nCMD ["jupyterhub-singleuser", "--user=x"]\n')
    assert "jupyterhub ≥ 4 (unpinned)" in f.message


def test_a_launcher_script_read_from_the_build_context(tmp_path):
    (tmp_path / "start.sh").write_text("#!/bin/bash\nexec jupyterhub-singleuser --hub-prefix=/hub/ \"$@\"\n")
    text = f'{BASE}COPY start.sh /usr/local/bin/start-hub.sh\nCMD ["start-hub.sh"]\n'
    (f,) = hub408(text, context=str(tmp_path))
    assert "`start-hub.sh` passes `--hub-prefix`" in f.message and "line 2" in f.help


def test_the_deployments_cmd_and_args():
    config = "c = get_config()\n\nc.Spawner.cmd = ['jupyterhub-singleuser']\nc.Spawner.args = ['--user={username}']\n"
    (f,) = lint_repo({"jupyterhub_config.py": config, "image/Dockerfile": BASE}, "HUB408")
    assert f.message == (
        "the deployment passes `--user` (jupyterhub_config.py:4), which jupyterhub 5.2.1 here rejects"
    )
