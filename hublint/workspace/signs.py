"""What names, packages and programs say about an image's purpose: the tables and patterns :mod:`.evidence`
weighs (packages only a Hub runs, services that are no notebook server, single-user and Hub base names).

Data only, for :mod:`.evidence` and :mod:`.roles` (its names keep their leading underscore: they are no API
beyond this package); imports nothing from the pipeline but the lazy pattern helper.
"""

from __future__ import annotations

from ..lazy import pattern

__all__ = [
    "HUB_PACKAGES",
    "_SERVICES",
    "_PYTHON_MODULE_SERVICES",
    "_TEST_SCRIPT",
    "SERVER_PACKAGES",
    "_SINGLEUSER_BASES",
    "_SINGLEUSER_NAME",
    "_JUPYTER_NAME",
    "_NOT_SERVER_NAME",
    "_HUB_SERVICE",
    "_HUB_BASES",
    "_KERNEL_LAUNCHER",
    "_KERNEL_BASES",
    "_NON_SERVER_JUPYTER",
    "_SINGLEUSER_STAGE",
    "_TEST_STAGE",
    "_HUB_STAGE",
    "_SINGLEUSER_FOLDER",
    "_USER_VARS",
    "_ROLE_PRAGMA",
    "IDLE",
]

# packages that only the Hub runs (spawners, authenticators, services, the proxy)
HUB_PACKAGES = frozenset(
    {
        "dockerspawner",
        "jupyterhub-kubespawner",
        "kubespawner",
        "jupyterhub-systemdspawner",
        "batchspawner",
        "wrapspawner",
        "jupyterhub-traefik-proxy",
        "configurable-http-proxy",
        "oauthenticator",
        "jupyterhub-nativeauthenticator",
        "jupyterhub-ltiauthenticator",
        "jupyterhub-ldapauthenticator",
        "jupyterhub-idle-culler",
        "jupyterhub-firstuseauthenticator",
        "jupyterhub-dummyauthenticator",
        "jupyterhub-tmpauthenticator",
        "jupyterhub-hashauthenticator",
        "jupyterhub-announcement",
        "jupyterhub-kerberosauthenticator",
        "jupyterhub-cas-authenticator",
        "jhub-cas-authenticator",
        "jupyterhub-samlauthenticator",
        "sudospawner",
        "jupyterhub-ldap-authenticator",
    }
)
# programs a container runs that are not a notebook server, whatever else the image has: a CMD or ENTRYPOINT
# running one is strong evidence of `other` (database drivers are no evidence at all: every service uses them)
_SERVICES = {
    "dask": "a Dask worker or scheduler",
    "dask-worker": "a Dask worker",
    "dask-scheduler": "a Dask scheduler",
    "dask-gateway-server": "the Dask Gateway server",
    "dask-gateway": "the Dask Gateway",
    "nbviewer": "nbviewer",
    "jupyterhub-idle-culler": "the idle culler, a Hub service",
    "jupyterhub_idle_culler": "the idle culler, a Hub service",
    "jupyter-kernelgateway": "a kernel gateway",
    "jupyter-enterprisegateway": "Enterprise Gateway",
    "configurable-http-proxy": "the Hub's proxy",
    "traefik": "a proxy",
    "nginx": "a web server",
    "httpd": "a web server",
    "caddy": "a web server",
    "postgres": "a database server",
    "mysqld": "a database server",
    "redis-server": "a database server",
    "mongod": "a database server",
    "pytest": "a test runner",
    "py.test": "a test runner",
    "tox": "a test runner",
    "nox": "a test runner",
}
_PYTHON_MODULE_SERVICES = {"dask", "distributed", "nbviewer", "jupyterhub_idle_culler", "dask_gateway_server", "pytest"}
# a script named for running tests (`test.sh`, `tests.py`, `run_tests.sh`, `run-tests-e2e.sh`): a test runner
_TEST_SCRIPT = pattern(r"(?:run[-_]?tests?(?:[-_][\w-]*)?|tests?)\.(?:sh|bash|py)")
# packages that make an image a single-user server
SERVER_PACKAGES = frozenset({"jupyterhub-singleuser", "notebook", "jupyterlab", "jupyter-server", "nbclassic"})
# base images built to be spawned by a Hub (besides the families of the image knowledge)
_SINGLEUSER_BASES = pattern(
    r"(?:^|/)(?:pangeo/[a-z0-9-]+|rocker/binder|jupyter/repo2docker|[^/]*b-data\.ch/jupyterlab(?:/[^/]+)+"
    r"|jupyter/[a-z0-9-]+-notebook|jupyterhub/singleuser|jupyterhub/k8s-singleuser-sample)\Z"
)
# a base named for the single-user servers (`team/jupyterhub-singleuser`, `lab-singleuser-base`)
_SINGLEUSER_NAME = pattern(r"(?:^|[-_.])single-?user(?:$|[-_.])")
# a base named for Jupyter's notebook servers (`team/geo-jupyter-base`, `org/notebook`): weak, as names go
_JUPYTER_NAME = pattern(r"(?:^|[-_.])(?:jupyter|jupyterlab|notebook)(?:$|[-_.])")
_NOT_SERVER_NAME = pattern(r"hub|gateway|kernel|nbviewer|proxy|dask|spark")
# a Python module named for JupyterHub that is neither the Hub nor its launcher (`python -m jupyterhub_announcement`):
# a Hub service
_HUB_SERVICE = pattern(r"jupyterhub_(?!singleuser)[a-z0-9_]+")
_HUB_BASES = pattern(r"(?:^|/)(?:jupyterhub/jupyterhub|jupyterhub/k8s-hub(?:-slim)?|[^/]*jupyterhub-onbuild)\Z")
# Enterprise Gateway's kernel images: its kernel launchers copied in, or its kernel bases
_KERNEL_LAUNCHER = pattern(r"(?<![\w.-])launch_(?:ipykernel\.py|IRkernel\.R)\b")
_KERNEL_BASES = pattern(r"(?:^|/)elyra/kernel-[a-z0-9-]+\Z")
_NON_SERVER_JUPYTER = frozenset({"kernelgateway", "enterprisegateway", "kernel-gateway"})
_SINGLEUSER_STAGE = pattern(r"(?:^|[-_])(?:jupyterlab|lab|notebook|singleuser|single-user|user|jupyter)(?:$|[-_])")
_TEST_STAGE = pattern(r"(?:^|[-_])(?:tests?|testing|smoke|ci|checks?|lint|e2e)(?:$|[-_])")
_HUB_STAGE = pattern(r"(?:^|[-_])(?:jupyterhub|hub)(?:$|[-_])")
_SINGLEUSER_FOLDER = pattern(r"(?:single-?user|user|notebook|jupyterlab|lab)(?:[-_](?:image|server|env))?")
_USER_VARS = pattern(r"\$\{?(?:NB_USER|NB_UID|NB_GID|NB_PYTHON_PREFIX)\b|\bjovyan\b")
_ROLE_PRAGMA = pattern(r"#[ \t]*hublint[ \t]+role[ \t]*=[ \t]*([A-Za-z-]+)")

# a command that only keeps the container up, to exec into (`workspace/roles.py` reads compose commands with it too)
IDLE = pattern(
    r"(?:(?:/usr)?/bin/)?(?:sleep\s+(?:infinity|inf|\d{5,})|tail\s+-f\s+/dev/null)"
    r"|(?:/bin/)?(?:ba)?sh\s+-c\s+['\"]?(?:sleep\s+infinity|tail\s+-f\s+/dev/null)['\"]?"
)
