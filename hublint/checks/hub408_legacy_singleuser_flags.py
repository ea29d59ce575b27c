"""HUB408 legacy-singleuser-flags: options jupyterhub-singleuser ≥ 4 (the Jupyter Server extension) rejects.

jupyterhub < 4 (and 4+ in its subclass mode, on the classic notebook or jupyter_server 1) registered the
aliases `--user`, `--group`, `--hub-prefix`, `--hub-host`, `--hub-api-url` and `--base-url`
(`jupyterhub/singleuser/mixins.py`); the extension app of 4.0 (`singleuser/extension.py`) has none of them,
so traitlets prints the usage and the server exits. `--cookie-name` and the `JPY_*` variables went with 0.8.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..image.cmdcheck import copied_by, launch_facts, read_program, step_argvs
from ..image.launchers import launcher_commands, strip_wrappers
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._suggest import python_cap

RULE = Rule(
    "HUB408", "legacy-singleuser-flags", "error", "Options jupyterhub-singleuser no longer accepts", finished=True
)

_LEGACY = pattern(r"(?<![\w-])--(user|group|hub-prefix|hub-host|hub-api-url|base-url|cookie-name)(?=[=\s]|\Z)")
_JPY = pattern(r"\$\{?JPY_[A-Z_]+")


def _extension_mode(inp: ImageInput) -> bool:
    """Does the image's jupyterhub-singleuser run as the Jupyter Server extension (jupyterhub ≥ 4 with
    jupyter_server ≥ 2, not opted out)?"""
    hub = inp.image.hub
    if hub is None or hub.versions is None or (hub.versions.unconstrained and hub.install is None):
        return False
    low = hub.versions.lowest_major_minor()
    if hub.versions.unconstrained:
        cap = python_cap(inp)  # an unpinned install gets today's jupyterhub, or the newest the image's Python can
        if cap is not None and cap.major < 4:
            return False
    elif low is None or low.major < 4:
        return False
    server = inp.image.package("jupyter-server")
    if server is not None and server.versions is not None and server.versions.below_major(2):
        return False
    app, _ = inp.image.final_env("JUPYTERHUB_SINGLEUSER_APP")
    ext, _ = inp.image.final_env("JUPYTERHUB_SINGLEUSER_EXTENSION")
    return not (ext == "0" or (app and "jupyter_server" not in app.replace("-", "_") and app != "extension"))


def _found(text: str) -> str | None:
    m = _LEGACY.search(text) or _JPY.search(text)
    return m.group(0) if m else None


def check(inp: ImageInput) -> Iterator[Hit]:
    if not _extension_mode(inp):
        return
    hub = inp.image.hub
    if hub is None or hub.versions is None:
        return
    version = hub.versions.shown if not hub.versions.unconstrained else "≥ 4 (unpinned)"
    help = "drop it: the Hub passes the user, URLs and prefix in the environment (`JUPYTERHUB_*`)"
    facts = inp.facts
    launch = launch_facts(inp.image)
    if facts is not None:
        args = [a.value if hasattr(a, "value") else a for a in facts.args] if isinstance(facts.args, list) else []
        for words, where in ((facts.spawner_cmd or (), facts.cmd_where), (args, facts.args_where)):
            flag = _found(" ".join(w for w in words if isinstance(w, str)))
            if flag:
                yield Hit(
                    f"the deployment passes `{flag}` ({where}), which jupyterhub {version} here rejects",
                    *inp.image.missing_anchor,
                    help=help,
                )
                return
    for step in (launch.entrypoint, launch.cmd):
        if step is None:
            continue
        ins = step.instruction
        for argv in step_argvs(step):
            flag = _found(" ".join(argv))
            if flag:
                yield Hit(
                    f"`{flag}` is an option jupyterhub {version} no longer accepts: the server exits at start",
                    *inp.image.span(ins, ins.args_offset, ins.args_offset + len(ins.args)),
                    help=help,
                )
                return
            args = strip_wrappers(argv)
            if not args:
                continue
            script = read_program(inp.image, step, args[0])
            if script is None:
                continue
            for launcher in launcher_commands(script):  # read as the shell does: comments are not commands
                flag = _found(" ".join(launcher[1:]))
                if flag:
                    by = copied_by(inp.image, args[0])
                    yield Hit(
                        f"`{args[0]}` passes `{flag}`, an option jupyterhub {version} no longer accepts",
                        *inp.image.span(ins, ins.args_offset, ins.args_offset + len(ins.args)),
                        help=help
                        + (
                            f" (in the script `{by.instruction.keyword}` line {by.instruction.start_line} brings)"
                            if by
                            else ""
                        ),
                    )
                    return
