"""HUB508 install-into-home: a RUN installs into the home folder, which the home volume hides at run time.

``pip install --user`` (into ``$PYTHONUSERBASE``, default ``~/.local``), ``ipykernel install --user``,
``ipython kernel install --user``, ``jupyter kernelspec install --user`` (into ``$JUPYTER_DATA_DIR``, default
``~/.local/share/jupyter``), ``IRkernel::installspec()`` (``user = TRUE`` by default) and IJulia's kernel
(``Pkg.add("IJulia")``, ``installkernel``), and the toolchains that install into their own folder under the home:
``go install`` (``$GOBIN``, else ``$GOPATH``, default ``~/go``) and Rust's rustup installer or ``cargo install``
(``$CARGO_HOME``, default ``~/.cargo``), on a base hublint knows and when the RUN sets none of their variables
itself — ``~`` being the RUN's ``$HOME``.  HUB504's mount model decides
whether that folder is hidden: the deployment's home volume when hublint sees it (a Binder image, or a
deployment that mounts nothing there, is not judged); else the home volume JUPYTERHUB deployments usually have,
with a lower severity.  An install whose files a later command moves or copies elsewhere is not reported."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import clip
from ._home import homes, mounted
from ._spawned import scope_only

RULE = Rule("HUB508", "install-into-home", "warning", "A RUN installs into the home folder, which a home volume hides")

_PIP = pattern(r"pip(?:\d+(?:\.\d+)?)?\Z")
_PYTHON = pattern(r"python(?:\d+(?:\.\d+)?)?\Z")
_IRKERNEL = pattern(r"installspec\s*\(([^)]*)\)")
_IJULIA = pattern(r"""Pkg\.(?:add|build)\(\s*\[?\s*"IJulia"|installkernel\s*\(""")
_MOVERS = {"mv", "cp", "rsync", "ln", "install"}


_HINTS = ("--user", "installspec", "IJulia", "installkernel", "go install", "cargo install", "rustup")
# the settings that move a toolchain's folder; one the RUN sets itself (`export GOBIN=…`) is not read here
_MOVED_BY = {"go": ("GOBIN=", "GOPATH="), "cargo": ("CARGO_HOME=", "CARGO_INSTALL_ROOT=", "RUSTUP_HOME=")}
# the toolchains that install into their own folder under the home by default: Go (`$GOPATH`, `~/go`; binaries in
# `$GOBIN` or its `bin/`) and Rust (rustup's installer and `cargo install`: `$CARGO_HOME`, `~/.cargo`)
_GO = pattern(r"go(?:1\.\d+(?:\.\d+)?)?\Z")
_RUSTUP = pattern(r"https://sh\.rustup\.rs/?|.*/rustup-init(?:\.sh)?")
_SETTING = pattern(r"[A-Za-z_][A-Za-z0-9_]*=.*")


def _text(ins) -> str:
    """A RUN's text, heredocs included (for a cheap test before reading it as shell)."""
    return (" ".join(ins.value) if ins.json else ins.args) + "".join(doc.content for doc in ins.heredocs)


def _what(argv: list[str]) -> str | None:
    """Which install into the user's folders this command is ("pip", "kernel", "irkernel", "ijulia", "go",
    "cargo"); settings before it (`env A=1`, `A=1`) are read through."""
    if argv[:1] == ["env"]:  # `env GO111MODULE=on go install …`: the command after the settings
        argv = argv[1:]
    while argv and (_SETTING.fullmatch(argv[0]) or (argv[0].startswith("-") and argv[0] != "-")):
        argv = argv[1:]
    if not argv:
        return None
    head = posixpath.basename(argv[0])
    args = argv[1:]
    if _GO.match(head) and args[:1] == ["install"] and len(args) > 1:
        return "go"  # (`go get` fills the module cache only, since Go 1.18)
    if head == "cargo" and args[:1] == ["install"] and not any(a.startswith(("--root", "--list")) for a in args):
        return "cargo"
    if head in ("rustup-init", "rustup-init.sh"):
        return "cargo"
    if head in ("curl", "wget") and any(_RUSTUP.fullmatch(w) for w in args):
        return "cargo"  # the installer, downloaded to be run (`curl … https://sh.rustup.rs | sh -s -- -y`)
    if _PYTHON.match(head) and len(args) >= 2 and args[0] == "-m":
        head, args = args[1], args[2:]
    if head == "jupyter" and args:
        head, args = f"jupyter-{args[0]}", args[1:]
    if head == "ipython" and args[:1] == ["kernel"]:
        head, args = "ipykernel", args[1:]
    if "--user" in args and args[:1] == ["install"]:
        if _PIP.match(head):
            return "pip"
        if head in ("ipykernel", "jupyter-kernelspec"):
            return "kernel"
    text = " ".join(argv[1:])
    if head in ("R", "Rscript"):
        m = _IRKERNEL.search(text)
        if m and not re.search(r"user\s*=\s*F(?:ALSE)?\b|prefix\s*=", m.group(1)):
            return "irkernel"
    if head == "julia" and _IJULIA.search(text):
        return "ijulia"
    return None


_SHOWN = {
    "pip": "`pip install --user`",
    "kernel": "a `--user` kernel install",
    "irkernel": "`IRkernel::installspec()`",
    "ijulia": "IJulia's kernel install",
    "go": "`go install`",
    "cargo": "rustup/`cargo install`",
}
# where to install instead, by install
_INSTEAD = {
    "go": "set GOBIN (or GOPATH) outside the home, e.g. `/opt/go/bin`",
    "cargo": "set CARGO_HOME and RUSTUP_HOME outside the home (`/opt/…`)",
}
_PYTHON_INSTEAD = (
    "install into the environment (no `--user`; kernels with `--sys-prefix`), "
    "or set PYTHONUSERBASE / JUPYTER_DATA_DIR outside the home"
)
# the variable that moves each install's folder, and the folder under the home it uses without one
_FOLDERS = {"pip": ("PYTHONUSERBASE", ".local"), "go": ("GOPATH", "go"), "cargo": ("CARGO_HOME", ".cargo")}


def _target(what: str, env) -> str | None:
    """The folder the install writes to, from the RUN's environment (None: not known)."""
    home = env.get("HOME")
    variable, folder = _FOLDERS.get(what, ("JUPYTER_DATA_DIR", ".local/share/jupyter"))
    if what == "go" and env.get("GOBIN") is not None:
        variable = "GOBIN"  # binaries there (the module cache stays in GOPATH, a cache)
    value = env.get(variable)
    if value is not None:
        value = value.split(":", 1)[0] if variable == "GOPATH" else value  # GOPATH's first entry is written
        return value if is_known(value) else None
    if not home or not is_known(home) or not home.startswith("/"):
        return None
    return posixpath.join(home.rstrip("/"), folder)


def _moved(commands: list[list[str]], target: str, what: str) -> bool:
    """Does a later command move, copy or link what was installed (``mv ~/.local/share/jupyter/kernels/julia*
    /opt/conda/share/jupyter/kernels/``)?"""
    if what in _INSTEAD:
        tail, kernels = target, False  # a toolchain's folder: moved only by its own path
    else:
        tail, kernels = (target.split("/.local", 1)[-1] or "/.local"), True
    for argv in commands:
        moves = argv and posixpath.basename(argv[0]) in _MOVERS
        words = argv[1:] if moves else ()
        if any(target in w or (kernels and ".local/share/jupyter" in w) or w.endswith(tail) for w in words):
            return True
    return False


def check(inp: ImageInput) -> Iterator[Hit]:
    from ..image.installs import run_commands

    facts = inp.facts
    if facts is not None and facts.binder:
        return
    server = facts.server if facts is not None else None
    mounts: tuple[str, ...] | None = None
    if server is not None and server.home is not None and isinstance(server.home.value, tuple):
        mounts = server.home.value
    elif facts is not None and facts.home_mounts is not None:
        mounts = facts.home_mounts
    if mounts == ():
        return  # the deployment mounts nothing on the home
    if mounts is None and facts is not None and facts.settings_elsewhere:
        return  # its configuration sets its volumes in code hublint does not read: not known, not assumed
    assumed = homes(inp)
    runs = [s for s in inp.image.chain_steps if s.instruction.keyword == "RUN"]
    read: dict[int, list[list[str]]] = {}

    def argvs(n: int, hints: tuple[str, ...]) -> list[list[str]]:
        """The commands of the n-th RUN (none when its text holds none of the hints: reading shell costs)."""
        if not any(h in _text(runs[n].instruction) for h in hints):
            return []
        if n not in read:
            read[n] = [c.argv for c in run_commands(runs[n].instruction, runs[n].env)]
        return read[n]

    for n, step in enumerate(runs):
        cmds = argvs(n, _HINTS)
        for k, argv in enumerate(cmds):
            what = _what(argv)
            if what is None:
                continue
            if what in _MOVED_BY and (
                inp.image.base_info is None  # a base hublint does not know may set GOPATH or CARGO_HOME
                or any(m in _text(step.instruction) for m in _MOVED_BY[what])
                or (what == "cargo" and step.env.get("CARGO_INSTALL_ROOT") is not None)
            ):
                continue
            target = _target(what, step.env)
            if target is None:
                continue
            held = (
                mounted(target, mounts)
                if mounts is not None
                else next((h for h in assumed if target == h or target.startswith(h + "/")), None)
            )
            if held is None:
                continue
            later = cmds[k + 1 :] + [a for m in range(n + 1, len(runs)) for a in argvs(m, tuple(_MOVERS))]
            if _moved(later, target, what):
                continue
            where = f" ({server.home.where()})" if server is not None and server.home is not None else ""
            yield Hit(
                f"{_SHOWN[what]} writes into `{clip(target, 40)}`, which the home volume on `{held}` hides",
                *inp.image.keyword_span(step.instruction),
                help=f"the volume{where} covers it at run time: {_INSTEAD.get(what, _PYTHON_INSTEAD)}",
                confidence=scope_only(inp) if mounts is not None else "weak",
            )
            break
