"""HUB209 notebook7-with-jupyterhub1: jupyterhub < 2 with notebook >= 7, without a Jupyter Server app."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..lint.hits import Hit


def check(ctx: Context) -> Iterator[Hit]:
    hub = ctx.hub
    if hub is None or hub.versions is None:
        return
    if not hub.versions.below_major(2):
        return  # the image may get jupyterhub 2 or newer
    if ctx.notebook_major != 7:
        return
    app, _ = ctx.final_env("JUPYTERHUB_SINGLEUSER_APP")
    if app and ("jupyter_server" in app or "jupyter-server" in app):
        return
    yield Hit(
        "jupyterhub < 2 starts `notebook.notebookapp`, which notebook 7 removed: the server cannot start",
        *hub.anchor,
        help="install jupyterhub 2 or newer, pin `notebook<7`, or set "
        "`ENV JUPYTERHUB_SINGLEUSER_APP=jupyter_server.serverapp.ServerApp`",
    )
