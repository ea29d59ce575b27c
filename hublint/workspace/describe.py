"""The deployment as data: JSON ``deployment`` and ``--show-deployment`` (paths relative to a folder)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..deployment.imagenames import shown
from .facts import rel_origin
from .hubs import HubSource, hub_for

if TYPE_CHECKING:
    from .graph import Deployment
    from .units import Built

__all__ = ["deployment_json"]


def deployment_json(dep: Deployment, relative_to: str) -> dict:
    """The deployment graph: the Hub's version and every source of it, spawn images, spawner commands,
    builds."""

    def rel(path: str) -> str:
        return os.path.relpath(path, relative_to)

    chosen, _ = hub_for(dep, dep.root)

    def hub_json(h: HubSource) -> dict:
        return {
            "version": h.version,
            "kind": h.kind,
            "path": rel(h.path),
            "line": h.span[0],
            "source": h.describe(relative_to),
            "scope": rel(h.scope),
        }

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
        "spawn_images": [
            {"image": s.ref, "path": rel(s.path), "line": s.span[0], "setting": s.where, "config": rel(s.config)}
            for s in dep.spawns
        ],
        "spawner_cmd": cmds,
        "builds": builds,
    }


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
