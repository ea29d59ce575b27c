"""The deployment as data: JSON ``deployment`` and ``--show-deployment`` (paths relative to a folder)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..deployment.imagenames import shown
from .facts import container_user, rel_origin
from .hubs import HubSource, chosen_in, groups, hub_for
from .places import shown as shown_from

if TYPE_CHECKING:
    from .graph import Deployment
    from .units import Built

__all__ = ["deployment_json", "unread_reason"]


def deployment_json(dep: Deployment, relative_to: str) -> dict:
    """The deployment graph: the Hub's version (the one the whole repository agrees on) and every source of it,
    each deployment's (scope) own Hub version, spawn images, spawner commands, builds."""

    def rel(path: str) -> str:
        return os.path.relpath(path, relative_to)

    chosen, _ = hub_for(dep, dep.root)

    def hub_json(h: HubSource) -> dict:
        out = {
            "version": h.version,
            "kind": shown_from(h.kind, relative_to),  # "…, through the chart `charts/hub`"
            "path": rel(h.path),
            "line": h.span[0],
            "source": h.describe(relative_to),
            "scope": rel(h.scope),
        }
        if h.upto is not None:
            out["upto"] = h.upto or None  # a range (a development chart); null: no known upper bound
        if h.certainty != "certain":
            out["certainty"] = h.certainty
        return out

    deployments = []
    for scope, group in sorted(groups(dep).items()):
        used, disagree = chosen_in(group)
        deployments.append(
            {
                "scope": rel(scope),
                "hub": hub_json(used),
                "configs": sorted({rel(c) for h in group for c in h.configs}),
                "conflicts": [hub_json(h) for h in disagree],
            }
        )

    cmds = _spawner_cmds(dep, rel)
    users = []
    for path, cfg in dep.configs.items():
        found = container_user(cfg, rel(path))
        if found is not None:
            users.append({"user": found[0], "where": found[1]})
    builds = []
    for (path, target), unit in sorted(dep.units.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        role = dep.roles[(path, target)]
        builds.append(
            {
                "dockerfile": rel(path),
                "target": target,
                "images": sorted({shown(n) for b in unit.built for n in b.names}),
                "role": role.role,
                "reason": role.reason,
                "origin": "; ".join(dict.fromkeys(rel_origin(b.origin, relative_to) for b in unit.built))
                or "found in the repository",
                "definitions": [_definition(b, rel, relative_to) for b in unit.built],
            }
        )
    return {
        "root": rel(dep.root),
        "hub": hub_json(chosen) if chosen is not None else None,
        "hubs": [hub_json(h) for h in dep.hubs],
        "deployments": deployments,
        "spawn_images": [
            {"image": s.ref, "path": rel(s.path), "line": s.span[0], "setting": s.where, "config": rel(s.config)}
            for s in dep.spawns
        ],
        "spawner_cmd": cmds,
        "container_user": users,
        "builds": builds,
    }


def unread_reason(dep: Deployment, path: str | None) -> str:
    """Why a YAML file is listed but not read as values: a copy of the chart's defaults, a release file, or no
    chart values at all."""
    if path in dep.reference_copies:
        return f"a copy of the jupyterhub chart's defaults ({dep.reference_copies[path]}), not named by the deployment"
    releases = [r for r in dep.releases if os.path.abspath(r.path) == path]
    if releases:
        names = ", ".join(f"`{r.name}`" for r in releases[:3] if r.name)
        return f"read for the deployment: {releases[0].kind} {names}".rstrip()
    return "no jupyterhub chart values in it"


def _definition(b: Built, rel, relative_to: str) -> dict:
    """One build of a Dockerfile: where it is defined (``path:line``), as which images, from which context,
    with which build arguments (computed parts as ``<computed>``)."""
    where, _, what = rel_origin(b.origin, relative_to).partition(" (")
    return {
        "where": where,
        "what": what[:-1] if what.endswith(")") else what,
        "images": [shown(n) for n in b.names],
        "context": rel(b.context) if b.context else None,
        "target": b.target,
        "args": {name: shown(s.value) for name, s in b.args.items() if s.value is not None},
    }


def _spawner_cmds(dep: Deployment, rel) -> list[dict]:
    """Each configuration's spawner command and where it is written (z2jh: the chart's default when unset)."""
    cmds = []
    for path, cfg in dep.configs.items():
        cmd = cfg.spawner_cmd()
        if cmd is not None and isinstance(cmd.value, list):
            argv = [x.value for x in cmd.value]
            where = (
                f"{rel(path)}:{cmd.span[0]}"
                if cfg.kind != "z2jh" or cfg.z2jh_cmd_present
                else f"{rel(path)}, the chart's default"
            )
            cmds.append({"cmd": [str(a) for a in argv], "where": where})
        elif cmd is not None and isinstance(cmd.value, str):
            cmds.append({"cmd": [cmd.value], "where": f"{rel(path)}:{cmd.span[0]}"})
    return cmds
