"""HUB503 invalid-singleuser-app: JUPYTERHUB_SINGLEUSER_APP that cannot work with the image's packages."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..edits import Span
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._appenv import app_fault

RULE = Rule("HUB503", "invalid-singleuser-app", "error", "JUPYTERHUB_SINGLEUSER_APP cannot work in this image")


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
    hub = inp.image.hub
    exact = hub.versions.exact() if hub is not None and hub.versions is not None else None
    judged_ext = ext if ext is None or is_known(ext) else None
    fault = app_fault(
        app or "",
        judged_ext,
        inp.image.notebook_major,
        exact,
        judge_app=app_step is not None,
        judge_ext=app_step is not None or ext_step is not None,
    )
    if fault is None:
        return
    kind, _ = fault
    app = (app or "").strip()
    if kind == "classic":
        yield Hit(
            f"`JUPYTERHUB_SINGLEUSER_APP={app}` needs the classic server, gone in this image's notebook 7",
            *_anchor(inp, app_step, "JUPYTERHUB_SINGLEUSER_APP"),
            help="remove the variable (Jupyter Server is the default); for the notebook UI set "
            '`c.Spawner.default_url = "/tree"`',
        )
    elif kind == "shortcut":
        yield Hit(
            f"`JUPYTERHUB_SINGLEUSER_APP={app}` is a shortcut jupyterhub {exact} does not know (4.0+ does)",
            *_anchor(inp, app_step, "JUPYTERHUB_SINGLEUSER_APP"),
            help="use the full class path, e.g. `jupyter_server.serverapp.ServerApp`",
        )
    else:
        yield Hit(
            f"`JUPYTERHUB_SINGLEUSER_EXTENSION={(judged_ext or '').strip()}` cannot run "
            f"`JUPYTERHUB_SINGLEUSER_APP={app}`: the server refuses to start",
            *_anchor(inp, ext_step or app_step, "JUPYTERHUB_SINGLEUSER_EXTENSION"),
            help="drop one of the two variables",
        )
