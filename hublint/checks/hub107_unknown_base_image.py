"""HUB107 unknown-base-image: hublint cannot see inside the base, and the image installs no jupyterhub/server."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import JUPYTERHUB_NAMES, SERVER_NAMES, Context
from ..hits import Hit


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.base_state != "unknown" or ctx.installs.unknown:
        return
    has_hub = bool(ctx.installed(JUPYTERHUB_NAMES))
    has_server = bool(ctx.installed({"pip": SERVER_NAMES, "conda": SERVER_NAMES | {"jupyterhub-singleuser"}}))
    if has_hub and has_server:
        return
    missing = " and no ".join(x for x, ok in (("jupyterhub", has_hub),
                                              ("single-user server (jupyterlab, notebook, jupyter-server)", has_server))
                              if not ok)
    name = ctx.base_ref.short
    yield Hit(f"hublint does not know what the base image `{ctx.root.image}` contains, and this Dockerfile installs "
              f"no {missing}: if the base provides them, declare it in the configuration, e.g. "
              f"`[images.\"{name}\"]` with `provides = [\"jupyterhub==5.3.0\", \"jupyterlab\"]`, `user` and `cmd`",
              *ctx.missing_anchor)
