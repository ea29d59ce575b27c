"""The environment variables JupyterHub gives every single-user server (F6.7)."""

from __future__ import annotations

SECRETS = frozenset({"JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN", "JUPYTERHUB_OAUTH_CLIENT_SECRET"})
PROVIDED = frozenset(
    {
        "JUPYTERHUB_CLIENT_ID",
        "JUPYTERHUB_HOST",
        "JUPYTERHUB_OAUTH_CALLBACK_URL",
        "JUPYTERHUB_OAUTH_SCOPES",
        "JUPYTERHUB_OAUTH_ACCESS_SCOPES",
        "JUPYTERHUB_OAUTH_CLIENT_ALLOWED_SCOPES",
        "JUPYTERHUB_USER",
        "JUPYTERHUB_SERVER_NAME",
        "JUPYTERHUB_API_URL",
        "JUPYTERHUB_ACTIVITY_URL",
        "JUPYTERHUB_BASE_URL",
        "JUPYTERHUB_SERVICE_PREFIX",
        "JUPYTERHUB_SERVICE_URL",
        "JUPYTERHUB_PUBLIC_URL",
        "JUPYTERHUB_PUBLIC_HUB_URL",
    }
)
PROVIDED_PREFIXES = ("JUPYTERHUB_OAUTH_",)
# set only when the deployment configures them (admin_access, cookie options, internal_ssl, notebook_dir,
# default_url, debug, disable_user_config, the limits): an image value is the default used otherwise, as
# `jupyterhub-singleuser` reads JUPYTERHUB_DEFAULT_URL (jupyterhub-facts F6.7, F2.6)
CONDITIONAL = frozenset(
    {
        "JUPYTERHUB_ADMIN_ACCESS",
        "JUPYTERHUB_COOKIE_OPTIONS",
        "JUPYTERHUB_ROOT_DIR",
        "JUPYTERHUB_DEFAULT_URL",
        "JUPYTERHUB_DEBUG",
        "JUPYTERHUB_DISABLE_USER_CONFIG",
        "JUPYTERHUB_MEM_LIMIT",
        "JUPYTERHUB_MEM_GUARANTEE",
        "JUPYTERHUB_CPU_LIMIT",
        "JUPYTERHUB_CPU_GUARANTEE",
    }
)
ADMIN = frozenset({"JUPYTERHUB_SINGLEUSER_APP", "JUPYTERHUB_SINGLEUSER_EXTENSION"})


def is_secret(name: str) -> bool:
    return name in SECRETS or (name.startswith("JUPYTERHUB_OAUTH_") and ("SECRET" in name or "TOKEN" in name))


def is_provided(name: str) -> bool:
    """Does the Hub set ``name`` for every server (not only when the deployment configures it)?"""
    if name in ADMIN or name in CONDITIONAL or is_secret(name) or name.startswith("JUPYTERHUB_SSL_"):
        return False
    return name in PROVIDED or name.startswith(PROVIDED_PREFIXES)
