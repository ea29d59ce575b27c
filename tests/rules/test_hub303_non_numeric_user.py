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
    # z2jh: singleuser.uid (1000 by default) sets the pod's runAsUser, which Kubernetes checks instead of the name
    assert lint_repo({"values.yaml": "singleuser:\n  defaultUrl: /lab\n", "image/Dockerfile": IMAGE}, "HUB303") == []
    assert len(lint_repo({"values.yaml": "singleuser:\n  uid: null\n", "image/Dockerfile": IMAGE}, "HUB303")) == 1
    assert _spawned_by("dockerspawner.DockerSpawner") == []  # no runAsNonRoot there
    assert len(_spawned_by("kubespawner.KubeSpawner")) == 1
    kube_uid = "c = get_config()\nc.JupyterHub.spawner_class = 'kubespawner.KubeSpawner'\nc.KubeSpawner.uid = 1000\n"
    assert lint_repo({"jupyterhub_config.py": kube_uid, "image/Dockerfile": IMAGE}, "HUB303") == []


def test_an_image_outside_every_deployment_of_a_repository_whose_pods_all_get_a_uid():
    """No deployment is known to spawn the image, but every Kubernetes deployment of the repository sets the uid
    (z2jh's default 1000) and the others start no pods: whichever spawns it sets runAsUser."""
    files = {
        "deploy-a/values.yaml": "singleuser:\n  defaultUrl: /lab\n",
        "deploy-b/values.yaml": "singleuser:\n  uid: 1001\n",
        "compose/jupyterhub_config.py": "c = get_config()\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n",
        "images/lab/Dockerfile": IMAGE,
    }
    assert lint_repo(files, "HUB303") == []
    files["deploy-b/values.yaml"] = "singleuser:\n  uid: null\n"  # one pod without runAsUser: the name matters
    assert len(lint_repo(files, "HUB303")) == 1


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
    files = {"jupyterhub_config.py": bare, "values.yaml": "singleuser:\n  uid: null\n", "image/Dockerfile": IMAGE}
    assert len(lint_repo(files, "HUB303")) == 1


def test_an_image_for_the_zero_to_jupyterhub_chart_runs_as_its_uid():
    """Built on the chart's sample image with no deployment in view: made for z2jh, whose pods run as uid 1000."""
    from conftest import codes

    text = "FROM quay.io/jupyterhub/k8s-singleuser-sample:4.2.0\nUSER root\nRUN apt-get update\nUSER jovyan\n"
    assert "HUB303" not in [c for c, _ in codes(text)]
    assert ("HUB303", 4) in codes(text.replace("quay.io/jupyterhub/k8s-singleuser-sample:4.2.0",
                                               "quay.io/jupyter/base-notebook:2025-01-06"))
