"""HUB216 notebook6-on-python312: the classic notebook 6 server imports `distutils`, which Python 3.12 removed;
on an official Python image of 3.12 or later (which no longer ship setuptools, whose shim would provide it), with
no setuptools installed, starting it fails with `No module named 'distutils'` — reported when something starts
the classic server: `JUPYTERHUB_SINGLEUSER_APP` naming it, jupyterhub < 2 (which always does), or a `jupyter
notebook` command in the CMD or the deployment's spawner command."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..image.launchers import strip_wrappers
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule(
    "HUB216",
    "notebook6-on-python312",
    "warning",
    "The classic notebook 6 server is started on Python 3.12+ without distutils",
)

_LEGACY_APPS = {"notebook", "notebook.notebookapp.NotebookApp"}


def _no_setuptools(python: str) -> bool:
    """Does the official Python image of this version come without setuptools?  3.12.6 and later were built after
    docker-library/python #954 (2024-08) stopped installing it; 3.13 and later never had it; a minor-only tag
    (`3.12`) follows the newest patch."""
    from ..image.versions import parse_version

    v = parse_version(python)
    if v is None or v.major != 3 or v.minor < 12:
        return False
    return v.minor >= 13 or len(v.release) < 3 or v.release[2] >= 6


def _classic_starter(inp: ImageInput) -> str | None:
    """What starts the classic server, for the help line, or None."""
    app, _ = inp.image.final_env("JUPYTERHUB_SINGLEUSER_APP")
    if app is not None and is_known(app) and app.strip() in _LEGACY_APPS:
        return f"`JUPYTERHUB_SINGLEUSER_APP={app.strip()}`"
    hub = inp.image.hub
    if hub is not None and hub.versions is not None and hub.versions.below_major(2):
        return f"jupyterhub {hub.versions.shown} (< 2)"
    launch = inp.image.launch
    argvs = []
    if launch.cmd is not None and launch.cmd.instruction.json:
        argvs.append(("the CMD", list(launch.cmd.instruction.value)))
    facts = inp.facts
    if facts is not None and facts.spawner_cmd:
        argvs.append(("the spawner's cmd", list(facts.spawner_cmd)))
    for what, argv in argvs:
        args = strip_wrappers(argv)
        head = args[0].rsplit("/", 1)[-1] if args else ""
        if head == "jupyter-notebook" or (head == "jupyter" and args[1:2] == ["notebook"]):
            return f"{what} (`jupyter notebook`)"
    return None


def check(inp: ImageInput) -> Iterator[Hit]:
    info = inp.image.base_info
    if info is None or info.family != "python" or not info.python or not _no_setuptools(info.python):
        return
    report = inp.image.installs
    if report.unknown or any(i.manager == "conda" or i.name == "setuptools" for i in report.installs):
        return  # an install hublint cannot read, or conda (whose pip brings setuptools), may provide distutils
    notebook = inp.image.package("notebook")
    if notebook is None or notebook.install is None or notebook.versions is None:
        return
    if not notebook.versions.below_major(7):
        return
    starter = _classic_starter(inp)
    if starter is None:
        return  # jupyterhub 2+ starts Jupyter Server, which does not import notebook 6
    yield Hit(
        f"notebook {notebook.versions.shown} imports `distutils`, which Python {info.python} removed and no "
        "setuptools here provides",
        *notebook.anchor,
        help=f"{starter} starts the classic server: use notebook 7 (or nbclassic on Jupyter Server), install "
        "setuptools, or use Python 3.11",
    )
