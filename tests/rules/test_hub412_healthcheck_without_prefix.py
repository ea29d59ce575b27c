import pytest
from conftest import lint, lint_repo

CONFIG = ("c = get_config()\nc.JupyterHub.spawner_class = '{cls}'\n"
          "c.{short}.image = 'example.org/team/notebook:2025.01.1'\n")
BUILD = "docker build -t example.org/team/notebook:2025.01.1 singleuser\n"
BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
CHECK = "HEALTHCHECK --interval=15s --timeout=3s CMD curl -f http://localhost:8888/api || exit 1\n"


def spawned(dockerfile, cls="dockerspawner.SwarmSpawner"):
    config = CONFIG.format(cls=cls, short=cls.rsplit(".", 1)[-1])
    return lint_repo({"jupyterhub_config.py": config, "build.sh": BUILD, "singleuser/Dockerfile": dockerfile}, "HUB412")


def test_swarm_spawner_kills_the_unhealthy_server():
    (f,) = spawned(BASE + CHECK)
    assert (f.path, f.line, f.column, f.end_column) == ("singleuser/Dockerfile", 2, 53, 78)
    assert f.message == ("the HEALTHCHECK polls `http://localhost:8888/api`, outside the Hub's `/user/<name>/` prefix: "
                         "Swarm kills the server")


@pytest.mark.parametrize("cls", ["dockerspawner.DockerSpawner", "kubespawner.KubeSpawner"])
def test_other_spawners_do_not_act_on_it(cls):
    """failure-modes-2 d5 (DockerSpawner): Docker only records the status; Kubernetes ignores HEALTHCHECK."""
    assert spawned(BASE + CHECK, cls) == []


def test_no_deployment_no_finding():
    """failure-modes-2 t07: linted alone, the spawner is unknown."""
    assert [f for f in lint(BASE + CHECK) if f.code == "HUB412"] == []


@pytest.mark.parametrize("check", [
    'HEALTHCHECK CMD curl -f "http://localhost:8888${JUPYTERHUB_SERVICE_PREFIX:-/}api" || exit 1',
    "HEALTHCHECK CMD curl http://localhost:8888/api",  # no -f: a 404 still exits 0
    "HEALTHCHECK CMD /etc/jupyter/docker_healthcheck.py",
    "HEALTHCHECK CMD nc -z localhost 8888",
    "HEALTHCHECK NONE",
])
def test_silent(check):
    assert spawned(f"{BASE}{CHECK}{check}\n") == []


@pytest.mark.parametrize("check", [
    'HEALTHCHECK CMD ["wget", "-q", "-O-", "http://127.0.0.1:8888/"]',
    "HEALTHCHECK CMD python3 -c \"import urllib.request; urllib.request.urlopen('http://localhost:8888/lab')\"",
    "HEALTHCHECK CMD curl -fsS http://localhost:8888/api/status || exit 1",
])
def test_other_clients(check):
    assert len(spawned(f"{BASE}{check}\n")) == 1
