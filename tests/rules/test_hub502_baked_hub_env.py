import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("var", ["JUPYTERHUB_USER", "JUPYTERHUB_SERVICE_URL", "JUPYTERHUB_API_URL", "JUPYTERHUB_BASE_URL",
                                 "JUPYTERHUB_SERVICE_PREFIX", "JUPYTERHUB_OAUTH_SCOPES", "JUPYTERHUB_CLIENT_ID"])
def test_fires(var):
    assert ("HUB502", 2) in codes(f"{BASE}ENV {var}=x\n")


@pytest.mark.parametrize("var", ["JUPYTERHUB_SINGLEUSER_APP", "JUPYTERHUB_SINGLEUSER_EXTENSION", "JUPYTERHUB_VERSION",
                                 "JUPYTERHUB_API_TOKEN",
                                 # set by the Hub only when the deployment configures them: the image's is the default
                                 "JUPYTERHUB_DEFAULT_URL", "JUPYTERHUB_ROOT_DIR", "JUPYTERHUB_DEBUG",
                                 "JUPYTERHUB_DISABLE_USER_CONFIG", "JUPYTERHUB_SSL_KEYFILE", "JUPYTERHUB_MEM_LIMIT"])
def test_silent(var):
    assert "HUB502" not in [c for c, _ in codes(f"{BASE}ENV {var}=jupyter-server\n")]


def test_arg_is_not_env():
    assert "HUB502" not in [c for c, _ in codes(f"{BASE}ARG JUPYTERHUB_USER=x\n")]
