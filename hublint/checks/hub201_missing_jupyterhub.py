"""HUB201 missing-jupyterhub: the final image has no jupyterhub."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import JUPYTERHUB_NAMES, Context
from ..lint.hits import Hit
from ._suggest import hub_install


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.base_state not in ("known", "scratch") or ctx.installs.unknown:
        return
    if ctx.installed(JUPYTERHUB_NAMES):
        return
    info = ctx.base_info
    if info is not None and "jupyterhub" in info.provides:
        return
    base = "`scratch`" if info is None else f"`{ctx.root.image}`"
    yield Hit(
        f"the image has no jupyterhub: the base {base} does not provide it and nothing installs it",
        *ctx.missing_anchor,
        help=hub_install(ctx),
    )
