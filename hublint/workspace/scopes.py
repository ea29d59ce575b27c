"""Scopes: which deployment of a repository each file belongs to (docs/deployment-rules/scopes.md).

A repository may hold several deployments — a chart with its values, a release of the jupyterhub chart (helmfile,
helmsman, Argo CD, a ``helm`` command line, hubploy) with the values it names, a compose file with its Hub service,
a Hub configuration alone.  Each has a *scope*, the folder whose files it encloses; a configuration (z2jh values, a
``jupyterhub_config.py``) belongs to the deployment that runs it:

- the release that names it (helmfile ``values``, helmsman ``valuesFile(s)``, Argo ``valueFiles``, ``helm -f``,
  hubploy's ``config/``) — its scope is the release file's folder;
- the compose file whose Hub service mounts it, builds it into the Hub's image, or starts ``jupyterhub -f`` with
  it — its scope is the compose file's folder;
- the chart (``Chart.yaml``/``requirements.yaml`` that deploys the jupyterhub chart) whose folder holds it;
- else the configuration alone, scoped to its own folder — the folder above when its folder is named for the Hub
  image (``x/hub/``, ``x/jhub/``, ``x/jupyterhub/`` beside ``x/lab/``: one part of the deployment in ``x``).

What a configuration says about how images are started applies to the images it spawns by name, else to the
images of its deployment's scope (the deepest enclosing one), else — when the repository has a single deployment —
to every image of the repository.  The Hub's version is resolved the same way (:mod:`.hubs`).
"""

from __future__ import annotations

import os

from ..deployment.names import HUB_IMAGE_FOLDER
from ..records import TYPE_CHECKING
from .graph import under
from .units import image_name

if TYPE_CHECKING:
    from .graph import Deployment

__all__ = ["config_scope", "spawning_configs", "enclosing_configs", "named_by", "part_of"]


def named_by(dep: Deployment, config: str) -> list[str]:
    """The scopes (folders) of the releases that name ``config`` as their values."""
    return sorted(set(dep.named_values.get(os.path.abspath(config), ())))


def config_scope(dep: Deployment, config: str) -> str:
    """The scope of the deployment a configuration belongs to (see the module's docstring)."""
    config = os.path.abspath(config)
    cached = dep.config_scopes.get(config)
    if cached is not None:
        return cached
    found = _config_scope(dep, config)
    dep.config_scopes[config] = found
    return found


def _config_scope(dep: Deployment, config: str) -> str:
    named = named_by(dep, config)
    if named:
        return min(named, key=len)
    composes = []
    for svc in dep.hub_services:
        folder = os.path.dirname(svc.path)
        runs = config in dep.hub_service_configs.get((svc.path, svc.name), ())
        builds = svc.build is not None and svc.build.context is not None and under(config, svc.build.context)
        if runs or builds:
            composes.append(folder)
    if composes:
        return min(composes, key=len)
    charts = [c.folder for c in dep.charts if c.deploys_jupyterhub and under(config, os.path.abspath(c.folder))]
    if charts:
        return os.path.abspath(max(charts, key=len))
    return part_of(os.path.dirname(config), dep.root)


def part_of(folder: str, root: str) -> str:
    """The scope of a Hub image built in ``folder`` by no compose file, or of a configuration alone there: the
    folder above when ``folder`` is named for the Hub image (``x/hub/``, ``x/jhub/``, ``x/jupyterhub/``,
    ``x/hub-image/`` beside ``x/lab/``: one part of the deployment in ``x``), else ``folder``.  A folder named for
    a whole deployment (``jupyterhub-prod/``) is its own."""
    if HUB_IMAGE_FOLDER.fullmatch(os.path.basename(folder).lower()) and under(os.path.dirname(folder), root):
        return os.path.dirname(folder)
    return folder


def spawning_configs(dep: Deployment, path: str) -> list[str]:
    """The configurations that spawn an image the Dockerfile at ``path`` is built as (by name)."""
    names = {n for u in dep.units_of(path) for n in u.names}
    if not names:
        return []
    return list(dict.fromkeys(s.config for s in dep.spawns if s.ref and image_name(s.ref) in names))


def enclosing_configs(dep: Deployment, path: str) -> list[str]:
    """The configurations whose deployment's scope encloses ``path`` (the deepest scope); else, when the
    repository has a single deployment, all of its configurations."""
    path = os.path.abspath(path)
    scopes = {p: config_scope(dep, p) for p in dep.configs}
    enclosing = {p: s for p, s in scopes.items() if under(path, s)}
    if enclosing:
        deepest = max(len(s) for s in enclosing.values())
        return [p for p, s in enclosing.items() if len(s) == deepest]
    if len(set(scopes.values())) == 1:
        return list(scopes)
    return []
