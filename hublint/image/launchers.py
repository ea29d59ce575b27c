"""Does a command start a Hub-aware single-user server?  (RULES.md, "Launcher".)"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ..lazy import pattern

__all__ = [
    "is_launcher_argv",
    "strip_wrappers",
    "LAUNCHER_NAMES",
    "SERVER_NAMES",
    "launcher_commands",
    "hands_over",
    "script_runs_launcher",
]

LAUNCHER_NAMES = frozenset(
    {
        "jupyterhub-singleuser",
        "jupyter-labhub",
        "start-singleuser.py",
        "start-singleuser.sh",
        "start-notebook.py",
        "start-notebook.sh",
    }
)
# programs that are a server (or start one) but are not Hub-aware
SERVER_NAMES = (
    frozenset(
        {
            "jupyter",
            "jupyter-lab",
            "jupyter-notebook",
            "jupyter-server",
            "jupyterlab",
            "voila",
            "jupyter-nbclassic",
        }
    )
    | LAUNCHER_NAMES
)
_PYTHON = pattern(r"python(?:\d+(?:\.\d+)?)?\Z")


def _base(arg: str) -> str:
    return arg.rsplit("/", 1)[-1]


# "<tool> run [options] PROGRAM …" and "<tool> USER PROGRAM …": the program is what runs
_RUNNERS = {"conda", "mamba", "micromamba", "pixi", "uv", "rye", "poetry", "pipenv", "pdm", "hatch"}
_RUNNER_VALUE_OPTS = {
    "-n",
    "--name",
    "-p",
    "--prefix",
    "--cwd",
    "-e",
    "--env",
    "--environment",
    "--with",
    "--python",
    "--manifest-path",
}
# programs that run their command as another user: the option that names the user (None: the first word), and
# their other options that take a value
_SWITCHERS: dict[str, tuple[str | None, frozenset[str]]] = {
    "gosu": (None, frozenset()),
    "su-exec": (None, frozenset()),
    "s6-setuidgid": (None, frozenset()),
    "runuser": ("-u", frozenset({"-g", "--group", "-G", "--supp-group", "-s", "--shell", "-w"})),
    "chpst": ("-u", frozenset({"-U", "-b", "-e", "-n", "-l", "-L", "-m", "-d", "-o", "-p", "-f", "-c", "-r", "-t"})),
    "sudo": ("-u", frozenset({"-g", "--group", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"})),
    "setpriv": ("--reuid", frozenset({"--regid", "--groups", "--inh-caps", "--bounding-set", "--securebits"})),
}


def switched_user(argv: Sequence[str]) -> tuple[str, str | None, list[str]] | None:
    """(the program, the user it names — None when it names none —, the command it runs) when ``argv`` starts with
    a program that runs its command as another user (``gosu jovyan cmd``, ``sudo -E -u jovyan cmd``,
    ``setpriv --reuid=1000 … cmd``, ``su jovyan -c 'cmd'``); None otherwise.  Only its own options are read: the
    first word that is not one starts the command."""
    if not argv:
        return None
    head = _base(argv[0])
    if head == "su":
        return _su(list(argv[1:]))
    if head not in _SWITCHERS:
        return None
    option, with_value = _SWITCHERS[head]
    rest = list(argv[1:])
    if option is None:
        if not rest or rest[0].startswith("-"):
            return head, None, rest
        return head, rest[0], rest[1:]
    user = None
    i = 0
    while i < len(rest) and rest[i].startswith("-"):
        word = rest[i]
        if word == "--":
            i += 1
            break
        if word in (option, "--user") and i + 1 < len(rest):
            user, i = rest[i + 1], i + 2
            continue
        if word.startswith((option + "=", "--user=")):
            user = word.split("=", 1)[1]
        i += 2 if word in with_value else 1
    return head, user, rest[i:]


_SU_VALUE_OPTS = frozenset({"-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w", "--whitelist-environment"})


def _su(rest: list[str]) -> tuple[str, str | None, list[str]]:
    """``su [options] [-] [USER] [options] [-c COMMAND]``: the user (None: root) and the words of the command of
    the ``-c`` string that starts a launcher, else of its last (none: an interactive shell)."""
    from ..dockerfile.shell import commands

    user = script = None
    i = 0
    while i < len(rest):
        word = rest[i]
        if word in ("-c", "--command") and i + 1 < len(rest):
            script, i = rest[i + 1], i + 2
        elif word.startswith("--command="):
            script, i = word.split("=", 1)[1], i + 1
        elif word.startswith("-"):
            i += 2 if word in _SU_VALUE_OPTS else 1
        elif user is None:
            user, i = word, i + 1
        else:
            break  # arguments of su's shell
    words: list[str] = []
    if script:
        argvs = [[w.value for w in c.words] for c in commands(script)]
        runs = [a for a in argvs if a and is_launcher_argv(a)]  # the command that starts the server, else the last
        words = runs[0] if runs else (argvs[-1] if argvs else [])
    return "su", user, words


def _skip_options(args: list[str], with_value: set[str]) -> list[str]:
    i = 0
    while i < len(args) and args[i].startswith("-"):
        if args[i] == "--":
            return args[i + 1 :]
        i += 2 if args[i] in with_value else 1
    return args[i:]


def strip_wrappers(argv: Sequence[str]) -> list[str]:
    """Drop leading wrappers: ``tini … --``, ``dumb-init``, ``/usr/bin/env [A=b]``, ``exec``, ``start.sh``, a shell
    running a ``.sh`` script (``sh start.sh …``: the script and its arguments),
    ``conda|mamba|micromamba|pixi|uv|rye|poetry|pipenv run [options]``, and the programs that run their command as
    another user (:func:`switched_user`: ``gosu USER``, ``su-exec USER``, ``sudo -u USER``, ``runuser -u USER``…)."""
    args = list(argv)
    changed = True
    while args and changed:
        changed = False
        head = _base(args[0])
        if head in ("tini", "tini-static", "dumb-init"):
            if "--" in args:
                args = args[args.index("--") + 1 :]
            else:
                args = _skip_options(args[1:], {"-p", "-e", "-l"})
            changed = True
        elif head in _RUNNERS and len(args) > 1 and args[1] == "run":
            args = _skip_options(args[2:], _RUNNER_VALUE_OPTS)
            changed = True
        elif head in _SWITCHERS or head == "su":
            found = switched_user(args)
            if found is not None and found[2]:
                args = found[2]
                changed = True
        elif head in ("env", "exec"):
            args = args[1:]
            while args and (("=" in args[0] and not args[0].startswith("-")) or args[0].startswith("-")):
                args = args[1:]
            changed = True
        elif head == "start.sh":
            args = args[1:]
            changed = True
        elif head in ("sh", "bash", "dash") and len(args) > 1 and args[1].endswith(".sh"):
            args = args[1:]  # `sh start.sh jupyter lab`: the shell runs the script as exec'ing it would
            changed = True
    return args


def is_launcher_argv(argv: Sequence[str]) -> bool:
    args = strip_wrappers(argv)
    if not args:
        return False
    head = _base(args[0])
    if head in LAUNCHER_NAMES:
        return True
    if head == "jupyter" and len(args) > 1 and args[1] == "labhub":
        return True
    if _PYTHON.match(head):
        for i, a in enumerate(args[1:-1], 1):
            if a == "-m" and args[i + 1] == "jupyterhub.singleuser":
                return True
            if a.startswith("-m") and a[2:] == "jupyterhub.singleuser":
                return True
        if any(a == "-mjupyterhub.singleuser" for a in args):
            return True
    return False


# --------------------------------------------------------------------------- CMD analysis

_NOT_LAUNCHERS = frozenset(
    {
        "sh",
        "bash",
        "dash",
        "zsh",
        "ash",
        "ksh",
        "fish",
        "jupyter-lab",
        "jupyter-notebook",
        "jupyter-server",
        "jupyterlab",
        "jupyter-nbclassic",
        "voila",
        "r",
        "rscript",
        "rstudio-server",
        "code-server",
        "node",
        "npm",
        "sleep",
        "tail",
        "nginx",
        "supervisord",
        "streamlit",
        "uvicorn",
        "gunicorn",
        "panel",
        "bokeh",
        "cat",
        "echo",
        "true",
        "tini",
        "start.sh",
        "ipython",
        "conda",
        "mamba",
        "micromamba",
        "pip",
        "top",
        "htop",
        # shell builtins and everyday tools that prepare rather than serve
        "cd",
        "export",
        "set",
        "source",
        ".",
        "umask",
        "ulimit",
        "mkdir",
        "chmod",
        "chown",
        "cp",
        "mv",
        "rm",
        "ln",
        "test",
        "[",
        "printf",
        "trap",
        "wait",
        "sed",
        "grep",
        "touch",
        "git",
        "curl",
        "wget",
        "unset",
        "sudo",
    }
)
_SCRIPT_LAUNCHER = pattern(
    r"(?<![\w.-])(?:jupyterhub-singleuser|jupyter-labhub|start-singleuser\.(?:py|sh)|start-notebook\.(?:py|sh)"
    r"|jupyterhub\.singleuser|jupyter\s+labhub)(?![\w-])"
)


def classify_argv(argv: Sequence[str]) -> str:
    """ "launcher", "server" (not Hub-aware), "not" (a known non-launcher) or "unknown" (a custom program)."""
    if is_launcher_argv(argv):
        return "launcher"
    args = strip_wrappers(argv)
    if not args:
        return "not"
    head = _base(args[0]).lower()
    if head == "jupyter" or head in SERVER_NAMES:
        return "server"
    if head in _NOT_LAUNCHERS or _PYTHON.match(head):
        return "not"
    return "unknown"


def script_runs_launcher(text: str) -> bool:
    """Does a script start a launcher?  Its comments are not commands."""
    from ..dockerfile.shell import without_comments

    return bool(_SCRIPT_LAUNCHER.search(without_comments(text)))


# --------------------------------------------------------------------------- scripts, read as the shell reads them

_ALL_ARGS = frozenset({'"$@"', "$@", '"${@}"', "${@}"})
_ARGS = "\ufffe$@"  # argv marker: the script's own arguments, handed on
_FIRST_ARG = pattern(r"\$(?:1(?!\d)|\{1[}:#%/-])")


def _script_argvs(cmds) -> list[list[str]]:
    """The words of each simple command of a shell script as the shell runs them, once ``exec``/``sudo``/
    ``env``/``then``… are dropped; ``"$@"`` as :data:`_ARGS`."""
    from ..dockerfile.shell import strip_prefix

    return [[_ARGS if w.raw in _ALL_ARGS else w.value for w in strip_prefix(cmd)] for cmd in cmds]


_PASSES_ARGS = pattern(r"\$(?:@|\*|\{[@*#]|\{\w+\[[@*]\])")  # "$@", $*, "${@:1}", "${cmd[@]}"


@functools.lru_cache(maxsize=4)
def script_commands(script: str) -> tuple:
    """The simple commands of a script of the build context, read once for the rules that ask about it (the last
    few scripts are kept: several rules ask about one start script); read-only."""
    from ..dockerfile.shell import commands

    return tuple(commands(script))


def launcher_commands(script: str) -> list[list[str]]:
    """The commands of a shell script that start a launcher, from the launcher on (its options are its own
    words: not a comment's, not another command's)."""

    out = []
    for argv in _script_argvs(script_commands(script)):
        if argv and is_launcher_argv(argv):
            out.append(strip_wrappers(argv))
    return out


def hands_over(script: str) -> bool:
    """Does a wrapper script run the command it is given — ``exec "$@"`` (after wrappers such as ``gosu USER``),
    or ``exec <launcher> "$@"`` once a leading launcher in ``$1`` was shifted away (``if [ "$1" = jupyterhub-
    singleuser ]; then shift; fi``, ``[[ $1 == … ]] && shift``, ``case $1 in …) shift;; esac``)?"""

    cmds = script_commands(script)
    argvs = _script_argvs(cmds)
    shifted = False
    for i, argv in enumerate(argvs):
        if not argv:
            continue
        rest = strip_wrappers(argv)
        if rest and rest[0] == _ARGS:
            return True
        if shifted and _ARGS in argv and is_launcher_argv(argv):
            return True
        if argv[0] == "shift" and argv[1:] in ([], ["1"]):
            before = cmds[max(0, i - 3) : i]
            tests_first = any(_FIRST_ARG.search(w.raw) for c in before for w in c.words)
            names_launcher = any(_base(w.value) in LAUNCHER_NAMES for c in before for w in c.words)
            shifted = shifted or (tests_first and names_launcher)
    return False


def final_server(script: str) -> list[str] | None:
    """The notebook server a script ends by starting itself without the command it is given (its last command
    starts a server or launcher and passes no ``"$@"``: ``exec jupyter lab --ip=0.0.0.0``), None otherwise."""

    cmds = script_commands(script)
    if hands_over(script) or any(_PASSES_ARGS.search(w.raw) for c in cmds for w in c.words):
        return None  # it hands its arguments on somewhere (`if …; then exec jupyterhub-singleuser "$@"; fi`)
    argvs = [a for a in _script_argvs(cmds) if a]
    if not argvs:
        return None
    last = strip_wrappers(argvs[-1])
    if not last or _ARGS in last or any("$@" in w or "$*" in w for w in last):
        return None
    return last if classify_argv(last) in ("server", "launcher") else None
