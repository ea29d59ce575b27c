"""HUB503 invalid-singleuser-app: JUPYTERHUB_SINGLEUSER_APP that cannot work with the image's packages."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..image.analysis import Context
from ..image.versions import parse_version
from ..lint.hits import Hit

_SHORTCUTS = {"notebook", "jupyter-server", "jupyter_server", "extension", "jupyverse"}
_EXTENSION_OK = {"", "jupyter_server", "jupyter-server", "extension", "jupyter_server.serverapp.ServerApp"}


def _anchor(ctx: Context, step, name: str):
    if step is None:
        return ctx.missing_anchor
    ins = step.instruction
    at = ins.original.find(name)
    return ctx.span(ins, at, at + len(name)) if at >= 0 else ctx.keyword_span(ins)


def check(ctx: Context) -> Iterator[Hit]:
    app, app_step = ctx.final_env("JUPYTERHUB_SINGLEUSER_APP")
    ext, ext_step = ctx.final_env("JUPYTERHUB_SINGLEUSER_EXTENSION")
    if app is not None and not is_known(app):
        return
    app = (app or "").strip()
    if app and app_step is not None:
        if app in ("notebook", "notebook.notebookapp.NotebookApp") and ctx.notebook_major == 7:
            yield Hit(
                f"`JUPYTERHUB_SINGLEUSER_APP={app}` needs the classic server, gone in this image's notebook 7",
                *_anchor(ctx, app_step, "JUPYTERHUB_SINGLEUSER_APP"),
                help="remove the variable (Jupyter Server is the default); for the notebook UI set "
                '`c.Spawner.default_url = "/tree"`',
            )
            return
        hub = ctx.hub
        exact = hub.versions.exact() if hub is not None and hub.versions is not None else None
        if (
            app.replace("_", "-") in {s.replace("_", "-") for s in _SHORTCUTS}
            and exact is not None
            and exact < parse_version("4")
        ):
            yield Hit(
                f"`JUPYTERHUB_SINGLEUSER_APP={app}` is a shortcut jupyterhub {exact} does not know (4.0+ does)",
                *_anchor(ctx, app_step, "JUPYTERHUB_SINGLEUSER_APP"),
                help="use the full class path, e.g. `jupyter_server.serverapp.ServerApp`",
            )
            return
    ext = (ext or "").strip() if ext is None or is_known(ext) else None
    if ext and ext != "0" and app not in _EXTENSION_OK and (app_step is not None or ext_step is not None):
        yield Hit(
            f"`JUPYTERHUB_SINGLEUSER_EXTENSION={ext}` cannot run `JUPYTERHUB_SINGLEUSER_APP={app}`: the server "
            "refuses to start",
            *_anchor(ctx, ext_step or app_step, "JUPYTERHUB_SINGLEUSER_EXTENSION"),
            help="drop one of the two variables",
        )
