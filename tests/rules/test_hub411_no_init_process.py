import pytest
from conftest import lint, lint_repo

PY = "FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' jupyterlab && useradd -m -u 1000 jovyan\nUSER 1000\n"
HEAD = 'c = get_config()\nc.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"\nc.DockerSpawner.image = "example.org/team/lab:1.0"\n'


def dockerspawner(dockerfile, config="", **files):
    return lint_repo({"jupyterhub_config.py": HEAD + config, "build.sh": "docker build -t example.org/team/lab:1.0 lab\n",
                      "lab/Dockerfile": dockerfile, **files}, "HUB411")


def test_python_base_under_dockerspawner():
    (f,) = dockerspawner(f'{PY}CMD ["jupyterhub-singleuser"]\n')
    assert (f.path, f.line, f.column, f.end_column, f.severity) == ("lab/Dockerfile", 4, 1, 4, "info")
    assert f.message == (
        "no init process: `jupyterhub-singleuser` runs as PID 1 and never reaps orphaned processes (zombies pile up)"
    )
    assert 'extra_host_config = {"init": True}' in f.help


@pytest.mark.parametrize(("dockerfile", "config"), [
    (f'{PY}CMD ["jupyterhub-singleuser"]\n', 'c.DockerSpawner.extra_host_config = {"init": True}\n'),
    (f'{PY}ENTRYPOINT ["tini", "--"]\nCMD ["jupyterhub-singleuser"]\n', ""),
    (f'{PY}ENTRYPOINT ["/usr/bin/dumb-init", "--"]\nCMD ["jupyterhub-singleuser"]\n', ""),
    (f'{PY}CMD ["tini", "--", "jupyterhub-singleuser"]\n', ""),
    (f'{PY}ENTRYPOINT ["/entry.sh"]\nCMD ["jupyterhub-singleuser"]\n', ""),  # a script hublint cannot read
    (f"{PY}CMD jupyterhub-singleuser\n", ""),  # shell form: HUB403
    (f"{PY}CMD [\"bash\"]\n", ""),  # no server: HUB402
    ('FROM quay.io/jupyter/base-notebook:2025-01-06\n', ""),  # tini in the base
    ('FROM example.org/base:1\nCMD ["jupyterhub-singleuser"]\n', ""),  # unknown base
])
def test_silent(dockerfile, config):
    assert dockerspawner(dockerfile, config) == []


def test_the_spawner_command_replaces_a_cmd_with_tini():
    dockerfile = f'{PY}CMD ["tini", "--", "jupyterhub-singleuser"]\n'
    (f,) = dockerspawner(dockerfile, 'c.DockerSpawner.cmd = ["jupyterhub-singleuser"]\n')
    assert (f.line, f.column) == (1, 6)


def test_a_readable_entrypoint_that_hands_over():
    dockerfile = f'{PY}COPY entry.sh /usr/local/bin/\nENTRYPOINT ["entry.sh"]\nCMD ["jupyterhub-singleuser"]\n'
    script = '#!/bin/sh\nexport X=1\nexec "$@"\n'
    (f,) = dockerspawner(dockerfile, **{"lab/entry.sh": script})
    assert f.line == 5
    assert dockerspawner(dockerfile, **{"lab/entry.sh": '#!/bin/sh\nexec tini -- "$@"\n'}) == []


def test_kubernetes_shared_process_namespace():
    chartpress = ("charts:\n  - name: hub\n    imagePrefix: example.org/team/\n    images:\n      lab:\n"
                  "        contextPath: image\n        valuesPath: singleuser.image\n")
    values = "singleuser:\n  image:\n    name: example.org/team/lab\n    tag: '1.0'\n"
    files = {"chartpress.yaml": chartpress, "image/Dockerfile": f'{PY}CMD ["jupyter", "lab"]\n'}
    (f,) = lint_repo({**files, "values.yaml": values}, "HUB411")
    assert (f.line, f.column) == (1, 6)  # the chart's command replaces the CMD
    assert "extra_host_config" not in f.help
    shared = values + "  extraPodConfig:\n    shareProcessNamespace: true\n"
    assert lint_repo({**files, "values.yaml": shared}, "HUB411") == []


def test_not_reported_without_a_deployment():
    assert [f for f in lint(f'{PY}CMD ["jupyterhub-singleuser"]\n') if f.code == "HUB411"] == []
