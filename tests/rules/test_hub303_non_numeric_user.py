import pytest
from conftest import codes, lint, lint_repo

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize(("user", "fires"), [("jovyan", True), ("$NB_USER", True), ("jovyan:users", True),
                                             ("${NB_UID}", False), ("1000:100", False), ("root", False),
                                             ("$UNKNOWN", False)])
def test_user(user, fires):
    assert (("HUB303", 2) in codes(f"{BASE}USER {user}\n")) is fires


IMAGE = f"{BASE}USER jovyan\n"


def _spawned_by(spawner_class):
    config = f"c = get_config()\nc.JupyterHub.spawner_class = '{spawner_class}'\n"
    return lint_repo({"jupyterhub_config.py": config, "image/Dockerfile": IMAGE}, "HUB303")


def test_the_consequence_depends_on_the_deployment():
    (f,) = [f for f in lint(IMAGE) if f.code == "HUB303"]  # no deployment around it
    assert f.message == "`USER jovyan` is a name: a pod with `runAsNonRoot` and no `runAsUser` cannot start it"
    assert f.help == "use `USER ${NB_UID}`, as docker-stacks does"
    # z2jh: singleuser.uid (1000 by default) sets the pod's runAsUser
    (f,) = lint_repo({"values.yaml": "singleuser:\n  defaultUrl: /lab\n", "image/Dockerfile": IMAGE}, "HUB303")
    assert "under `runAsNonRoot`, pods start only because the deployment sets `runAsUser: 1000`" in f.message
    assert _spawned_by("dockerspawner.DockerSpawner") == []  # no runAsNonRoot there
    assert len(_spawned_by("kubespawner.KubeSpawner")) == 1


def test_a_hub_configuration_without_a_container_spawner_starts_processes():
    """No `spawner_class` (and no container spawner's section): JupyterHub's default LocalProcessSpawner, not
    Kubernetes; a container spawner's section alone (`c.KubeSpawner.x`) keeps the rule on."""
    bare = "c = get_config()\nc.JupyterHub.authenticator_class = 'dummy'\n"
    assert lint_repo({"jupyterhub_config.py": bare, "image/Dockerfile": IMAGE}, "HUB303") == []
    kube = bare + "c.KubeSpawner.image = 'example.org/team/lab:1'\n"
    assert len(lint_repo({"jupyterhub_config.py": kube, "image/Dockerfile": IMAGE}, "HUB303")) == 1


def test_a_bare_configuration_beside_z2jh_values_is_no_process_spawner():
    """A `jupyterhub_config.py` that names no spawner beside z2jh values (a snippet the chart mounts) does not make
    the deployment's spawner LocalProcessSpawner: the images stay under Kubernetes' check."""
    bare = "c = get_config()\nc.JupyterHub.authenticator_class = 'dummy'\n"
    files = {"jupyterhub_config.py": bare, "values.yaml": "singleuser:\n  defaultUrl: /lab\n", "image/Dockerfile": IMAGE}
    assert len(lint_repo(files, "HUB303")) == 1
