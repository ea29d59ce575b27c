"""Package installs in RUN instructions, analysed: each command of each RUN (shell form, exec form, heredoc
bodies, ``sh -c`` and scripts copied from the build context) dispatched to the pip and conda readers.  A command
under a shell condition the build's known values decide against (``if [ -n "$V" ]; then pip install …; fi``
with ``V`` empty, ``[ -z "$V" ] || …``) is not run, so its installs are not read.

Where a command installs: a program named by its path (``/opt/venv/bin/pip``) installs into that environment,
``conda|mamba|micromamba run -n NAME|-p PREFIX …`` into that conda environment, and a shell-form ``RUN`` under
``SHELL ["conda", "run", "-n", NAME, …]`` (the stage's, or the stage it is built ``FROM``) likewise."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from ..dockerfile.expand import UNKNOWN, is_known
from ..dockerfile.model import Stage, Step
from ..dockerfile.shell import SHELLS, Command, Word, commands, guard_value, strip_prefix
from .condainstalls import CondaReader
from .contextfiles import Reader, copied_from_context, read_context_file, workdirs
from .installs import (
    _CONDA,
    _INSTALLISH,
    _LOCK_INSTALLERS,
    _OS_INSTALLER,
    _PIP,
    _PYTHON,
    InstallReport,
    _might_install,
    run_commands,
)
from .projectinstalls import read_project_install

_RUN_VALUE_OPTS = {"-n", "--name", "-p", "--prefix", "--cwd", "-e", "--env", "--root-prefix", "-r", "--log-level"}


def conda_env_prefix(name: str, env) -> str | None:
    """The prefix of the conda environment ``name`` (``-n NAME``): None for ``base`` (the default environment),
    :data:`UNKNOWN` when the name or the root prefix is not known where the Dockerfile is read."""
    if name == "base":
        return None
    root = env.get("CONDA_DIR") or env.get("MAMBA_ROOT_PREFIX") or "/opt/conda"
    return f"{root}/envs/{name}" if is_known(root) and is_known(name) else UNKNOWN


def conda_run(argv: Sequence[str], env) -> tuple[bool, str | None, int]:
    """``conda|mamba|micromamba run [options] PROGRAM …``: (whether ``argv`` is one, the environment's prefix —
    None for the default environment —, the index of PROGRAM in ``argv``)."""
    if len(argv) < 2 or argv[0].rsplit("/", 1)[-1] not in _CONDA or argv[1] != "run":
        return False, None, 0
    prefix: str | None = None
    i = 2
    while i < len(argv) and argv[i].startswith("-"):
        name, eq, inline = argv[i].partition("=")
        if argv[i] == "--":
            return True, prefix, i + 1
        if name in _RUN_VALUE_OPTS:
            value = inline if eq else (argv[i + 1] if i + 1 < len(argv) else "")
            if name in ("-n", "--name"):
                prefix = conda_env_prefix(value, env)
            elif name in ("-p", "--prefix"):
                prefix = value.rstrip("/") or None
            i += 1 if eq else 2
            continue
        i += 1
    return True, prefix, i


class InstallAnalyzer(CondaReader):
    shell_prefix: str | None = None  # where the RUN's SHELL (``conda run -n NAME``) makes commands install

    def run(self) -> InstallReport:
        shells: dict[int, list[str] | None] = {}  # stage index -> its SHELL at its end
        for stage in self.stages:
            steps = stage.steps
            cwds = workdirs(steps, self.esc)
            shell = shells.get(stage.parent.index) if stage.parent is not None else None
            for idx, step in enumerate(steps):
                ins = step.instruction
                if ins.keyword == "SHELL" and ins.json:
                    shell = list(ins.value)
                if ins.keyword != "RUN" or not _might_install(ins):
                    continue
                self.ins = ins
                self.step = step
                runs_in, prefix, _ = conda_run(shell, step.env) if shell and not ins.json else (False, None, 0)
                self.shell_prefix = prefix if runs_in else None
                for cmd in run_commands(ins, step.env):
                    self.command(cmd, stage, steps, idx, cwds, step)
            shells[stage.index] = shell
        return self.report

    # ---- dispatch
    def command(self, cmd: Command, stage: Stage, steps, idx, cwds, step: Step) -> None:
        if guard_value(cmd) is False:
            return  # a branch the build's known values never take (`if [ -n "$V" ]; then …` with V empty)
        words = strip_prefix(cmd)
        if not words:
            return
        runs_in, run_prefix, start = conda_run([w.value for w in words], step.env)
        if runs_in:
            words = words[start:]  # `conda run -n NAME pip install …`: pip of that environment
            if not words:
                return
            if self._shell_body(cmd, words, run_prefix, stage, steps, idx, cwds, step):
                return
        else:
            run_prefix = self.shell_prefix
        head = words[0].value.rsplit("/", 1)[-1]
        # `/opt/venv/bin/pip install …`, `/opt/env/bin/python -m pip …`: that environment's prefix
        program = words[0].value
        self.prefix = (
            program.rsplit("/bin/", 1)[0]
            if "/bin/" in program
            and UNKNOWN not in program
            and (_PIP.match(head) or _PYTHON.match(head))
            and not program.startswith(("/usr/bin/", "/bin/"))
            else None
        )
        if self.prefix in ("/usr", "/usr/local", ""):
            self.prefix = None
        elif self.prefix is None:
            self.prefix = run_prefix
        rest = words[1:]
        if _PYTHON.match(head):
            for k, w in enumerate(rest):
                if w.value in ("-m", "-mpip") or w.value.startswith("-m"):
                    mod = w.value[2:] if len(w.value) > 2 else (rest[k + 1].value if k + 1 < len(rest) else "")
                    if mod == "pip":
                        start = k + 1 if len(w.value) > 2 else k + 2
                        self.pip(cmd, rest[start:], stage, steps, idx, cwds, step)
                    return
                if not w.value.startswith("-"):
                    if w.value.endswith("setup.py"):
                        self._unknown(cmd, w, f"`{w.value}` installs a project hublint does not read")
                    return
            return
        sub = rest[0].value if rest else ""
        script = None
        if head in SHELLS and rest and not sub.startswith("-"):
            script = rest[0]
        elif "/" in words[0].value or head.endswith((".sh", ".bash")):
            script = words[0]
        if script is not None and head not in _CONDA and not _PIP.match(head) and head != "uv":
            self.script(cmd, script, stage, steps, idx, cwds, step)
            return
        if (
            head == "pip-sync"
            or (head in _LOCK_INSTALLERS and sub in _LOCK_INSTALLERS[head])
            or (head == "uv" and sub == "pip" and len(rest) > 1 and rest[1].value == "sync")
            or (head == "hatch" and sub == "env" and len(rest) > 1 and rest[1].value == "create")
        ):
            if read_project_install(self, cmd, words, stage, steps, idx, cwds):
                return  # the lock file (or the project) says what is installed
            # installs from a project or lock file hublint cannot read: anything may be installed
            self._unknown(cmd, words[0], f"`{head} {sub}` installs from a project or lock file")
        elif _PIP.match(head):
            self.pip(cmd, rest, stage, steps, idx, cwds, step)
        elif head == "uv" and sub == "pip":
            self.pip(cmd, rest[1:], stage, steps, idx, cwds, step)
        elif head in _CONDA:
            self.conda(cmd, rest, stage, steps, idx, cwds, step)

    def _shell_body(self, cmd: Command, words: list[Word], prefix, stage, steps, idx, cwds, step: Step) -> bool:
        """``conda run -n NAME bash -c 'pip install …'``: the script's commands, run in that environment."""
        if not (
            len(words) >= 3
            and words[0].value.rsplit("/", 1)[-1] in SHELLS
            and words[1].value.startswith("-")
            and not words[1].value.startswith("--")
            and "c" in words[1].value
        ):
            return False
        at = cmd.position(words[2].start)
        saved = self.shell_prefix
        self.shell_prefix = prefix
        try:
            for inner in commands(words[2].value, step.env, lambda off: at):
                inner.exact = False  # positions point at the script's start: no edits inside
                self.command(inner, stage, steps, idx, cwds, step)
        finally:
            self.shell_prefix = saved
        return True

    def script(self, cmd: Command, word: Word, stage, steps, idx, cwds, step: Step) -> None:
        """A RUN that executes a script: the installs in it count when hublint can read it from the build
        context; a script it cannot read whose name says it installs makes the install *unknown*."""
        path = word.value
        if UNKNOWN in path or "$" in word.raw:
            return
        base = posixpath.basename(path)
        _, text = self._file(path, steps, idx, cwds)
        if text is not None:
            if self.depth >= 3:
                self._unknown(cmd, word, f"`{path}` runs scripts nested too deeply to follow")
                return
            at = cmd.position(word.start)
            self.depth += 1
            try:
                for inner in commands(text, step.env, lambda off: at):
                    inner.exact = False  # positions point at the script's name in the RUN: no edits inside
                    self.command(inner, stage, steps, idx, cwds, step)
            finally:
                self.depth -= 1
        elif (
            _INSTALLISH.search(base)
            and not _OS_INSTALLER.search(base)
            and base != "install"
            and copied_from_context(path, steps, idx, cwds, self.esc)
        ):
            self._unknown(
                cmd,
                word,
                f"`{path}` is a script copied from the build context that hublint cannot read, "
                "and its name says it installs packages",
            )


def analyze_installs(
    stages: Sequence[Stage], esc: str, context_dir: str | None, read: Reader = read_context_file
) -> InstallReport:
    return InstallAnalyzer(sorted(stages, key=lambda s: s.index), esc, context_dir, read).run()
