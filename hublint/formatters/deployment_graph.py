"""The deployment as a graph — nodes and edges drawn from the JSON ``deployment`` objects (the source of truth:
``--show-deployment --format json``) and the JSON findings, by a pure function: :func:`build`.

Nodes: the Hub (its version, and what says it), the files that state the version, spawn settings
(``file:line``), spawner commands, images (built here or not, with what hublint knows of their contents),
Dockerfiles (role and how sure it is) and build definitions (Makefiles, workflows, compose, bake, chartpress).
Edges: a definition builds a Dockerfile, a Dockerfile builds an image and is built ``FROM`` one, a setting
spawns an image, a file states the Hub's version.  Each node counts the findings on it (a setting: on its line;
a file: on the rest of it).  Ids come from kinds and names (stable from one run to the next), nodes and edges are
sorted: a diff of two runs' graphs shows what changed.  :mod:`.graph_syntax` writes Mermaid and DOT;
:mod:`.deployment_tree` the terminal's tree.

Imports: nothing of hublint (a pure function of JSON: the GitHub Action draws from the JSON report).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable

from ..records import NamedTuple

__all__ = ["Node", "Edge", "Graph", "build", "count_phrase", "spawned_only"]

ROLE_WORDS = {"singleuser": "single-user image", "hub": "Hub image", "other": "other image"}
_MAX_WHAT = 60  # the longest description of a build kept on its edge


class Node(NamedTuple):
    id: str
    kind: str  # hub | source | setting | command | image | dockerfile | definition
    title: str
    lines: tuple[str, ...]  # the label's further lines
    counts: tuple[int, int, int]  # findings on it: errors, warnings, infos
    style: str  # what it is, for colour: hub, built, external, unknown, singleuser, other, conflict…
    group: int  # the repository it belongs to (an index of Graph.groups)
    at: tuple[str, int | None] | None = None  # the place its findings are counted at: (path, line or None: the file)


class Edge(NamedTuple):
    src: str
    dst: str
    label: str
    kind: str  # builds | from | spawns | version | conflict | defines | runs


class Graph(NamedTuple):
    groups: tuple[str, ...]  # each repository's root, as the JSON gives it
    nodes: tuple[Node, ...]  # sorted by id
    edges: tuple[Edge, ...]  # sorted

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)


def count_phrase(counts: tuple[int, int, int]) -> str:
    """``2 errors, 1 warning``; empty without findings."""
    parts = [
        f"{n} {word}{'s' if n != 1 and word != 'info' else ''}"
        for n, word in zip(counts, SEVERITY_WORDS, strict=True)
        if n
    ]
    return ", ".join(parts)


SEVERITY_WORDS = ("error", "warning", "info")


def build(deployments: Iterable[dict], findings: Iterable[dict] = ()) -> Graph:
    """The graph of each deployment object (one group per repository), each node with the counts of ``findings``
    (JSON findings: ``path``, ``line``, ``severity``) on it."""
    docs = [d for d in deployments if d]
    nodes: dict[str, Node] = {}
    edges: set[Edge] = set()
    for group, doc in enumerate(docs):
        _Builder(doc, group, f"r{group + 1}_" if len(docs) > 1 else "", nodes, edges).run()
    tally = _Tally(findings, [n.at for n in nodes.values() if n.at is not None and n.at[1] is not None])
    finished = [n._replace(counts=tally.counts(n.at)) for n in nodes.values()]
    return Graph(
        tuple(str(d.get("root", ".")) for d in docs),
        tuple(sorted(finished, key=lambda n: n.id)),
        tuple(sorted(edges)),
    )


def spawned_only(graph: Graph) -> Graph:
    """A smaller picture: the Hubs, what states their versions and what they spawn, with the Dockerfiles that
    build the spawned images and the chains of bases below them — no build definitions, nothing else built."""
    out: dict[str, list[Edge]] = {}
    into: dict[str, list[Edge]] = {}
    for e in graph.edges:
        out.setdefault(e.src, []).append(e)
        into.setdefault(e.dst, []).append(e)
    kept = {n.id for n in graph.nodes if n.kind == "hub"}
    todo = list(kept)
    while todo:
        node = todo.pop()
        near = [e.dst for e in out.get(node, ()) if e.kind in ("spawns", "runs", "from")]
        near += [e.src for e in into.get(node, ()) if e.kind in ("version", "conflict", "builds")]
        for other in near:
            if other not in kept:
                kept.add(other)
                todo.append(other)
    edges = tuple(e for e in graph.edges if e.src in kept and e.dst in kept and e.kind != "defines")
    return graph._replace(nodes=tuple(n for n in graph.nodes if n.id in kept), edges=edges)


def _norm(path: str) -> str:
    return posixpath.normpath(str(path).replace("\\", "/")) if path else ""


class _Tally:
    """Findings by place; a node takes those on its line (settings, commands) or on its file (the rest)."""

    def __init__(self, findings: Iterable[dict], lines: Iterable[tuple[str, int | None]]) -> None:
        self.by_path: dict[str, list[tuple[int, int]]] = {}
        for f in findings:
            rank = SEVERITY_WORDS.index(f["severity"]) if f.get("severity") in SEVERITY_WORDS else 2
            self.by_path.setdefault(_norm(f.get("path", "")), []).append((int(f.get("line") or 0), rank))
        self.claimed: dict[str, set[int | None]] = {}  # path -> the lines a setting or command node counts
        for path, line in lines:
            self.claimed.setdefault(path, set()).add(line)

    def counts(self, where: tuple[str, int | None] | None) -> tuple[int, int, int]:
        if where is None:
            return (0, 0, 0)
        path, line = where
        out = [0, 0, 0]
        for at, rank in self.by_path.get(path, ()):
            if (line is None and at not in self.claimed.get(path, ())) or at == line:
                out[rank] += 1
        return (out[0], out[1], out[2])


def _slug(kind: str, key: str) -> str:
    """A node id: its kind, a readable part of its key and a short hash of the key (two keys never share one)."""
    readable = re.sub(r"[^A-Za-z0-9]+", "_", key).strip("_")[:40].strip("_")
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{kind}_{readable}_{digest}" if readable else f"{kind}_{digest}"


def _under(path: str, scope: str) -> bool:
    path, scope = _norm(path), _norm(scope)
    if scope == ".":
        return not path.startswith("../") and path != ".." and not path.startswith("/")
    return path == scope or path.startswith(scope.rstrip("/") + "/")


def _version(hub: dict) -> str:
    text = str(hub.get("version"))
    if "upto" in hub:
        text += f" to {hub['upto']}" if hub["upto"] else " or later"
    return text + (f" ({hub['certainty']})" if hub.get("certainty") else "")


def _where(text: str) -> tuple[str, int | None]:
    """``Makefile:12`` as (path, line)."""
    path, sep, line = str(text).rpartition(":")
    return (path, int(line)) if sep and line.isdigit() else (str(text), None)


class _Builder:
    """One deployment object's nodes and edges."""

    def __init__(self, doc: dict, group: int, prefix: str, nodes: dict[str, Node], edges: set[Edge]) -> None:
        self.doc, self.group, self.prefix = doc, group, prefix
        self.nodes, self.edges = nodes, edges
        self.images = {str(i["image"]): i for i in doc.get("images") or ()}
        self.dockerfiles: dict[tuple[str, str], str] = {}  # (dockerfile, target) -> node id
        self.hubs: list[tuple[dict | None, str]] = []  # (the deployment, or None for the repository's) -> node id

    def add(self, kind: str, key: str, title: str, lines=(), style: str = "", at=None) -> str:
        node_id = self.prefix + _slug(kind, key)
        if node_id not in self.nodes:
            place = (_norm(at[0]), at[1]) if at is not None else None
            self.nodes[node_id] = Node(node_id, kind, title, tuple(lines), (0, 0, 0), style, self.group, place)
        return node_id

    def edge(self, src: str, dst: str, label: str, kind: str) -> None:
        self.edges.add(Edge(src, dst, label, kind))

    def run(self) -> None:
        for b in self.doc.get("builds") or ():
            self.dockerfile(b)
        self.hub_nodes()
        for s in self.doc.get("spawn_images") or ():
            self.setting(s)
        for c in self.doc.get("spawner_cmd") or ():
            self.command(c)
        for b in self.doc.get("builds") or ():
            self.build_edges(b)
        for h in self.doc.get("hubs") or ():
            self.source(h)

    # ---------------------------------------------------------------------------------------------- the Hub
    def hub_nodes(self) -> None:
        deployments = self.doc.get("deployments") or []
        if len(deployments) > 1:
            for d in deployments:
                h = d["hub"]
                lines = (str(h.get("kind", "")), f"deployment {d['scope']}")
                self.hubs.append((d, self.add("hub", str(d["scope"]), f"JupyterHub {_version(h)}", lines, "hub")))
            return
        hub = self.doc.get("hub")
        if hub:
            node = self.add("hub", "", f"JupyterHub {_version(hub)}", (str(hub.get("kind", "")),), "hub")
        else:
            node = self.add("hub", "", "JupyterHub, version unknown", ("pass --hub-version",), "unknown")
        self.hubs.append((None, node))

    def hub_of(self, path: str | None = None, config: str | None = None, scope: str | None = None) -> str:
        """The Hub node of the deployment a file or scope belongs to (the deepest scope holding it)."""
        best, depth = self.hubs[0][1], -1
        for d, node in self.hubs:
            if d is None:
                continue
            if scope is not None:
                if _norm(d["scope"]) == _norm(scope):
                    return node
                continue
            if config is not None and config in d.get("configs", ()):
                return node
            here = _norm(d["scope"]).count("/") + (d["scope"] != ".")
            if path is not None and _under(path, d["scope"]) and here > depth:
                best, depth = node, here
        return best

    def source(self, h: dict) -> None:
        """A place that states the Hub's version: a Dockerfile of the graph or a file node of its own."""
        path, line = str(h.get("path", "")), h.get("line")
        node = next((n for (p, _), n in sorted(self.dockerfiles.items()) if _norm(p) == _norm(path)), None)
        if node is None:
            node = self.add("source", path, path, ("states the Hub's version",), "source", (path, None))
        hub = self.hub_of(scope=h.get("scope"))
        agrees = self.nodes[hub].title == f"JupyterHub {_version(h)}" or self.nodes[hub].style == "unknown"
        if agrees:
            self.edge(node, hub, f"states the version, line {line}", "version")
        else:
            self.edge(node, hub, f"states {_version(h)}, line {line}", "conflict")

    # ---------------------------------------------------------------------------------------------- spawning
    def image(self, text: str | None, key: str | None = None) -> str:
        if not text:
            return self.add(
                "image", f"unknown {key}", "image unknown", ("the setting's value is not known",), "unknown"
            )
        info = self.images.get(text) or {}
        if info.get("built_here"):
            return self.add("image", text, text, ("built here",), "built")
        known = info.get("known")
        if not known:
            return self.add("image", text, text, ("external, unknown to hublint",), "external")
        has = [f"{k} {known[k]}" for k in ("jupyterhub", "jupyterlab", "python") if known.get(k) not in (None, "-")]
        lacks = [k for k in ("jupyterhub",) if known.get(k) == "-"]
        lines = (f"external: {known.get('family')}", ", ".join(has + [f"no {k}" for k in lacks]) or "versions unknown")
        return self.add("image", text, text, lines, "external")

    def setting(self, s: dict) -> None:
        path, line, config = str(s.get("path", "")), s.get("line"), str(s.get("config", ""))
        key = f"{path}:{line}:{s.get('setting')}"
        lines = [f"{path}:{line}"] + ([f"for {config}"] if _norm(config) != _norm(path) else [])
        node = self.add("setting", key, str(s.get("setting", "")), lines, "setting", (path, line))
        self.edge(self.hub_of(path=config, config=config), node, "spawns", "spawns")
        self.edge(node, self.image(s.get("image"), key), "image", "spawns")

    def command(self, c: dict) -> None:
        where, path, line = str(c.get("where", "")), c.get("path"), c.get("line")
        if path is None:
            path, line = _where(where)
        argv = " ".join(str(a) for a in c.get("cmd") or ())
        node = self.add("command", where, "spawner command", (argv, where), "setting", (path, line))
        self.edge(self.hub_of(path=str(path), config=str(path)), node, "runs", "runs")

    # ---------------------------------------------------------------------------------------------- building
    def dockerfile(self, b: dict) -> None:
        path, target = str(b["dockerfile"]), b.get("target")
        title = path + (f"#{target}" if target else "")
        certainty = f" ({b['certainty']})" if b.get("certainty") else ""
        role = b.get("role") or "other"
        lines = (ROLE_WORDS.get(role, role) + certainty,)
        node = self.add("dockerfile", title, title, lines, role, (path, None))
        self.dockerfiles[(path, target or "")] = node

    def build_edges(self, b: dict) -> None:
        path, target = str(b["dockerfile"]), b.get("target") or ""
        node = self.dockerfiles[(path, target)]
        for image in self.built_by(path, target, b.get("images") or ()):
            self.edge(node, self.image(image), "builds", "builds")
        base = b.get("base")
        if base:
            self.edge(node, self.image(base.get("image")), "FROM", "from")
        for d in b.get("definitions") or ():
            where, line = _where(d.get("where", ""))
            defined = self.add("definition", where, where, ("build definition",), "definition", (where, None))
            what = str(d.get("what", "")).split(" as ")[0]
            what = what if len(what) <= _MAX_WHAT else what[: _MAX_WHAT - 1] + "…"
            self.edge(defined, node, f"line {line}: {what}" if line is not None else what, "defines")

    def built_by(self, path: str, target: str, names: Iterable[str]) -> list[str]:
        """The images a Dockerfile builds, as drawn: the ones the deployment names (spawned, built on) and its
        own names but those that only repeat a named one's name without a tag of their own."""
        mine = {
            text
            for text, info in self.images.items()
            if any(
                _norm(w["dockerfile"]) == _norm(path) and (w.get("target") or "") == target for w in info["built_here"]
            )
        }
        named = {text for text in mine if text not in names or self.referenced(text)}
        out = set(named)
        for text in names:
            info = self.images.get(text) or {}
            tagless = text == info.get("name") or text.endswith(":<computed>")
            if not (tagless and any((self.images[n].get("name") == info.get("name")) for n in named if n != text)):
                out.add(text)
        return sorted(out)

    def referenced(self, text: str) -> bool:
        spawned = any(s.get("image") == text for s in self.doc.get("spawn_images") or ())
        return spawned or any((b.get("base") or {}).get("image") == text for b in self.doc.get("builds") or ())
