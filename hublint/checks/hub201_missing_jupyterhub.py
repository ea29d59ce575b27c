"""HUB201 missing-jupyterhub: the final image has no jupyterhub."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import JUPYTERHUB_NAMES
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._suggest import hub_install

RULE = Rule("HUB201", "missing-jupyterhub", "error", "The image has no jupyterhub", finished=True)


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.image.base_state not in ("known", "scratch") or inp.image.installs.unknown:
        return
    if inp.image.installed(JUPYTERHUB_NAMES):
        return
    info = inp.image.base_info
    if info is not None and "jupyterhub" in info.provides:
        return
    base = "`scratch`" if info is None else f"`{inp.image.root.image}`"
    yield Hit(
        f"the image has no jupyterhub: the base {base} does not provide it and nothing installs it",
        *inp.image.missing_anchor,
        help=hub_install(inp),
    )
