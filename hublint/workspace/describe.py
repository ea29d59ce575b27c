"""The deployment as data: JSON ``deployment`` and ``--show-deployment`` (paths relative to a folder)."""

from __future__ import annotations

import os

from ..deployment.imagenames import computed, same_name, shown, split
from ..records import TYPE_CHECKING
from .builds import parents_of
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

    unknown = [
        {"scope": rel(scope), "stated": what, "path": rel(path), "line": line}
        for scope, (what, path, line) in sorted(dep.unmapped_hubs.items())
        if scope not in groups(dep)
    ]
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
    doc = {
        "root": rel(dep.root),
        "hub": hub_json(chosen) if chosen is not None else None,
        "hubs": [hub_json(h) for h in dep.hubs],
        "deployments": deployments,
        "unknown_hubs": unknown,
        "spawn_images": [
            {"image": s.ref, "path": rel(s.path), "line": s.span[0], "setting": s.where, "config": rel(s.config)}
            for s in dep.spawns
        ],
        "spawner_cmd": cmds,
        "container_user": users,
        "builds": builds,
    }
    return _with_picture_facts(dep, rel, doc)


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
            line = cmd.span[0] if cfg.kind != "z2jh" or cfg.z2jh_cmd_present else None
            cmds.append({"cmd": [str(a) for a in argv], "where": where, "path": rel(path), "line": line})
        elif cmd is not None and isinstance(cmd.value, str):
            cmds.append(
                {"cmd": [cmd.value], "where": f"{rel(path)}:{cmd.span[0]}", "path": rel(path), "line": cmd.span[0]}
            )
    return cmds


def _with_picture_facts(dep: Deployment, rel, doc: dict) -> dict:
    """``doc`` with what the deployment's pictures draw (fields added only): each build's certainty and base, the
    Dockerfiles that build each spawn image, every image the deployment names (``images``)."""
    images = _Images(dep, rel)
    units = sorted(dep.units.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    for build, (key, unit) in zip(doc["builds"], units, strict=True):
        for name in build["images"]:
            images.add(name, [unit])
        build["certainty"] = dep.roles[key].certainty
        build["base"] = images.base(unit)
    for spawn, s in zip(doc["spawn_images"], dep.spawns, strict=True):
        spawn["built_here"] = images.spawned(s.ref)
    doc["images"] = images.json()
    return doc


class _Images:
    """Every image the deployment names (spawn images, the names builds give, the bases Dockerfiles are built on):
    which Dockerfiles of the repository build it and, for the others, what hublint knows of their contents."""

    def __init__(self, dep: Deployment, rel) -> None:
        self.dep, self.rel = dep, rel
        self.everyone = list(dep.units.values())
        self.found: dict[str, dict[tuple[str, str], dict]] = {}
        self.written: dict[str, str] = {}

    def add(self, ref: str, units) -> list[dict]:
        self.written.setdefault(shown(ref), ref)
        built = self.found.setdefault(shown(ref), {})
        for u in units:
            built.setdefault((self.rel(u.path), u.target or ""), {"dockerfile": self.rel(u.path), "target": u.target})
        return [built[k] for k in sorted({(self.rel(u.path), u.target or "") for u in units})]

    def spawned(self, ref: str | None) -> list[dict]:
        if not ref:
            return []
        return self.add(ref, [u for u in self.everyone if any(same_name(n, ref) for b in u.built for n in b.names)])

    def base(self, unit) -> dict | None:
        """The image the Dockerfile's chain is built on: as resolved and as written, and where it is built here."""
        raw, resolved = unit.from_line
        if not resolved:
            return None
        return {
            "image": shown(resolved),
            "written": raw,
            "built_here": self.add(resolved, parents_of(unit, self.everyone)),
        }

    def json(self) -> list[dict]:
        from ..dockerfile.imageref import parse_ref
        from ..image.knowledge import lookup

        out = []
        for ref, built in sorted(self.found.items()):
            raw = self.written[ref]
            info = None if built or computed(raw) else lookup(parse_ref(raw), self.dep.settings.images)
            out.append(
                {
                    "image": ref,
                    "name": shown(split(raw)[0]),
                    "built_here": [built[k] for k in sorted(built)],
                    "known": _known(info) if info is not None else None,
                }
            )
        return out


def _known(info) -> dict:
    """What hublint knows of an image it does not build: its family and the versions of what it runs (``null``:
    unknown, ``"-"``: not installed), its user."""
    doc: dict = {"family": info.title}
    for field in ("jupyterhub", "jupyterlab", "notebook", "python"):
        fact = info.facts.get(field)
        doc[field] = None if fact is None else ("-" if fact.state == "absent" else fact.version)
    doc["user"] = info.user
    return doc
