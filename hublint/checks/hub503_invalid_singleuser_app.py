"""HUB503 invalid-singleuser-app: JUPYTERHUB_SINGLEUSER_APP that cannot work with the image's packages."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..edits import Span
from ..image.pep440 import version
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule("HUB503", "invalid-singleuser-app", "error", "JUPYTERHUB_SINGLEUSER_APP cannot work in this image")

_SHORTCUTS = {"notebook", "jupyter-server", "jupyter_server", "extension", "jupyverse"}
_EXTENSION_OK = {"", "jupyter_server", "jupyter-server", "extension", "jupyter_server.serverapp.ServerApp"}


def _anchor(inp: ImageInput, step, name: str) -> Span:
    if step is None:
        return inp.image.missing_anchor
    ins = step.instruction
    at = ins.original.find(name)
    return inp.image.span(ins, at, at + len(name)) if at >= 0 else inp.image.keyword_span(ins)


def check(inp: ImageInput) -> Iterator[Hit]:
    app, app_step = inp.image.final_env("JUPYTERHUB_SINGLEUSER_APP")
    ext, ext_step = inp.image.final_env("JUPYTERHUB_SINGLEUSER_EXTENSION")
    if app is not None and not is_known(app):
        return
    app = (app or "").strip()
    if app and app_step is not None:
        if app in ("notebook", "notebook.notebookapp.NotebookApp") and inp.image.notebook_major == 7:
            yield Hit(
                f"`JUPYTERHUB_SINGLEUSER_APP={app}` needs the classic server, gone in this image's notebook 7",
                *_anchor(inp, app_step, "JUPYTERHUB_SINGLEUSER_APP"),
                help="remove the variable (Jupyter Server is the default); for the notebook UI set "
                '`c.Spawner.default_url = "/tree"`',
            )
            return
        hub = inp.image.hub
        exact = hub.versions.exact() if hub is not None and hub.versions is not None else None
        if (
            app.replace("_", "-") in {s.replace("_", "-") for s in _SHORTCUTS}
            and exact is not None
            and exact < version("4")
        ):
            yield Hit(
                f"`JUPYTERHUB_SINGLEUSER_APP={app}` is a shortcut jupyterhub {exact} does not know (4.0+ does)",
                *_anchor(inp, app_step, "JUPYTERHUB_SINGLEUSER_APP"),
                help="use the full class path, e.g. `jupyter_server.serverapp.ServerApp`",
            )
            return
    ext = (ext or "").strip() if ext is None or is_known(ext) else None
    if ext and ext != "0" and app not in _EXTENSION_OK and (app_step is not None or ext_step is not None):
        yield Hit(
            f"`JUPYTERHUB_SINGLEUSER_EXTENSION={ext}` cannot run `JUPYTERHUB_SINGLEUSER_APP={app}`: the server "
            "refuses to start",
            *_anchor(inp, ext_step or app_step, "JUPYTERHUB_SINGLEUSER_EXTENSION"),
            help="drop one of the two variables",
        )
