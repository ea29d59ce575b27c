"""``--show-deployment`` on a terminal: the deployment graph (:mod:`.deployment_graph`) as a rich tree — each
Hub, what states its version, the images it spawns, the Dockerfiles that build them and the chain of bases they
are built on; then the Dockerfiles no Hub spawns.  Built from rich ``Text`` objects (no markup: a file name prints
as written); piped, ``--show-deployment`` prints plain lines instead (:mod:`hublint.cli.show`).
"""

from __future__ import annotations

from . import printable
from .deployment_graph import Edge, Graph, Node, count_phrase

__all__ = ["render_tree"]

_MAX_DEPTH = 12  # a base chain deeper than this is cut (a chain that loops back is cut where it does)


def render_tree(graph: Graph, out) -> None:
    from rich.console import Console
    from rich.tree import Tree

    console = Console(file=out, highlight=False, emoji=False, markup=False)
    walk = _Walk(graph)
    for group, root in enumerate(graph.groups):
        tree = Tree(walk.text(f"repository {root}", style="bold"))
        for hub in (n for n in graph.nodes if n.group == group and n.kind == "hub"):
            walk.hub(tree, hub)
        alone = [n.id for n in graph.nodes if n.group == group and n.kind == "dockerfile" and n.id not in walk.seen]
        if alone:
            rest = tree.add(walk.text("built here, spawned by no Hub", style="bold"))
            below = walk.bases(alone)  # each listed once: at the top of its chain
            for node_id in [i for i in alone if i not in below] or alone:
                walk.dockerfile(rest, walk.nodes[node_id], (), "")
        console.print(tree)


class _Walk:
    def __init__(self, graph: Graph) -> None:
        from rich.text import Text

        self.Text = Text
        self.nodes = {n.id: n for n in graph.nodes}
        self.out: dict[str, list[Edge]] = {}
        self.into: dict[str, list[Edge]] = {}
        for e in graph.edges:
            self.out.setdefault(e.src, []).append(e)
            self.into.setdefault(e.dst, []).append(e)
        self.seen: set[str] = set()

    def text(self, plain: str, style: str = ""):
        return self.Text(printable(plain), style=style)

    def label(self, node: Node, lead: str = "", extra: str = "", counted: Node | None = None):
        text = self.Text()
        if lead:
            text.append(lead, style="dim")
        text.append(printable(node.title), style="bold" if node.kind in ("hub", "dockerfile") else "")
        details = [line for line in node.lines if line]
        if extra:
            details.append(extra)
        if details:
            text.append("  (" + printable("; ".join(details)) + ")", style="dim")
        found = (counted or node).counts
        counts = count_phrase(found)
        if counts:
            text.append(f"  {counts}", style="bold red" if found[0] else "yellow" if found[1] else "cyan")
        return text

    def hub(self, tree, hub: Node) -> None:
        branch = tree.add(self.label(hub))
        for e in sorted(self.into.get(hub.id, ()), key=lambda e: (e.src, e.label)):
            source = self.nodes[e.src]
            lead = f"{e.label.replace(', line', ' at line')}: "
            if e.kind in ("version", "conflict") and source.kind == "dockerfile":  # the Hub's own image
                self.dockerfile(branch, source, (hub.id,), lead)
            elif e.kind in ("version", "conflict"):
                branch.add(self.text(f"{lead}{source.title}", "red" if e.kind == "conflict" else "dim"))
        for e in self.out.get(hub.id, ()):
            node = self.nodes[e.dst]
            if e.kind == "runs":
                branch.add(self.label(node))
            elif e.kind == "spawns":
                for image in self.out.get(node.id, ()):
                    where = ", ".join([node.title, *node.lines])
                    self.image(branch, self.nodes[image.dst], "spawns ", where, (hub.id,), node)

    def image(self, parent, node: Node, lead: str, extra: str, path: tuple[str, ...], setting=None) -> None:
        branch = parent.add(self.label(node, lead, extra, setting))
        if node.id in path or len(path) > _MAX_DEPTH:
            return
        for e in self.into.get(node.id, ()):
            if e.kind == "builds":
                self.dockerfile(branch, self.nodes[e.src], (*path, node.id))

    def bases(self, ids: list[str]) -> set[str]:
        """The Dockerfiles among ``ids`` that another of them is built on."""
        out: set[str] = set()
        for node_id in ids:
            for e in self.out.get(node_id, ()):
                if e.kind == "from":
                    out.update(b.src for b in self.into.get(e.dst, ()) if b.kind == "builds" and b.src != node_id)
        return out

    def dockerfile(self, parent, node: Node, path: tuple[str, ...], lead: str = "built from ") -> None:
        self.seen.add(node.id)
        built_by = [self.nodes[e.src].title for e in self.into.get(node.id, ()) if e.kind == "defines"]
        extra = f"built by {', '.join(built_by)}" if built_by else ""
        branch = parent.add(self.label(node, lead, extra))
        if node.id in path or len(path) > _MAX_DEPTH:
            return
        for e in self.out.get(node.id, ()):
            if e.kind == "from":
                self.image(branch, self.nodes[e.dst], "FROM ", "", (*path, node.id))
