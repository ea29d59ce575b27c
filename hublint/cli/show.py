"""``--show-roles`` and ``--show-deployment``: what hublint decided about each file, and the deployment it read."""

from __future__ import annotations

import json
import os

from ..formatters import json_safe, printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def file_counts(report) -> list[tuple[str, int]]:
    """(what, how many) for ``--statistics``: images by role, deployment files by kind."""
    from ..formatters import role_counts

    return [(what, n) for what, n in role_counts(report.entries) if n]


def show(report, out, fmt: str, *, roles: bool, deployment: bool) -> None:
    cwd = os.getcwd()
    if fmt in ("mermaid", "dot"):
        from ..formatters import graph_syntax

        out.write(getattr(graph_syntax, fmt)(deployment_graph(report, cwd)))
        return
    if fmt == "json":  # paths relative to the repository root, as in every machine format
        doc = {}
        if roles:
            doc["files"] = report.entries_for_machines()
        if deployment:
            doc["deployment"] = report.deployment_json()
        out.write(json.dumps(json_safe(doc), ensure_ascii=False, indent=2) + "\n")
        return
    if roles:
        width = max((len(e.path) for e in report.entries), default=10)
        for e in report.entries:
            role = (e.role or "-") + (f" ({e.certainty})" if e.role and e.certainty else "")
            state = "" if e.linted else "  (skipped)"
            out.write(printable(f"{e.path:<{width}}  {e.kind:<12} {role:<21} {e.reason}{state}") + "\n")
    if deployment and fmt == "full" and out.isatty():  # a terminal: a tree (piped: the lines below, as ever)
        from ..formatters.deployment_tree import render_tree

        render_tree(deployment_graph(report, cwd), out)
    elif deployment:
        for doc in report.deployment_json(cwd):
            _print_project(doc, out)


def deployment_graph(report, cwd: str):
    """The graph of the deployments, drawn from their JSON (``--show-deployment --format json``) and the JSON
    findings, both with their paths as the JSON gives them."""
    from ..formatters.deployment_graph import build

    return build(report.deployment_json(cwd), [f.to_json() for f in report.findings])


def _version(hub: dict) -> str:
    """``5.2.1``; a range: ``3.0.0 to 4.0.0``, ``5.5.0 or later``; ``(weak)`` when inferred."""
    text = hub["version"]
    if "upto" in hub:
        text += f" to {hub['upto']}" if hub["upto"] else " or later"
    return text + (f" ({hub['certainty']})" if hub.get("certainty") else "")


def _print_project(doc: dict, out) -> None:
    out = _Printable(out)
    out.write(f"repository {doc['root']}\n")
    hub = doc["hub"]
    deployments = doc.get("deployments", [])
    unknown = doc.get("unknown_hubs", [])
    several = len(deployments) + len(unknown) > 1
    if hub:
        out.write(f"  Hub: jupyterhub {_version(hub)} ({hub['kind']}; {hub['source']})\n")
    elif several:
        out.write("  Hub: one version per deployment (below)\n")
    elif unknown:
        u = unknown[0]
        out.write(f"  Hub: jupyterhub unknown ({u['stated']}, `{u['path']}:{u['line']}`)\n")
    else:
        out.write("  Hub: version not found in the repository (pass --hub-version)\n")
    if several:
        for d in deployments:
            h = d["hub"]
            configs = f", values {', '.join(d['configs'])}" if d["configs"] else ""
            out.write(f"  deployment {d['scope']}: jupyterhub {_version(h)} ({h['kind']}; {h['source']}{configs})\n")
        for u in unknown:
            out.write(f"  deployment {u['scope']}: jupyterhub unknown ({u['stated']}, `{u['path']}:{u['line']}`)\n")
    shown = {(d["hub"]["path"], d["hub"]["line"]) for d in deployments} if several else set()
    if hub is not None:
        shown.add((hub["path"], hub["line"]))
    for h in doc["hubs"]:
        if (h["path"], h["line"]) not in shown:
            out.write(f"    also: {_version(h)} ({h['kind']}; {h['path']}:{h['line']}) for {h['scope']}\n")
    for c in doc["spawner_cmd"]:
        out.write(f"  spawner command: {' '.join(c['cmd'])} ({c['where']})\n")
    for u in doc.get("container_user", ()):
        out.write(f"  container user: {u['user']} ({u['where']})\n")
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


def _field_json(fact) -> dict:
    """One field of ``--show-image --format json``: ``{"state": "value", "value", "exact"}``, ``{"state":
    "unknown", "reason"}`` (with ``one_of``, the majors it may be, when known) or ``{"state": "absent"}`` (a
    reason where one is known)."""
    doc: dict[str, Any] = {"state": fact.state}
    if fact.state == "value":
        doc["value"] = fact.value
        doc["exact"] = fact.exact
    if fact.alternatives:
        doc["one_of"] = fact.alternatives.split("|")  # the majors it may be (jupyterhub)
    if fact.reason:
        doc["reason"] = fact.reason
    return doc


def image_facts(ref_text: str, user_images=None) -> dict:
    """What hublint knows about an image reference: the facts the rules use (JSON of ``--show-image``).

    Per package: ``jupyterhub``… hold the version (a series as its prefix: ``3.12``), ``null`` when unknown and
    ``"-"`` when the image does not have it; ``fields`` holds the full answer per field (value, unknown with the
    reason, or absent), ``exists`` true/false/null with ``exists_reason``, and ``knowledge_ends`` the day hublint's
    knowledge for it ends."""
    from ..dockerfile.imageref import parse_ref
    from ..image.facts import FIELDS
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
        "jupyter_server": None,
        "fields": {f: {"state": "unknown", "reason": "hublint does not know this image"} for f in FIELDS},
        "exists_reason": "",
        "knowledge_ends": None,
    }
    if info is None:
        doc["sources"] = ["hublint does not know this image: declare it under [images] in the configuration"]
        return doc
    doc["family"] = info.title
    for field in FIELDS:
        fact = info.facts.get(field)
        if fact is None:
            continue
        doc[field] = "-" if fact.state == "absent" else fact.version  # null: unknown
        doc["fields"][field] = _field_json(fact)
    doc["user"] = info.user
    doc["cmd"] = list(info.cmd) if info.cmd is not None else None
    doc["exists"] = info.exists
    doc["exists_reason"] = info.exists_reason
    doc["knowledge_ends"] = info.ends
    doc["sources"] = [s for s in info.sources if s] + (["the image family: hublint/image/images.json"])
    if info.built:
        doc["built"] = info.built
    return doc


def _field_text(entry: dict) -> str:
    state = entry["state"]
    if state == "value":
        shown = entry["value"][:-2] + ".x" if entry["value"].endswith(".*") else entry["value"]
        return shown + (f" ({entry['reason']})" if entry.get("reason") else "")
    if state == "absent":
        return "not installed"
    among = " or ".join(v.replace(".*", ".x") for v in entry.get("one_of", ()))
    return f"unknown{f' ({among})' if among else ''}: {entry.get('reason') or 'hublint cannot tell'}"


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
        out.write(json.dumps(json_safe(doc), ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write(f"{doc['image']}\n")
    out.write(f"  {'family:':<16}{doc['family'] or 'unknown'}\n")
    for key in ("jupyterhub", "jupyterlab", "notebook", "jupyter_server", "python"):
        out.write(f"  {key + ':':<16}{_field_text(doc['fields'][key])}\n")
    out.write(f"  {'user:':<16}{doc['user'] or 'unknown'}\n")
    cmd = " ".join(doc["cmd"]) if doc["cmd"] else ("none" if doc["cmd"] == [] else "unknown")
    out.write(f"  {'cmd:':<16}{cmd}\n")
    exists = {True: "yes", False: "no: never published on this registry", None: "unknown"}[doc["exists"]]
    if doc["exists_reason"]:
        exists += f" ({doc['exists_reason']})"
    out.write(f"  {'published:':<16}{exists}\n")
    if doc.get("built"):
        out.write(f"  {'built:':<16}{doc['built']}\n")
    if doc["knowledge_ends"]:
        out.write(f"  knowledge ends {doc['knowledge_ends']}\n")
    for s in doc["sources"]:
        out.write(f"  {'source:':<16}{s}\n")
    return 0


class _Printable:
    """Writes each line with control characters escaped (paths and values from the repository)."""

    def __init__(self, out) -> None:
        self.out = out

    def write(self, text: str) -> None:
        self.out.write("\n".join(printable(line) for line in text.split("\n")))
