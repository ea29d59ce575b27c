import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("cmd", ['["start-notebook.sh"]', '["start-singleuser.sh", "--debug"]', '["jupyter-labhub"]',
                                 '["jupyter", "labhub"]', '["start.sh", "jupyterhub-singleuser"]',
                                 "start-singleuser.sh --debug"])
def test_fires(cmd):
    assert ("HUB404", 2) in codes(f"{BASE}CMD {cmd}\n")


def test_start_sh_only_on_docker_stacks():
    text = "FROM python:3.12\nRUN pip install 'jupyterhub==5.3.0' jupyterlab\nUSER 1000\n" \
           "CMD [\"start.sh\", \"jupyterhub-singleuser\"]\n"
    assert "HUB404" not in [c for c, _ in codes(text)]


def test_current_launchers_are_fine():
    assert codes(f"{BASE}CMD [\"start-notebook.py\"]\n") == []
