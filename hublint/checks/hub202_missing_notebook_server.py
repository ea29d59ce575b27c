"""HUB202 missing-notebook-server: no single-user server package in the final image."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import SERVER_METAPACKAGES, SERVER_NAMES
from ..image.pep440 import version
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import spawned_premise

RULE = Rule("HUB202", "missing-notebook-server", "error", "The image has no single-user server package", finished=True)


def _old_hub(inp: ImageInput) -> bool:
    """jupyterhub < 1.2 pinned: only classic notebook < 7 can serve (F2.2)."""
    hub = inp.image.hub
    exact = hub.versions.exact() if hub is not None and hub.versions is not None else None
    return exact is not None and exact < version("1.2")


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.image.base_state not in ("known", "scratch") or inp.image.installs.unknown:
        return
    old = _old_hub(inp)
    names = {"notebook"} if old else SERVER_NAMES | SERVER_METAPACKAGES
    found = inp.image.installed({"pip": names, "conda": names | (set() if old else {"jupyterhub-singleuser"})})
    if old:
        probes = [version(v) for v in ("7.0.0", "7.2.2", "8.0.0")]
        found = [
            i
            for i in found
            if i.versions is None or not any(alt.contains(p) for alt in i.versions.alternatives for p in probes)
        ]
    info = inp.image.base_info
    provided = info is not None and any(n in info.provides for n in names)
    if old and provided and info is not None:  # the base's notebook serves jupyterhub < 1.2 when classic (< 7)
        base = info.provides.get("notebook")
        provided = base is None or int(str(base).split(".")[0]) < 7
    if found or provided:
        return
    if old:
        yield Hit(
            "jupyterhub < 1.2 needs the classic notebook server (notebook < 7), and the image has none",
            *inp.image.missing_anchor,
            help="install `notebook<7`, or upgrade jupyterhub",
            confidence=spawned_premise(inp),
        )
        return
    base = "`scratch`" if info is None else f"`{inp.image.root.image}`"
    yield Hit(
        f"the image has no single-user server package: the base {base} provides none and nothing installs one",
        *inp.image.missing_anchor,
        help="install `jupyterlab` (it brings jupyter-server)",
        confidence=spawned_premise(inp),
    )
