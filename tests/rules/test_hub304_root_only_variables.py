import pytest
from conftest import lint, lint_repo

DS = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
OLD_DS = "FROM quay.io/jupyter/base-notebook:2023-10-20\n"  # built before start.sh became the ENTRYPOINT
PY = "FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' jupyterlab && useradd -m -u 1000 jovyan\nUSER 1000\n"
CHARTPRESS = (
    "charts:\n  - name: hub\n    imagePrefix: example.org/team/\n    images:\n      lab:\n"
    "        contextPath: image\n        valuesPath: singleuser.image\n"
)


def hub304(found):
    return [f for f in found if f.code == "HUB304"]


def z2jh(dockerfile, singleuser=""):
    """The image built by chartpress for `singleuser.image` of z2jh values (the extra `singleuser` keys given)."""
    values = "singleuser:\n  image:\n    name: example.org/team/lab\n    tag: '1.0'\n" + singleuser
    return lint_repo({"values.yaml": values, "chartpress.yaml": CHARTPRESS, "image/Dockerfile": dockerfile}, "HUB304")


def dockerspawner(dockerfile, config=""):
    """The image spawned by name by a DockerSpawner configuration (lines 1-3), with more settings after."""
    head = 'c = get_config()\nc.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"\n'
    head += 'c.DockerSpawner.image = "example.org/team/lab:1.0"\n'
    files = {
        "jupyterhub_config.py": head + config,
        "build.sh": "docker build -t example.org/team/lab:1.0 lab\n",
        "lab/Dockerfile": dockerfile,
    }
    return lint_repo(files, "HUB304")


def test_image_env_without_a_deployment_is_an_info_at_the_env():
    (f,) = hub304(lint(f"{DS}ENV GRANT_SUDO=yes\n"))
    assert (f.line, f.column, f.end_column, f.severity) == (2, 5, 15, "info")
    assert f.message == (
        "start.sh acts on `GRANT_SUDO` only when the container starts as root; it starts as the base's user `1000`"
    )


def test_one_finding_per_env_instruction():
    found = hub304(lint(f"{DS}ENV GRANT_SUDO=yes CHOWN_HOME=1\nENV CHOWN_EXTRA=/data\nUSER ${{NB_UID}}\n"))
    assert [(f.line, f.message.split(" only")[0]) for f in found] == [
        (2, "start.sh acts on `GRANT_SUDO`, `CHOWN_HOME`"),
        (3, "start.sh acts on `CHOWN_EXTRA`"),
    ]
    assert "it starts as USER `1000`" in found[0].message


@pytest.mark.parametrize("text", [
    f"{DS}ENV GRANT_SUDO=no CHOWN_HOME=true CHOWN_EXTRA=\n",  # values start.sh does not act on
    f"{DS}ENV NB_USER=analyst NB_UID=1234\n",  # the image's own build settings
    f"{DS}ENV GRANT_SUDO=yes\nUSER root\n",  # starts as root (HUB301's business)
    f"{DS}ENV GRANT_SUDO=yes\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"start-notebook.py\"]\n",  # HUB406
    f"{PY}ENV GRANT_SUDO=yes\n",  # not docker-stacks: its own scripts may read it
    "FROM example.org/custom:1\nENV GRANT_SUDO=yes\n",  # unknown base
])
def test_silent_on_the_image_alone(text):
    assert hub304(lint(text)) == []


def test_z2jh_default_uid_makes_it_a_warning():
    (f,) = z2jh(f"{DS}ENV GRANT_SUDO=yes\n")
    assert f.severity == "warning" and f.path == "image/Dockerfile" and f.line == 2
    assert f.message.endswith("it starts as uid 1000")
    assert f.help.startswith("uid 1000 comes from values.yaml, the chart's default singleuser.uid;")
    assert "`singleuser.uid: 0`" in f.help


def test_deployment_environment_is_reported_at_the_from_naming_where_it_is_set():
    (f,) = z2jh(DS, "  extraEnv:\n    GRANT_SUDO: 'yes'\n    NB_UID: '1234'\n    NB_USER: jovyan\n")
    assert (f.line, f.column) == (1, 6)
    assert f.message.startswith("start.sh acts on `GRANT_SUDO`, `NB_UID` only when")
    assert f.help.startswith("set in values.yaml:6, values.yaml:7;")


def test_root_start_but_no_privilege_escalation_on_kubernetes():
    (f,) = z2jh(DS, "  uid: 0\n  extraEnv:\n    GRANT_SUDO: 'yes'\n")
    assert f.message.startswith("`GRANT_SUDO` cannot work: sudo needs privilege escalation")
    assert z2jh(DS, "  uid: 0\n  allowPrivilegeEscalation: true\n  extraEnv:\n    GRANT_SUDO: 'yes'\n") == []
    assert z2jh(DS, "  uid: 0\n  extraEnv:\n    CHOWN_HOME: 'yes'\n") == []  # chown needs root only
    # hub.extraConfig runs after the chart's configuration: its KubeSpawner trait allows escalation
    extra = "  uid: 0\n  extraEnv:\n    GRANT_SUDO: 'yes'\nhub:\n  extraConfig:\n    sudo: |\n" \
            "      c.KubeSpawner.allow_privilege_escalation = True\n"
    assert z2jh(DS, extra) == []


def test_nb_uid_equal_to_the_running_uid_changes_nothing():
    assert z2jh(DS, "  uid: 1234\n  extraEnv:\n    NB_UID: '1234'\n") == []
    assert len(z2jh(DS, "  extraEnv:\n    NB_UID: '1234'\n")) == 1


def test_start_sh_never_runs_on_an_old_image_started_with_jupyterhub_singleuser():
    (f,) = z2jh(OLD_DS, "  uid: 0\n  extraEnv:\n    CHOWN_HOME: 'yes'\n")
    assert f.message == "`CHOWN_HOME`: only docker-stacks' start.sh acts on them, and it never runs in this container"
    # its own CMD (start-notebook.sh) runs start.sh
    assert z2jh(OLD_DS, "  uid: 0\n  cmd: null\n  extraEnv:\n    CHOWN_HOME: 'yes'\n") == []
    assert z2jh(OLD_DS, "  uid: 0\n  cmd: start-singleuser.sh\n  extraEnv:\n    CHOWN_HOME: 'yes'\n") == []


def test_another_known_base_started_directly_has_nothing_to_act():
    (f,) = z2jh(PY + 'CMD ["jupyterhub-singleuser"]\n', "  uid: 0\n  extraEnv:\n    GRANT_SUDO: 'yes'\n")
    assert "never runs" in f.message
    assert z2jh(PY + 'ENTRYPOINT ["/usr/local/bin/entry.sh"]\nCMD ["jupyterhub-singleuser"]\n',
                "  extraEnv:\n    GRANT_SUDO: 'yes'\n") == []  # a script that may read it


def test_dockerspawner_user_settings():
    env = 'c.Spawner.environment = {"GRANT_SUDO": "yes", "NB_USER": "{username}"}\n'
    (f,) = dockerspawner(DS, env)
    assert f.severity == "warning" and "it starts as the base's user `1000`" in f.message
    assert "DockerSpawner `extra_create_kwargs" in f.help
    assert dockerspawner(DS, env + 'c.DockerSpawner.extra_create_kwargs = {"user": "root"}\n') == []
    assert dockerspawner(DS, env + 'c.DockerSpawner.extra_create_kwargs.update({"user": "0"})\n') == []
    (f,) = dockerspawner(DS, env + 'c.DockerSpawner.extra_create_kwargs = {"user": "1000:100"}\n')
    assert "it starts as uid 1000" in f.message


def test_the_environment_read_from_the_hubs_compose_service():
    config = (
        'import os\nc = get_config()\nc.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"\n'
        'c.DockerSpawner.image = os.environ["NOTEBOOK_IMAGE"]\n'
        'c.Spawner.environment = {"GRANT_SUDO": os.environ.get("SUDO", "no")}\n'
    )
    compose = (
        "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n    command: jupyterhub\n"
        "    volumes: [./jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py]\n"
        "    environment:\n      NOTEBOOK_IMAGE: example.org/team/lab:1.0\n      SUDO: 'yes'\n"
        "  lab:\n    build: lab\n    image: example.org/team/lab:1.0\n"
    )
    found = lint_repo({"jupyterhub_config.py": config, "docker-compose.yml": compose, "lab/Dockerfile": DS}, "HUB304")
    assert [(f.path, f.line) for f in found] == [("lab/Dockerfile", 1)]
    compose_alone = compose.replace("      SUDO: 'yes'\n", "      GRANT_SUDO: 'yes'\n")  # the Hub's own: not passed on
    assert lint_repo({"jupyterhub_config.py": config, "docker-compose.yml": compose_alone, "lab/Dockerfile": DS},
                     "HUB304") == []


def test_values_with_a_known_image_are_reported_at_the_variable():
    values = (
        "singleuser:\n  image:\n    name: quay.io/jupyter/scipy-notebook\n    tag: '2025-01-06'\n"
        "  extraEnv:\n    NB_UID: '1000'\n    GRANT_SUDO: 'yes'\n    CHOWN_HOME: 'yes'\n"
    )
    (f,) = lint_repo({"values.yaml": values}, "HUB304")
    assert (f.path, f.line, f.column, f.severity) == ("values.yaml", 7, 17, "warning")
    assert f.message.startswith("start.sh acts on `GRANT_SUDO`, `CHOWN_HOME` only")  # NB_UID 1000 is the image's
    assert f.help.startswith("spawn image `quay.io/jupyter/scipy-notebook:2025-01-06`: uid 1000 comes from")
    assert lint_repo({"values.yaml": values + "  uid: 0\n  allowPrivilegeEscalation: true\n"}, "HUB304") == []


def test_layers_of_one_release_are_combined():
    common = "singleuser:\n  uid: 0\n  allowPrivilegeEscalation: true\n"
    prod = (
        "singleuser:\n  image:\n    name: quay.io/jupyter/scipy-notebook\n    tag: '2025-01-06'\n"
        "  extraEnv:\n    GRANT_SUDO: 'yes'\n"
    )
    assert lint_repo({"config/common.yaml": common, "config/prod.yaml": prod}, "HUB304") == []
    assert len(lint_repo({"config/prod.yaml": prod}, "HUB304")) == 1
