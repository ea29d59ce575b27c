"""HUB209 notebook7-with-jupyterhub1: jupyterhub < 2 with notebook >= 7, without a Jupyter Server app.  An unpinned
notebook counts as 7, unless the image's Python is older than 3.8 (then pip and conda pick a 6.x)."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._suggest import unpinned_notebook_is_6

RULE = Rule("HUB209", "notebook7-with-jupyterhub1", "error", "jupyterhub 1.x with notebook 7 cannot start")


def check(inp: ImageInput) -> Iterator[Hit]:
    hub = inp.image.hub
    if hub is None or hub.versions is None:
        return
    if not hub.versions.below_major(2):
        return  # the image may get jupyterhub 2 or newer
    if inp.image.notebook_major != 7 or unpinned_notebook_is_6(inp):
        return
    app, _ = inp.image.final_env("JUPYTERHUB_SINGLEUSER_APP")
    if app and ("jupyter_server" in app or "jupyter-server" in app):
        return
    yield Hit(
        "jupyterhub < 2 starts `notebook.notebookapp`, which notebook 7 removed: the server cannot start",
        *hub.anchor,
        help="install jupyterhub 2 or newer, pin `notebook<7`, or set "
        "`ENV JUPYTERHUB_SINGLEUSER_APP=jupyter_server.serverapp.ServerApp`",
    )
