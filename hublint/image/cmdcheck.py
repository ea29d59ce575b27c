"""The final image's CMD/ENTRYPOINT, and whether its CMD starts a Hub-aware server (HUB401/402/403/407)."""

from __future__ import annotations

import posixpath

from ..dockerfile.model import Step
from ..dockerfile.shell import SHELLS
from .contextfiles import locate_in_context, workdirs
from .launchers import classify_argv, script_runs_launcher, strip_wrappers

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from .analysis import ImageAnalysis

__all__ = [
    "Launch",
    "launch_facts",
    "compute_launch",
    "step_argvs",
    "read_program",
    "copied_by",
    "broken_exec_form",
    "entrypoint_hands_over",
    "entrypoint_script_server",
    "SCRIPT",
]

_BIN_DIRS = ("/usr/local/bin", "/usr/bin", "/bin", "/opt/conda/bin", "/usr/local/sbin")


class Launch:
    def __init__(
        self,
        cmd: Step | None,
        entrypoint: Step | None,
        cmd_after_entrypoint: bool,
        verdict: str,
        detail: str,
    ) -> None:
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.cmd_after_entrypoint = cmd_after_entrypoint
        self.verdict = verdict
        self.detail = detail


def _argv(step: Step, esc: str) -> tuple[list[list[str]], bool]:
    """The command lists a CMD runs: one argv for exec form, every simple command for shell form."""
    from .installs import run_commands

    ins = step.instruction
    if ins.json:
        return [list(ins.value)], True
    return [c.argv for c in run_commands(ins, step.env)], False


class BrokenExecForm:
    """A CMD/ENTRYPOINT meant as exec form that BuildKit reads as shell form (it is not a JSON array)."""

    __slots__ = ("what", "fixed", "end")

    def __init__(self, what: str, fixed: str | None, end: int) -> None:
        self.what = what  # what breaks it, for the message
        self.fixed = fixed  # the exec form it was meant to be (None: no safe rewrite)
        self.end = end  # offset in ``args`` where the text to replace ends


def broken_exec_form(ins) -> BrokenExecForm | None:
    """``CMD ["x"] # comment``, ``CMD ['x']``, ``CMD ["x",]``: JSON-looking, not JSON, so Docker runs the text
    with ``/bin/sh -c`` and the shell looks for a program named ``[x]``.  A shell test (``[ -f x ] && …``)
    is left alone."""
    if ins.keyword not in ("CMD", "ENTRYPOINT") or ins.json:
        return None
    args = ins.args.rstrip()
    if not args.startswith("[") or (args.startswith(("[ ", "[\t")) and not args[1:].lstrip().startswith('"')):
        return None
    import json

    try:
        value, end = json.JSONDecoder().raw_decode(args)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python's decoder goes
        value, end = None, 0
    if isinstance(value, list) and all(isinstance(v, str) for v in value) and end < len(args):
        rest = args[end:].strip()
        if args[1:2] in (" ", "\t") and (rest[:2] in ("&&", "||") or rest[:1] in (";", "|", "&", ">", "<")):
            return None  # `[ "$X" ] && …`: a shell test
        return BrokenExecForm(f"text after the JSON array (`{_short(rest)}`)", args[:end], len(args))
    if args[1:].lstrip().startswith("'") and args.endswith("]"):
        try:
            value = json.loads(args.replace("'", '"'))
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, list) and all(isinstance(v, str) for v in value) and '"' not in args:
            return BrokenExecForm("single quotes", json.dumps(value), len(args))
        return BrokenExecForm("single quotes", None, len(args))
    if args[1:].lstrip().startswith('"'):
        return BrokenExecForm("invalid JSON", None, len(args))
    return None


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"


def step_argvs(step: Step) -> list[list[str]]:
    """The argv lists a CMD/ENTRYPOINT runs (``sh -c`` bodies opened up)."""
    lists, _ = _argv(step, "\\")
    return _unwrap(lists, step)


def launch_facts(img: ImageAnalysis) -> Launch:
    """The final image's CMD/ENTRYPOINT and its verdict (computed once per analysis)."""
    return img.launch


def compute_launch(img: ImageAnalysis) -> Launch:
    steps = img.chain_steps
    cmd_idx = ent_idx = None
    for i, step in enumerate(steps):
        if step.instruction.keyword == "CMD":
            cmd_idx = i
        elif step.instruction.keyword == "ENTRYPOINT":
            ent_idx = i
    cmd = steps[cmd_idx] if cmd_idx is not None else None
    ent = steps[ent_idx] if ent_idx is not None else None
    # an ENTRYPOINT resets the CMD its stage inherits, not one its own stage set (BuildKit's cmdSet)
    after = cmd_idx is not None and (
        ent_idx is None or cmd_idx > ent_idx or steps[cmd_idx].stage == steps[ent_idx].stage
    )
    if cmd is None:
        return Launch(None, ent, False, "none", "")
    lists, _ = _argv(cmd, img.dockerfile.escape)
    if (
        ent is not None
        and ent.instruction.json
        and lists
        and lists[0]
        and (lists[0][0].startswith("-") or not lists[0][0].strip())
    ):
        # CMD ["--flag"] (or CMD [""]) only passes arguments: the ENTRYPOINT's program is what runs
        program = strip_wrappers(list(ent.instruction.value))
        if program:
            lists = [program + lists[0]]
    verdicts = []
    detail = ""
    for argv in _unwrap(lists, cmd):
        v = classify_argv(argv)
        if v == "launcher":
            return Launch(cmd, ent, after, "launcher", " ".join(argv))
        if v == "unknown":
            v, d = _script(img, steps, cmd_idx, argv)
            if v == "launcher":
                return Launch(cmd, ent, after, "launcher", d)
            detail = detail or d
        else:
            detail = detail or " ".join(strip_wrappers(argv)) or " ".join(argv)
        verdicts.append(v)
    if not verdicts:
        return Launch(cmd, ent, after, "not", "")
    for kind in ("server", "unreadable", "unknown", "not"):
        if kind in verdicts:
            return Launch(cmd, ent, after, kind, detail)
    return Launch(cmd, ent, after, "not", detail)


SCRIPT = _SCRIPT = "\ufffe-script"  # argv marker: run the script that follows


def _unwrap(lists: list[list[str]], step: Step) -> list[list[str]]:
    """``sh -c '…'`` becomes the commands inside; ``sh script`` / ``python script.py`` stays a script to read."""
    from ..dockerfile.shell import commands

    out: list[list[str]] = []
    for argv in lists:
        args = strip_wrappers(argv)
        head = posixpath.basename(args[0]) if args else ""
        if head in SHELLS and len(args) > 1:
            opts = [a for a in args[1:] if a.startswith("-")]
            rest = [a for a in args[1:] if not a.startswith("-")]
            if any("c" in o and not o.startswith("--") for o in opts) and rest:
                out.extend(c.argv for c in commands(rest[0], step.env))
                continue
            if rest:
                out.append([_SCRIPT, *rest])
                continue
        if classify_argv(args) == "not" and head.startswith("python") and len(args) > 1 and not args[1].startswith("-"):
            out.append([_SCRIPT, *args[1:]])
            continue
        out.append(argv)
    return out


def _find_program(img, steps) -> Callable[[str], tuple[str | None, bool]]:
    """A lookup for programs the container runs: they run when it starts, so every COPY/ADD of the chain counts
    (one after the CMD too), and a relative path is taken from the final WORKDIR."""
    esc = img.dockerfile.escape
    cwds = workdirs(steps, esc, final=True)
    end = len(steps)

    def find(prog: str) -> tuple[str | None, bool]:
        """(context path of the file COPY/ADD put at ``prog``, whether any COPY/ADD mentions it)."""
        candidates = [prog] if "/" in prog else [prog, *(posixpath.join(d, prog) for d in _BIN_DIRS)]
        for cand in candidates:
            if "/" not in cand and not cand.startswith("."):
                cand = posixpath.join(cwds[end], cand)
            full = locate_in_context(cand, steps, end, cwds, esc, img.context_dir)
            if full is not None:
                return full, True
        copied = any(_names_file(s, posixpath.basename(prog)) for s in steps)
        return None, copied

    return find


def _names_file(step: Step, name: str) -> bool:
    """Is ``step`` a COPY/ADD with a path whose last part is ``name`` (``init`` is not ``cont-init.d/``)?"""
    ins = step.instruction
    if ins.keyword not in ("COPY", "ADD") or not name or name not in ins.args:
        return False
    words = ins.value if ins.json else ins.args.split()
    return any(part == name for word in words for part in word.strip("\"'[],").split("/"))


def copied_by(img, prog: str) -> Step | None:
    """The last COPY/ADD of the chain that names ``prog``'s file (the one the container runs)."""
    name = posixpath.basename(prog)
    found = None
    for s in img.chain_steps:
        if _names_file(s, name):
            found = s
    return found


def program_file(img) -> Callable[[str], str | None]:
    """A lookup of the build-context file COPY/ADD put at a program's path (folder copies included)."""
    find = _find_program(img, img.chain_steps)
    return lambda prog: find(prog)[0]


def read_program(img, step: Step | None, prog: str) -> str | None:
    """The text of a program COPY/ADD brought from the build context, if it can be read."""
    return img.read_file(program_file(img)(prog))


def entrypoint_hands_over(img, step: Step) -> bool:
    """Is the ENTRYPOINT a script the build context holds that runs the command it receives (``exec "$@"``, or a
    launcher with ``"$@"`` once a leading launcher was shifted away: :func:`~.launchers.hands_over`)?  A script
    hublint cannot read is judged by its name elsewhere."""
    from .launchers import hands_over

    found = _entrypoint_script(img, step)
    return found is not None and hands_over(found[1])


def entrypoint_script_server(img, step: Step) -> tuple[str, list[str]] | None:
    """(the script, the server it starts) when the exec-form ENTRYPOINT is a script the build context holds that
    ends by starting a notebook server itself, dropping the command it is given (:func:`~.launchers.final_server`)."""
    from .launchers import final_server

    script = _entrypoint_script(img, step)
    found = final_server(script[1]) if script is not None else None  # its commands are read once (script_commands)
    return (posixpath.basename(script[0]), found) if script is not None and found else None


def _entrypoint_script(img, step: Step) -> tuple[str, str] | None:
    """(its program, its text) when the exec-form ENTRYPOINT runs a script the build context holds, else None."""
    if not step.instruction.json:
        return None
    args = strip_wrappers(list(step.instruction.value))
    text = read_program(img, step, args[0]) if args else None
    return (args[0], text) if text is not None else None


def step_starts_server(img, step: Step) -> bool:
    """Does this CMD/ENTRYPOINT start the single-user server itself — a launcher among its commands, or a script
    of the build context that runs one?"""
    steps = img.chain_steps
    idx = next((i for i, s in enumerate(steps) if s is step), len(steps) - 1)
    for argv in step_argvs(step):
        kind = classify_argv(argv)
        if kind == "launcher" or (kind == "unknown" and _script(img, steps, idx, argv)[0] == "launcher"):
            return True
    return False


def _script(img, steps, idx, argv, depth: int = 0) -> tuple[str, str]:
    """A custom program in CMD: read it from the build context when COPY/ADD put it there.  A wrapper that runs
    the command it is given (``exec "$@"``) is judged by the rest of the CMD (``["setup.sh", "start-notebook.sh"]``)."""
    from .launchers import hands_over

    args = strip_wrappers(argv)
    at = 1 if args[0] == _SCRIPT and len(args) > 1 else 0
    prog = args[at]
    full, copied = _find_program(img, steps)(prog)
    if full is not None:
        text = img.read_file(full)
        if text is None:
            return "unreadable", prog
        if script_runs_launcher(text):
            return "launcher", prog
        rest = args[at + 1 :]
        if rest and depth < 3 and hands_over(text):
            verdict = classify_argv(rest)
            if verdict == "unknown":
                return _script(img, steps, idx, rest, depth + 1)
            return verdict, " ".join(strip_wrappers(rest)) or " ".join(rest)
        return "not", prog
    return ("unreadable" if copied else "unknown"), prog
