"""Upstream source a repository carries: a folder below the linted one whose ``setup.py``, ``setup.cfg`` or
``pyproject.toml`` names a project of the JupyterHub organisation (``jupyterhub-kubespawner``, ``dockerspawner``,
``oauthenticator``…, or any project whose URL is ``github.com/jupyterhub/…``) is a vendored copy of that project.
Its files are the project's own — a spawner's development ``jupyterhub_config.py``, its test Dockerfiles — not
the deployment's, so discovery leaves them out; its version (a literal ``version=``) is the version the
deployment runs when it installs that copy (:func:`hublint.workspace.facts.hub_packages`).

Its patterns compile on first use (:func:`hublint.lazy.pattern`): discovery imports it on every run.
"""

from __future__ import annotations

import os
import re

from ..lazy import pattern

__all__ = ["PACKAGE_FILES", "upstream_project"]

PACKAGE_FILES = ("setup.py", "setup.cfg", "pyproject.toml")
_LIMIT = 200_000  # bytes of a package file read: the name and version are at its top

# Python distributions the JupyterHub organisation publishes (PyPI names, normalised)
_UPSTREAM = frozenset(
    {
        "jupyterhub",
        "jupyterhub-kubespawner",
        "kubespawner",
        "dockerspawner",
        "jupyterhub-systemdspawner",
        "batchspawner",
        "wrapspawner",
        "sudospawner",
        "jupyterhub-ldapauthenticator",
        "oauthenticator",
        "jupyterhub-nativeauthenticator",
        "jupyterhub-firstuseauthenticator",
        "jupyterhub-dummyauthenticator",
        "jupyterhub-tmpauthenticator",
        "jupyterhub-ltiauthenticator",
        "jupyterhub-idle-culler",
        "jupyterhub-traefik-proxy",
        "binderhub",
        "jupyter-repo2docker",
        "chartpress",
    }
)
_NAME = pattern(r"""(?m)^[ \t]*name[ \t]*[=:][ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)""")
_SETUP_NAME = pattern(r"""\bname\s*=\s*["']([A-Za-z0-9][A-Za-z0-9._-]*)["']""")
_VERSION = pattern(r"""(?m)^[ \t]*version[ \t]*[=:][ \t]*["']?(\d+(?:\.\d+)*(?:[a-z]+\d*)?)["']?[ \t]*(?:#.*)?$""")
_SETUP_VERSION = pattern(r"""\bversion\s*=\s*["'](\d+(?:\.\d+)*(?:[a-z]+\d*)?)["']""")
_ORG_URL = pattern(
    r"""(?i)\b(?:url|homepage|repository|source)\b["']?\s*[=:]\s*["']?https?://github\.com/jupyterhub/"""
)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _has_source(folder: str, name: str) -> bool:
    """Does ``folder`` hold the package's code: ``src/``, or ``<module>/__init__.py`` for the project's module
    (``jupyterhub-kubespawner`` → ``kubespawner``, ``jupyter-repo2docker`` → ``repo2docker``)?"""
    module = name.replace("-", "_")
    short = re.sub(r"^jupyter(?:hub)?[-_]", "", name).replace("-", "_")
    if os.path.isdir(os.path.join(folder, "src")):
        return True
    return any(os.path.isfile(os.path.join(folder, m, "__init__.py")) for m in {module, short})


def upstream_project(path: str, root: str | None) -> tuple[str, str | None] | None:
    """(the project's normalised name, its literal version or None) when the package file ``path`` declares a
    JupyterHub organisation project; else None.  Read only inside ``root``, at most :data:`_LIMIT` bytes."""
    from ..settings.files import read_regular

    raw = read_regular(path, limit=_LIMIT, inside=root)
    if raw is None:
        return None
    text = raw.decode("utf-8", "replace")
    setup = path.endswith(".py")
    m = (_SETUP_NAME if setup else _NAME).search(text)
    if m is None:
        return None
    name = _normal(m.group(1))
    if name not in _UPSTREAM and not _ORG_URL.search(text):
        return None
    if not _has_source(os.path.dirname(path), name):
        return None  # a project file without the package's code (`uv init` in a folder named jupyterhub): not a copy
    v = (_SETUP_VERSION if setup else _VERSION).search(text)
    return name, v.group(1) if v else None
