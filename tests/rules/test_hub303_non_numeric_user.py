import pytest
from conftest import codes

from hublint.settings.config import build_options
from hublint.lint.engine import lint_source
from hublint.settings.options import DeploymentFacts

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize(("user", "fires"), [("jovyan", True), ("$NB_USER", True), ("jovyan:users", True),
                                             ("${NB_UID}", False), ("1000:100", False), ("root", False),
                                             ("$UNKNOWN", False)])
def test_user(user, fires):
    assert (("HUB303", 2) in codes(f"{BASE}USER {user}\n")) is fires


def _with(facts):
    options = build_options({"role": "singleuser"}, {})._replace(facts=facts)
    return [f for f in lint_source(f"{BASE}USER jovyan\n", "Dockerfile", options, ".") if f.code == "HUB303"]


def test_the_consequence_depends_on_the_deployment():
    (f,) = _with(None)
    assert f.message == "`USER jovyan` is a name: Kubernetes `runAsNonRoot` cannot verify it is not root"
    assert f.help == "use `USER ${NB_UID}`, as docker-stacks does"
    (f,) = _with(DeploymentFacts(uid=1000))  # z2jh: singleuser.uid sets the pod's runAsUser
    assert "pods start only because the deployment sets `runAsUser: 1000`" in f.message
    assert _with(DeploymentFacts(spawner_class="dockerspawner.DockerSpawner")) == []  # no runAsNonRoot there
    assert len(_with(DeploymentFacts(spawner_class="kubespawner.KubeSpawner"))) == 1
