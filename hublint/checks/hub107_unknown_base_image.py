"""HUB107 unknown-base-image: hublint cannot see inside the base, and the image installs no jupyterhub/server."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import JUPYTERHUB_NAMES, SERVER_NAMES, Context
from ..lint.hits import Hit
from ._common import clip_ref


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.base_state != "unknown" or ctx.installs.unknown:
        return
    has_hub = bool(ctx.installed(JUPYTERHUB_NAMES))
    has_server = bool(ctx.installed({"pip": SERVER_NAMES, "conda": SERVER_NAMES | {"jupyterhub-singleuser"}}))
    if has_hub and has_server:
        return
    what = "a server package" if has_hub else ("jupyterhub" if has_server else "jupyterhub or a server package")
    name = ctx.base_ref.short if ctx.base_ref is not None else ctx.root.image
    yield Hit(
        f"unknown base `{clip_ref(ctx.root.image)}`: nothing here installs {what}",
        *ctx.missing_anchor,
        help=f'declare the base: `[images."{name}"]` with `provides = ["jupyterhub==…", "jupyterlab"]`, '
        "`user` and `cmd` in the configuration",
    )
