"""HUB209 notebook7-with-jupyterhub1: jupyterhub < 2 with notebook >= 7, without a Jupyter Server app.  An unpinned
notebook counts as 7, unless the image's Python is older than 3.8 (then pip and conda pick a 6.x)."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule("HUB209", "notebook7-with-jupyterhub1", "error", "jupyterhub 1.x with notebook 7 cannot start")


def check(inp: ImageInput) -> Iterator[Hit]:
    hub = inp.image.hub
    if hub is None or hub.versions is None:
        return
    if not hub.versions.below_major(2):
        return  # the image may get jupyterhub 2 or newer
    if inp.image.notebook_major != 7 or _unpinned_on_old_python(inp):
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


def _unpinned_on_old_python(inp: ImageInput) -> bool:
    """An unpinned notebook install on a Python older than 3.8: pip and conda pick the newest notebook that
    supports it, a 6.x (notebook 7 requires Python 3.8)."""
    from ..image.versions import parse_version
    from ._suggest import image_python

    installs = sorted(inp.image.installed({"pip": {"notebook"}, "conda": {"notebook"}}), key=lambda i: i.order)
    if not installs or installs[-1].versions is None or not installs[-1].versions.unconstrained:
        return False
    found = image_python(inp)
    python, floor = parse_version(found[0]) if found is not None else None, parse_version("3.8")
    return python is not None and floor is not None and python < floor
