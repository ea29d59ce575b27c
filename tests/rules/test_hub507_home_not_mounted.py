import pytest
from conftest import lint, lint_repo

CHARTPRESS = (
    "charts:\n  - name: hub\n    imagePrefix: example.org/team/\n    images:\n      lab:\n"
    "        contextPath: image\n        valuesPath: singleuser.image\n"
)
PY = (
    "FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' jupyterlab && useradd -m -u 1000 analyst\n"
    "USER 1000\n"
)


def z2jh(dockerfile, singleuser="", **files):
    values = "singleuser:\n  image:\n    name: example.org/team/lab\n    tag: '1.0'\n" + singleuser
    return lint_repo({"values.yaml": values, "chartpress.yaml": CHARTPRESS, "image/Dockerfile": dockerfile, **files},
                     "HUB507")


def test_workdir_beside_the_default_home_mount():
    (f,) = z2jh(f"{PY}WORKDIR /home/analyst\n")
    assert (f.path, f.line, f.column, f.end_column, f.severity) == ("image/Dockerfile", 4, 1, 8, "warning")
    assert f.message == (
        "the server starts in `/home/analyst` (its WORKDIR), outside the home volume `/home/jovyan`: "
        "work saved there is lost"
    )
    assert f.help.startswith("the volume: values.yaml, the chart's default singleuser.storage.homeMountPath;")


@pytest.mark.parametrize(("dockerfile", "singleuser"), [
    (f"{PY}WORKDIR /home/analyst\n", "  storage:\n    homeMountPath: /home/analyst\n"),
    (f"{PY}WORKDIR /home/analyst\n", "  storage:\n    type: none\n"),  # no home volume
    (f"{PY}WORKDIR /home/analyst\n",
     "  storage:\n    extraVolumeMounts:\n      - name: work\n        mountPath: /home/analyst/work\n"),
    (f"{PY}WORKDIR /home/jovyan/work\n", ""),  # inside the volume
    (f"{PY}", ""),  # `/`: the volume is below it
    ("FROM quay.io/jupyter/base-notebook:2025-01-06\n", ""),  # the base's /home/jovyan
    (f"{PY}WORKDIR /home/analyst\n", "  extraEnv:\n    NB_USER: analyst\n"),  # start.sh moves the home
    (f"{PY}RUN ln -s /home/jovyan /home/analyst\nWORKDIR /home/analyst\n", ""),  # linked
    (f"{PY}WORKDIR /home/analyst\nCOPY jupyter_server_config.py /etc/jupyter/\n", ""),  # may set root_dir
    (f"{PY}WORKDIR /home/analyst\nENTRYPOINT [\"/usr/local/bin/start\"]\n", ""),  # a script that may cd
    ("FROM example.org/base:1\n", ""),  # the base's WORKDIR is unknown
])
def test_silent(dockerfile, singleuser):
    assert z2jh(dockerfile, singleuser) == []


def test_without_a_deployment_nothing_is_said():
    assert [f for f in lint(f"{PY}WORKDIR /home/analyst\n") if f.code == "HUB507"] == []


def test_the_spawners_root_folder():
    (f,) = z2jh(f"{PY}WORKDIR /home/jovyan\n",
                "  storage:\n    homeMountPath: /home/jovyan\nhub:\n  config:\n    Spawner:\n      notebook_dir: /srv/work\n")
    assert (f.line, f.column) == (1, 6)
    assert "starts in `/srv/work` (c.Spawner.notebook_dir)" in f.message


def test_dockerspawner_volume_beside_the_workdir():
    config = (
        'c = get_config()\nc.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"\n'
        'c.DockerSpawner.image = "example.org/team/lab:1.0"\n'
        'c.DockerSpawner.volumes = {"jupyterhub-user-{username}": "/home/jovyan/work"}\n'
    )
    files = {"jupyterhub_config.py": config, "build.sh": "docker build -t example.org/team/lab:1.0 lab\n"}
    image = "FROM quay.io/jupyter/base-notebook:2025-01-06\nWORKDIR /home/jovyan/lab\n"
    (f,) = lint_repo({**files, "lab/Dockerfile": image}, "HUB507")
    assert (f.line, f.message.split(",")[0]) == (2, "the server starts in `/home/jovyan/lab` (its WORKDIR)")
    assert "outside the home volume `/home/jovyan/work`" in f.message
    # docker-stacks' own layout: the volume is inside the folder the server starts in
    assert lint_repo({**files, "lab/Dockerfile": image.replace("/lab\n", "\n")}, "HUB507") == []


def test_values_with_a_known_image():
    values = (
        "singleuser:\n  image:\n    name: quay.io/jupyter/scipy-notebook\n    tag: '2025-01-06'\n"
        "  storage:\n    homeMountPath: /home/rstudio\n"
    )
    (f,) = lint_repo({"values.yaml": values}, "HUB507")
    assert (f.path, f.line, f.column) == ("values.yaml", 6, 20)
    assert f.message.startswith("the server starts in `/home/jovyan` (the image's WORKDIR), outside")
    assert lint_repo({"values.yaml": values.replace("rstudio", "jovyan")}, "HUB507") == []
