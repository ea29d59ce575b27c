"""Which server ``JUPYTERHUB_SINGLEUSER_APP`` and ``JUPYTERHUB_SINGLEUSER_EXTENSION`` make jupyterhub-singleuser
run, and whether the image can run it — wherever the variables are set: the image's ``ENV`` (HUB503) or the
deployment's environment (HUB605)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from packaging.version import Version

__all__ = ["app_fault", "SHORTCUTS"]

SHORTCUTS = {"notebook", "jupyter-server", "jupyter_server", "extension", "jupyverse"}
_EXTENSION_OK = {"", "jupyter_server", "jupyter-server", "extension", "jupyter_server.serverapp.ServerApp"}
_CLASSIC = ("notebook", "notebook.notebookapp.NotebookApp")


def app_fault(
    app: str, ext: str | None, notebook_major: int | None, hub: Version | None, judge_app: bool, judge_ext: bool
) -> tuple[str, str] | None:
    """(the fault, what to do) when the server these values select cannot start in an image with
    ``notebook_major`` (7, 6, None: unknown) and jupyterhub ``hub`` (its exact version, None: unknown); the fault
    is ``classic`` (the classic NotebookApp with notebook 7), ``shortcut`` (a name jupyterhub < 4 does not know)
    or ``conflict`` (the extension cannot run that app).  ``judge_app``: the app's own faults are judged (it is
    set where the caller looks); ``judge_ext``: the pair's conflict is (one of them is set there)."""
    from ..image.pep440 import version

    app = app.strip()
    if app and judge_app:
        if app in _CLASSIC and notebook_major == 7:
            return (
                "classic",
                'remove it (Jupyter Server is the default); for the notebook UI set `default_url` to "/tree"',
            )
        shortcut = app.replace("_", "-") in {s.replace("_", "-") for s in SHORTCUTS}
        if shortcut and hub is not None and hub < version("4"):
            return "shortcut", "use the full class path, e.g. `jupyter_server.serverapp.ServerApp`"
    ext = (ext or "").strip()
    if ext and ext != "0" and app not in _EXTENSION_OK and judge_ext:
        return "conflict", "drop one of the two variables"
    return None
