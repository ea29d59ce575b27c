"""``--show-roles`` and ``--show-deployment``: what hublint decided about each file, and the deployment it read."""

from __future__ import annotations

import json
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def file_counts(report) -> list[tuple[str, int]]:
    """(what, how many) for ``--statistics``: images by role, deployment files by kind."""
    from ..formatters import role_counts

    return [(what, n) for what, n in role_counts(report.entries) if n]


def show(report, out, fmt: str, *, roles: bool, deployment: bool) -> None:
    cwd = os.getcwd()
    if fmt == "json":
        doc = {}
        if roles:
            doc["files"] = [e.to_json() for e in report.entries]
        if deployment:
            doc["deployment"] = report.deployment_json(cwd)
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    if roles:
        width = max((len(e.path) for e in report.entries), default=10)
        for e in report.entries:
            role = e.role or "-"
            state = "" if e.linted else "  (skipped)"
            out.write(f"{e.path:<{width}}  {e.kind:<12} {role:<10} {e.reason}{state}\n")
    if deployment:
        for doc in report.deployment_json(cwd):
            _print_project(doc, out)


def _print_project(doc: dict, out) -> None:
    out.write(f"repository {doc['root']}\n")
    hub = doc["hub"]
    if hub:
        out.write(f"  Hub: jupyterhub {hub['version']} ({hub['kind']}; {hub['source']})\n")
    else:
        out.write("  Hub: version not found in the repository (pass --hub-version)\n")
    for h in doc["hubs"]:
        if hub is None or (h["path"], h["line"]) != (hub["path"], hub["line"]):
            out.write(f"    also: {h['version']} ({h['kind']}; {h['path']}:{h['line']}) for {h['scope']}\n")
    for c in doc["spawner_cmd"]:
        out.write(f"  spawner command: {' '.join(c['cmd'])} ({c['where']})\n")
    if doc["spawn_images"]:
        out.write("  spawn images:\n")
        for s in doc["spawn_images"]:
            out.write(f"    {s['image'] or '<unknown>'}  ({s['setting']}, {s['path']}:{s['line']})\n")
    if doc["builds"]:
        out.write("  built here:\n")
        for b in doc["builds"]:
            target = f"#{b['target']}" if b["target"] else ""
            names = ", ".join(b["images"]) or "(no name)"
            definitions = b.get("definitions") or []
            origin = "" if definitions else f"; {b['origin']}"
            out.write(f"    {b['dockerfile']}{target} -> {names} ({b['role']}{origin})\n")
            for d in definitions:
                args = " ".join(f"{k}={v}" for k, v in d["args"].items())
                built_as = ", ".join(d["images"]) or "(no name)"
                stage = f", target {d['target']}" if d["target"] else ""
                out.write(
                    f"      {d['where']} {d['what'].split(' as ')[0]}: {built_as}; context {d['context']}{stage}"
                    + (f"; args {args}" if args else "")
                    + "\n"
                )


def image_facts(ref_text: str, user_images=None) -> dict:
    """What hublint knows about an image reference: the facts the rules use (JSON of ``--show-image``)."""
    from ..dockerfile.imageref import parse_ref
    from ..image.knowledge import lookup

    ref = parse_ref(ref_text)
    info = lookup(ref, user_images)
    doc: dict[str, Any] = {
        "image": ref_text,
        "family": None,
        "jupyterhub": None,
        "jupyterlab": None,
        "notebook": None,
        "python": None,
        "user": None,
        "cmd": None,
        "exists": None,
        "sources": [],
    }
    if info is None:
        doc["sources"] = ["hublint does not know this image: declare it under [images] in the configuration"]
        return doc
    doc["family"] = info.title
    for pkg in ("jupyterhub", "jupyterlab", "notebook", "python"):
        if pkg in info.provides or (pkg == "python" and info.python):
            doc[pkg] = info.provides.get(pkg) if pkg != "python" else (info.provides.get("python") or info.python)
        else:
            doc[pkg] = "-"  # not installed
    doc["user"] = info.user
    doc["cmd"] = list(info.cmd) if info.cmd is not None else None
    doc["exists"] = info.exists
    doc["sources"] = [s for s in info.sources if s] + (["the image family: hublint/image/images.json"])
    if info.built:
        doc["built"] = info.built
    return doc


def show_image(ref_text: str, out, fmt: str, config: str | None, no_config: bool) -> int:
    import os

    from ..settings.config import ConfigError, build_settings, find_config, load_config

    try:
        path = config or (None if no_config else find_config(os.getcwd()))
        images = build_settings(load_config(path) if path else {}, {}).images
    except ConfigError as exc:
        import sys

        sys.stderr.write(f"hublint: error: {exc}\n")
        return 2
    doc = image_facts(ref_text, images)
    if fmt == "json":
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write(f"{doc['image']}\n")
    out.write(f"  family:     {doc['family'] or 'unknown'}\n")
    for key in ("jupyterhub", "jupyterlab", "notebook", "python"):
        value = doc[key]
        shown = "not installed" if value == "-" else (value or "unknown")
        out.write(f"  {key + ':':<11} {shown}\n")
    out.write(f"  user:       {doc['user'] or 'unknown'}\n")
    out.write(f"  cmd:        {' '.join(doc['cmd']) if doc['cmd'] else ('none' if doc['cmd'] == [] else 'unknown')}\n")
    exists = {True: "yes", False: "no: never published on this registry", None: "unknown"}[doc["exists"]]
    out.write(f"  published:  {exists}\n")
    if doc.get("built"):
        out.write(f"  built:      {doc['built']}\n")
    for s in doc["sources"]:
        out.write(f"  source:     {s}\n")
    return 0
