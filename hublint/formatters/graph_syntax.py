"""The deployment graph (:mod:`.deployment_graph`) as text: a Mermaid ``flowchart`` (GitHub renders it in
Markdown, job summaries and pull requests) and Graphviz DOT.

Every label is escaped for its syntax: whatever a file name holds (quotes, brackets, ``<>``, ``#``, backticks,
new lines, control characters, non-ASCII) is shown as written, never read as syntax — control characters as
visible escapes (``\\x1b``), everything outside plain ASCII as a character reference, so the output is ASCII.
Ids are made of ``[A-Za-z0-9_]`` only.

Imports: this package (``printable``), nothing else of hublint.
"""

from __future__ import annotations

from . import printable
from .deployment_graph import Edge, Graph, Node, count_phrase

__all__ = ["mermaid", "dot", "FORMATS", "mermaid_for_github", "GITHUB_MAX_EDGES", "GITHUB_MAX_TEXT"]

FORMATS = ("mermaid", "dot")
# what GitHub's Mermaid draws at most (mermaid's defaults: maxEdges, maxTextSize)
GITHUB_MAX_EDGES = 500
GITHUB_MAX_TEXT = 50_000
_MAX_LINE = 90  # a label line longer than this is cut (with …)
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:/_-+=()'@!?*$%^~")

# Mermaid: shapes per kind, colours per style (class names of their own: none is a Mermaid keyword)
_MERMAID_SHAPE = {
    "hub": ("{{", "}}"),
    "image": ("([", "])"),
    "dockerfile": ("[", "]"),
    "setting": ("[/", "/]"),
    "command": ("[/", "/]"),
    "definition": ("[[", "]]"),
    "source": ("[(", ")]"),
}
_COLOURS = {
    "hub": ("#fff4d6", "#b7791f"),
    "unknown": ("#f2f2f2", "#888888"),
    "built": ("#e6f4ea", "#2f855a"),
    "external": ("#eef2ff", "#4c51bf"),
    "singleuser": ("#e6f4ea", "#2f855a"),
    "hub-image": ("#fff4d6", "#b7791f"),
    "other": ("#f2f2f2", "#888888"),
    "setting": ("#ffffff", "#4a5568"),
    "definition": ("#ffffff", "#4a5568"),
    "source": ("#ffffff", "#b7791f"),
}
_ERROR, _WARNING = "#d32f2f", "#dd6b20"
_DOT_SHAPE = {
    "hub": "hexagon",
    "image": "box",
    "dockerfile": "note",
    "setting": "box",
    "command": "box",
    "definition": "component",
    "source": "cylinder",
}


def _style(node: Node) -> str:
    return "hub-image" if node.kind == "dockerfile" and node.style == "hub" else (node.style or "other")


def _lines(node: Node) -> list[str]:
    lines = [node.title, *node.lines]
    counts = count_phrase(node.counts)
    if counts:
        lines.append(counts)
    return [_cut(printable(_valid(line))) for line in lines if line]


def _valid(text: str) -> str:
    """Lone surrogates (a file name that is not UTF-8) as U+FFFD."""
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in str(text))


def _cut(text: str) -> str:
    return text if len(text) <= _MAX_LINE else text[: _MAX_LINE - 1] + "…"


def _severity(node: Node) -> str | None:
    return "error" if node.counts[0] else "warning" if node.counts[1] else None


# ---------------------------------------------------------------------------------------------- Mermaid
def _mermaid_text(text: str) -> str:
    """Text inside a Mermaid ``"…"`` label: each character outside a small safe set as ``#<code>;`` (Mermaid's
    character references: ``#quot;`` is ``"``, ``#35;`` is ``#``)."""
    return "".join(ch if ch in _SAFE else f"#{ord(ch)};" for ch in text)


def _mermaid_label(node: Node) -> str:
    return "<br>".join(_mermaid_text(line) for line in _lines(node))


def mermaid(graph: Graph) -> str:
    """A Mermaid ``flowchart`` (left to right), one subgraph per repository when there are several."""
    out = ["flowchart LR"]
    for style, (fill, stroke) in sorted(_COLOURS.items()):
        out.append(f"  classDef hl_{style.replace('-', '_')} fill:{fill},stroke:{stroke},color:#1a202c")
    out.append(f"  classDef hl_warning stroke:{_WARNING},stroke-width:2px")
    out.append(f"  classDef hl_error stroke:{_ERROR},stroke-width:3px,color:{_ERROR}")
    many = len(graph.groups) > 1
    for group, root in enumerate(graph.groups):
        indent = "  "
        if many:
            out.append(f'  subgraph repo_{group + 1}["{_mermaid_text("repository " + printable(_valid(root)))}"]')
            indent = "    "
        for node in graph.nodes:
            if node.group == group:
                start, end = _MERMAID_SHAPE.get(node.kind, ("[", "]"))
                out.append(f'{indent}{node.id}{start}"{_mermaid_label(node)}"{end}')
        if many:
            out.append("  end")
    for edge in graph.edges:
        out.append(f"  {edge.src} {_mermaid_arrow(edge)} {edge.dst}")
    classes = _classes(graph)
    for name in sorted(classes, key=lambda c: (c in ("warning", "error"), c == "error", c)):  # findings last
        ids = classes[name]
        out.append(f"  class {','.join(ids)} hl_{name.replace('-', '_')}")
    return "\n".join(out) + "\n"


def mermaid_for_github(graph: Graph) -> tuple[str | None, str]:
    """The Mermaid text GitHub can draw (its limits: :data:`GITHUB_MAX_EDGES`, :data:`GITHUB_MAX_TEXT`) and a
    note: the whole graph; else only what the Hubs spawn (:func:`.deployment_graph.spawned_only`); else
    nothing, and the note says why."""
    from .deployment_graph import spawned_only

    whole = len(graph.nodes), len(graph.edges)
    for picture, note in ((graph, ""), (spawned_only(graph), "what the Hubs spawn (the whole graph is too large)")):
        text = mermaid(picture)
        if len(picture.edges) <= GITHUB_MAX_EDGES and len(text) <= GITHUB_MAX_TEXT:
            return text, note
    return None, (
        f"the deployment graph ({whole[0]} nodes, {whole[1]} edges) is larger than GitHub draws; "
        "`hublint --show-deployment --format dot` draws it with Graphviz"
    )


def _mermaid_arrow(edge: Edge) -> str:
    label = f'|"{_mermaid_text(printable(_valid(edge.label)))}"|' if edge.label else ""
    arrow = "-.->" if edge.kind in ("conflict", "runs") else "==>" if edge.kind == "spawns" else "-->"
    return arrow + label


def _classes(graph: Graph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for node in graph.nodes:
        out.setdefault(_style(node), []).append(node.id)
        severity = _severity(node)
        if severity:
            out.setdefault(severity, []).append(node.id)
    return out


# ---------------------------------------------------------------------------------------------- DOT
def _dot_text(text: str) -> str:
    """Text inside a DOT ``"…"`` string: backslashes and quotes escaped, ``&`` and everything outside ASCII as
    character references (Graphviz reads ``&#…;`` in every label)."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "&" or ord(ch) > 126 or ord(ch) < 32:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def dot(graph: Graph) -> str:
    """A Graphviz ``digraph`` (left to right), one cluster per repository when there are several."""
    out = [
        "digraph deployment {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.3, ranksep=0.6];',
        '  node [fontname="Helvetica", fontsize=10, style="filled"];',
        '  edge [fontname="Helvetica", fontsize=9, color="#4a5568"];',
    ]
    many = len(graph.groups) > 1
    for group, root in enumerate(graph.groups):
        indent = "  "
        if many:
            out.append(f"  subgraph cluster_{group + 1} {{")
            out.append(f'    label="{_dot_text("repository " + printable(_valid(root)))}";')
            indent = "    "
        for node in graph.nodes:
            if node.group == group:
                out.append(f'{indent}"{node.id}" [{_dot_attributes(node)}];')
        if many:
            out.append("  }")
    for edge in graph.edges:
        style = (
            ', style="dashed"' if edge.kind in ("conflict", "runs") else ", penwidth=2" if edge.kind == "spawns" else ""
        )
        colour = f', color="{_ERROR}", fontcolor="{_ERROR}"' if edge.kind == "conflict" else ""
        label = f'label="{_dot_text(printable(_valid(edge.label)))}"'
        out.append(f'  "{edge.src}" -> "{edge.dst}" [{label}{style}{colour}];')
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_attributes(node: Node) -> str:
    fill, stroke = _COLOURS.get(_style(node), _COLOURS["other"])
    severity = _severity(node)
    width = ""
    if severity:
        stroke = _ERROR if severity == "error" else _WARNING
        width = ", penwidth=2.5"
    label = "\\n".join(_dot_text(line) for line in _lines(node))
    shape = _DOT_SHAPE.get(node.kind, "box")
    rounded = ', style="filled,rounded"' if node.kind == "image" else ""
    font = f', fontcolor="{_ERROR}"' if severity == "error" else ""
    return f'label="{label}", shape={shape}, fillcolor="{fill}", color="{stroke}"{width}{rounded}{font}'
