"""``--show-roles`` and ``--show-deployment``: what hublint decided about each file, and the deployment it read."""

from __future__ import annotations

import json
import os


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
            doc["deployment"] = [p.to_json(cwd) for p in report.projects]
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    if roles:
        width = max((len(e.path) for e in report.entries), default=10)
        for e in report.entries:
            role = e.role or "-"
            state = "" if e.linted else "  (skipped)"
            out.write(f"{e.path:<{width}}  {e.kind:<12} {role:<10} {e.reason}{state}\n")
    if deployment:
        for project in report.projects:
            _print_project(project.to_json(cwd), out)


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
            out.write(f"    {b['dockerfile']}{target} -> {names} ({b['role']}; {b['origin']})\n")
