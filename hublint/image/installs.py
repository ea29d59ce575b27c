"""Package installs in RUN instructions: pip/uv/conda/mamba/micromamba, specs, -r/-c files, environment.yml.

Shell form, exec form and heredoc bodies alike.  Requirement and environment files are read from
the build context by following the COPY/ADD that put them in the image; a file that cannot be
read makes the install *unknown*.  An install whose version comes from an unresolved variable is
kept, but its version is not judged.
"""

from __future__ import annotations

import posixpath
import re
from collections import namedtuple
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from ..dockerfile.expand import UNKNOWN, is_known
from ..dockerfile.model import Stage, Step
from ..dockerfile.shell import Command, Word, commands, strip_prefix
from ..dockerfile.syntax import Instruction
from ..edits import Edit, Fix
from .contextfiles import copied_from_context, locate_in_context, read_context_file, workdirs
from .versions import VersionSet, conda_version_set, pip_version_set

__all__ = ["Install", "Unknown", "Invalid", "InstallReport", "analyze_installs", "run_commands", "normalise"]

Anchor = tuple[int, int, int, int]

_PIP = re.compile(r"pip(?:\d+(?:\.\d+)?)?\Z")
_PYTHON = re.compile(r"python(?:\d+(?:\.\d+)?)?\Z")
_CONDA = {"conda", "mamba", "micromamba"}
# installers whose packages come from project or lock files (command -> sub-commands that install)
_LOCK_INSTALLERS = {
    "poetry": {"install", "add", "update", "sync"},
    "pipenv": {"install", "sync", "update"},
    "pdm": {"install", "sync", "add", "update"},
    "uv": {"sync", "add"},
    "pixi": {"install", "add"},
    "conda-lock": {"install"},
}
_SHELLS = {"sh", "bash", "dash", "zsh", "ash", "ksh"}
_PIP_VALUE_OPTS = {
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--src",
    "--upgrade-strategy",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--only-binary",
    "--no-binary",
    "--progress-bar",
    "--log",
    "--cache-dir",
    "--trusted-host",
    "--proxy",
    "--retries",
    "--timeout",
    "--exists-action",
    "--cert",
    "--client-cert",
    "--global-option",
    "--config-settings",
    "-C",
    "--report",
    "--root-user-action",
    "--install-option",
    "--python",
    "-p",
    "--group",
    "--override",
    "--index",
    "--default-index",
    "--index-strategy",
    "--keyring-provider",
    "--resolution",
    "--prerelease",
    "--exclude-newer",
    "--link-mode",
    "--build-constraint",
    "-b",
}
_PIP_SHORT_VALUE = set("rcei ftCpb".replace(" ", ""))
_CONDA_VALUE_OPTS = {
    "-c",
    "--channel",
    "-n",
    "--name",
    "-p",
    "--prefix",
    "--file",
    "-f",
    "--solver",
    "--repodata-fn",
    "--platform",
    "--subdir",
    "--experimental-solver",
    "-r",
    "--root-prefix",
    "--rc-file",
    "--channel-alias",
    "--relocate-prefix",
    "--category",
    "--log-level",
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_PIP_SINGLE_EQ = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?)=(?![=~])(.+)\Z")
_SINGLE_EQ_IN_RAW = re.compile(r"(?<![=<>!~])=(?![=~])")
_CONDA_SPEC = re.compile(r"(?:[^:\s]+::)?([A-Za-z0-9_][A-Za-z0-9._-]*)\s*(?:\[(.*)\])?\s*(.*)\Z")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class Install(NamedTuple):
    manager: str
    name: str
    versions: VersionSet | None
    spec: str
    upgrade: bool
    anchor: Anchor
    stage: int
    order: tuple[int, int]
    source: str | None = None  # the requirements or environment file it came from
    raw: str = ""  # the word as written in the RUN
    span: Anchor | None = None  # the exact position of that word, when it can be edited
    step: Step | None = None  # the RUN
    # where it is installed when not into the image's default environment: a conda env or prefix, a venv,
    # `~/.local` for `pip --user`; the programs land in `<prefix>/bin`
    prefix: str | None = None


class Unknown(NamedTuple):
    anchor: Anchor
    reason: str


class Invalid(NamedTuple):
    anchor: Anchor
    message: str  # what is wrong
    fix: Fix | None = None
    help: str | None = None  # how to fix it


class InstallReport:
    def __init__(
        self,
        installs: list[Install] | None = None,
        unknown: list[Unknown] | None = None,
        invalid: list[Invalid] | None = None,
    ) -> None:
        self.installs = list() if installs is None else installs
        self.unknown = list() if unknown is None else unknown
        self.invalid = list() if invalid is None else invalid


# --------------------------------------------------------------------------- RUN -> commands


def _word_anchor(cmd: Command, word: Word) -> Anchor:
    line, col = cmd.position(word.start)
    end_line, end_col = cmd.position(max(word.start, word.end - 1))
    return line, col, end_line, end_col + 1


def instruction_anchor(ins: Instruction, anchor: Anchor) -> Anchor:
    """A finding about an instruction starts on its first line: a token on a later line keeps its end,
    and the range starts at the instruction's keyword."""
    if anchor[0] == ins.start_line:
        return anchor
    line, col = ins.position(ins.keyword_span[0])
    return line, col, anchor[2], anchor[3]


def _heredoc_locator(ins: Instruction, doc) -> Callable[[int], tuple[int, int]]:
    starts = [0]
    for i, ch in enumerate(doc.content):
        if ch == "\n":
            starts.append(i + 1)

    def locate(off: int) -> tuple[int, int]:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= off:
                lo = mid
            else:
                hi = mid - 1
        return doc.start_line + lo, off - starts[lo] + 1

    return locate


_HEREDOC_WORD = re.compile(r"\d*<<-?\S+\Z")


def run_commands(ins: Instruction, env, locate_base: Callable[[int], tuple[int, int]] | None = None) -> list[Command]:
    """Simple commands a RUN (or shell-form CMD) executes: shell form, exec form and heredoc scripts."""
    if ins.json:
        argv = list(ins.value)
        if (
            len(argv) >= 3
            and argv[0].rsplit("/", 1)[-1] in _SHELLS
            and any(a.startswith("-") and "c" in a and not a.startswith("--") for a in argv[1:-1])
        ):
            idx = next(k for k in range(1, len(argv)) if argv[k].startswith("-") and "c" in argv[k])
            if idx + 1 < len(argv):
                return commands(argv[idx + 1], env, lambda off: (ins.start_line, ins.keyword_span[1] + 2))
        start = (ins.start_line, ins.keyword_span[1] + 2)
        words = [Word(a, a, 0, 0, False) for a in argv]
        return [Command(words, [], "", lambda off: start)]
    locate = locate_base or (lambda off: ins.position(ins.args_offset + off))
    out = commands(ins.args, env, locate)
    if ins.heredocs:
        words = ins.args.split()
        script_heredoc = all(_HEREDOC_WORD.match(w) for w in words) or (
            words
            and words[0].rsplit("/", 1)[-1] in _SHELLS
            and all(w.startswith("-") or _HEREDOC_WORD.match(w) for w in words[1:])
        )
        if script_heredoc:
            for doc in ins.heredocs:
                body_env = env if doc.expand else {}
                out.extend(commands(doc.content, body_env, _heredoc_locator(ins, doc)))
    return out


# --------------------------------------------------------------------------- analysis

_INSTALLISH = re.compile(
    r"install|setup|conda|mamba|pip|requirements|environment|postBuild|bootstrap|packages", re.IGNORECASE
)
_OS_INSTALLER = re.compile(r"apt|apk|yum|dnf|zypper|brew|cran|\.r\Z|rstudio|julia|node|npm", re.IGNORECASE)
_INSTALL_HINT = re.compile(r"pip|conda|mamba|\buv\b|poetry|\bpdm\b|pixi|setup\.py|install|\.sh\b|postBuild|\./")


def _might_install(ins: Instruction) -> bool:
    """A cheap test before reading a RUN as shell: could it run an installer at all?"""
    if _INSTALL_HINT.search(ins.args if not ins.json else " ".join(ins.value)):
        return True
    return any(_INSTALL_HINT.search(doc.content) for doc in ins.heredocs)


class _Analyzer:
    def __init__(self, stages: Sequence[Stage], esc: str, context_dir: str | None) -> None:
        self.report = InstallReport()
        self.esc = esc
        self.context_dir = context_dir
        self.stages = stages
        self.depth = 0

    def run(self) -> InstallReport:
        for stage in self.stages:
            steps = stage.steps
            cwds = workdirs(steps, self.esc)
            for idx, step in enumerate(steps):
                if step.instruction.keyword != "RUN" or not _might_install(step.instruction):
                    continue
                self.ins = step.instruction
                self.step = step
                for cmd in run_commands(step.instruction, step.env):
                    self.command(cmd, stage, steps, idx, cwds, step)
        return self.report

    # ---- dispatch
    def command(self, cmd: Command, stage: Stage, steps, idx, cwds, step: Step) -> None:
        words = strip_prefix(cmd)
        if not words:
            return
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
        if head in _SHELLS and rest and not sub.startswith("-"):
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
        ):
            # installs from a project or lock file hublint does not read: anything may be installed
            self._unknown(cmd, words[0], f"`{head} {sub}` installs from a project or lock file")
        elif _PIP.match(head):
            self.pip(cmd, rest, stage, steps, idx, cwds, step)
        elif head == "uv" and sub == "pip":
            self.pip(cmd, rest[1:], stage, steps, idx, cwds, step)
        elif head in _CONDA:
            self.conda(cmd, rest, stage, steps, idx, cwds, step)

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

    # ---- helpers
    def _anchor(self, cmd: Command, word: Word) -> Anchor:
        return instruction_anchor(self.ins, _word_anchor(cmd, word))

    def _file(self, path: str, steps, idx, cwds) -> tuple[str | None, str | None]:
        full = locate_in_context(path, steps, idx, cwds, self.esc, self.context_dir)
        return full, read_context_file(full)

    def _unknown(self, cmd: Command, word: Word | None, reason: str) -> None:
        anchor = self._anchor(cmd, word) if word is not None else self._anchor(cmd, cmd.words[0])
        self.report.unknown.append(Unknown(anchor, reason))

    # ---- pip
    def pip(self, cmd: Command, words: list[Word], stage, steps, idx, cwds, step) -> None:
        k = 0
        while k < len(words) and words[k].value.startswith("-"):
            k += (
                2
                if words[k].value
                in (
                    "--log",
                    "--proxy",
                    "--retries",
                    "--timeout",
                    "--exists-action",
                    "--trusted-host",
                    "--cert",
                    "--client-cert",
                    "--cache-dir",
                    "--python",
                )
                else 1
            )
        if k >= len(words) or words[k].value != "install":
            return
        args = words[k + 1 :]
        upgrade = False
        specs: list[Word] = []
        req_files: list[Word] = []
        constraint_files: list[Word] = []
        i = 0
        only_positional = False
        while i < len(args):
            w = args[i]
            v = w.value
            if only_positional or not v.startswith("-") or v == "-":
                specs.append(w)
                i += 1
                continue
            if v == "--":
                only_positional = True
                i += 1
                continue
            name, eq, inline = v.partition("=")
            if v.startswith("--"):
                if name in ("--upgrade",):
                    upgrade = True
                if name == "--user":
                    self.prefix = "~/.local"
                if name == "--system":
                    self.prefix = None
                if name in _PIP_VALUE_OPTS:
                    value_word, i = _option_value(w, inline if eq else None, args, i)
                    self._pip_value(name, value_word, cmd, req_files, constraint_files)
                    if name in ("--prefix", "--target") and value_word is not None:
                        self.prefix = value_word.value.rstrip("/") or None
                    elif name == "--python" and value_word is not None and "/bin/" in value_word.value:
                        self.prefix = value_word.value.rsplit("/bin/", 1)[0] or None
                i += 1
                continue
            # short options, possibly clustered: -U, -q, -r file, -Ur file, -rfile
            cluster = v[1:]
            j = 0
            while j < len(cluster):
                ch = cluster[j]
                if ch == "U":
                    upgrade = True
                if ch in _PIP_SHORT_VALUE:
                    value_word, i = _option_value(w, cluster[j + 1 :] or None, args, i)
                    self._pip_value(f"-{ch}", value_word, cmd, req_files, constraint_files)
                    break
                j += 1
            i += 1
        constraints_unknown = False
        constraints: dict[str, str] = {}
        for cw in constraint_files:
            _, text = self._file(cw.value, steps, idx, cwds)
            if text is None:
                constraints_unknown = True
                continue
            for line in _requirement_lines(text):
                req = _parse_pep508(line)
                if req is not None:
                    constraints[normalise(req.name)] = str(req.specifier)
        redirected = _glued_redirects(cmd)
        for w in specs:
            self._pip_spec(cmd, w, stage, steps, idx, upgrade, constraints, constraints_unknown, redirected.get(id(w)))
        for rw in req_files:
            self._requirements(cmd, rw, stage, steps, idx, cwds, upgrade, constraints_unknown, depth=0)

    def _pip_value(self, name, word, cmd, req_files, constraint_files) -> None:
        if word is None:
            return
        if name in ("-r", "--requirement"):
            req_files.append(word)
        elif name in ("-c", "--constraint", "--override", "--build-constraint", "-b"):
            constraint_files.append(word)
        elif name in ("-e", "--editable"):
            self._unknown(cmd, word, f"editable install of `{word.value}`")

    def _order(self, stage, idx) -> tuple[int, int]:
        return (stage.index, idx)

    def _pip_spec(self, cmd, w: Word, stage, steps, idx, upgrade, constraints, constraints_unknown, redirect) -> None:
        raw, value = w.raw, w.value
        anchor = self._anchor(cmd, w)
        if "$(" in raw or "`" in raw:
            self.report.unknown.append(Unknown(anchor, f"`{raw}` comes from a command substitution"))
            return
        if UNKNOWN in value:
            m = _NAME.match(value)
            if m and m.end() < len(value) and value[m.end()] in "=<>!~[;@ " and UNKNOWN not in m.group(0):
                self._add("pip", m.group(0), None, value, upgrade, anchor, stage, idx, cmd=cmd, word=w)
            else:
                self.report.unknown.append(Unknown(anchor, f"`{raw}` has an unresolved variable"))
            return
        if (
            "://" in value
            or value.startswith((".", "/", "~"))
            or value.endswith((".whl", ".tar.gz", ".zip"))
            or ("/" in value and "@" not in value)
        ):
            self.report.unknown.append(Unknown(anchor, f"`{value}` is a path or URL"))
            return
        if redirect is not None:
            self._redirected_spec(cmd, w, value, redirect, "pip")
        m = _PIP_SINGLE_EQ.match(value)
        if m:
            fix = None
            single = _SINGLE_EQ_IN_RAW.search(raw)
            if cmd.exact and single:
                start = _word_anchor(cmd, w)
                fixed = raw[: single.start()] + "==" + raw[single.end() :]
                fix = Fix(
                    f"write `{m.group(1)}=={m.group(2)}`",
                    "safe",
                    (Edit(start[0], start[1], start[2], start[3], fixed),),
                )
            self.report.invalid.append(
                Invalid(
                    anchor,
                    f"`{value}` is not a valid pip requirement: pip has no `=` operator (conda has)",
                    fix,
                    f"write `{m.group(1)}=={m.group(2)}`",
                )
            )
            value = f"{m.group(1)}=={m.group(2)}"
        req = _requirement(value)
        if isinstance(req, str):
            self.report.invalid.append(
                Invalid(anchor, f"`{value}` is not a valid pip requirement (PEP 508)", None, f"pip says: {req}")
            )
            return
        name = normalise(req.name)
        if req.url:
            self._add("pip", name, None, value, upgrade, anchor, stage, idx, cmd=cmd, word=w)
            return
        if constraints_unknown:
            versions = None
        else:
            spec = req.specifier
            if constraints.get(name):
                from .pep440 import specifier_set

                spec = specifier_set(",".join(x for x in (str(spec), constraints[name]) if x))
            versions = _pip_versions(str(spec))
        self._add("pip", name, versions, value, upgrade, anchor, stage, idx, cmd=cmd, word=w)

    def _redirected_spec(self, cmd: Command, w: Word, value: str, redirect, installer: str) -> None:
        """HUB206: ``pip install jupyterhub>=4`` — the shell takes ``>=4`` as a redirection."""
        anchor = self._anchor(cmd, w)
        target = redirect.target.value if redirect.target else ""
        written = f"{value}{redirect.op}{target}"
        fix = None
        if cmd.exact and redirect.target is not None and not redirect.target.quoted and "'" not in written:
            start = _word_anchor(cmd, w)
            end = _word_anchor(cmd, redirect.target)
            fix = Fix(f"quote `{written}`", "safe", (Edit(start[0], start[1], end[2], end[3], f"'{written}'"),))
        if redirect.target is not None:
            end = _word_anchor(cmd, redirect.target)
            anchor = (*anchor[:2], end[2], end[3])  # the spec and what the shell took from it
        self.report.invalid.append(
            Invalid(
                anchor,
                (
                    f"`{written}` is not quoted: the shell takes `{redirect.op}{target}` as a redirection, "
                    f"so {installer} installs `{value}` of any version"
                ),
                fix,
                f"quote it: `'{written}'`",
            )
        )

    def _requirements(
        self, cmd, word: Word, stage, steps, idx, cwds, upgrade, constraints_unknown, depth, path: str | None = None
    ) -> None:
        from .pep440 import specifier_set as SpecifierSet

        path = path or word.value
        _full, text = self._file(path, steps, idx, cwds)
        anchor = self._anchor(cmd, word)
        if text is None:
            self.report.unknown.append(
                Unknown(anchor, f"requirements file `{path}` cannot be read from the build context")
            )
            return
        for line in _requirement_lines(text):
            if line.startswith(("-r ", "--requirement ", "-r", "--requirement=")) and depth < 5:
                nested = re.sub(r"^(?:-r|--requirement)[= ]?\s*", "", line)
                nested_path = posixpath.join(posixpath.dirname(path), nested) if not nested.startswith("/") else nested
                self._requirements(
                    cmd, word, stage, steps, idx, cwds, upgrade, constraints_unknown, depth + 1, nested_path
                )
                continue
            if line.startswith(("-e", "--editable")) or ("://" in line.split(";")[0] and "@" not in line):
                self.report.unknown.append(Unknown(anchor, f"`{line}` in `{path}`"))
                continue
            if line.startswith("-"):
                continue
            if "${" in line:
                req_name = _NAME.match(line)
                if req_name:
                    self._add("pip", req_name.group(0), None, line, upgrade, anchor, stage, idx, source=path)
                else:
                    self.report.unknown.append(Unknown(anchor, f"`{line}` in `{path}`"))
                continue
            req = _parse_pep508(line)
            if req is None:
                continue
            versions = (
                None if constraints_unknown else pip_version_set(SpecifierSet(str(req.specifier)), str(req.specifier))
            )
            self._add("pip", req.name, versions, line, upgrade, anchor, stage, idx, source=path)

    def _add(
        self, manager, name, versions, spec, upgrade, anchor, stage, idx, source=None, cmd=None, word=None
    ) -> None:
        span = _word_anchor(cmd, word) if cmd is not None and word is not None and cmd.exact and not source else None
        self.report.installs.append(
            Install(
                manager,
                normalise(name),
                versions,
                spec,
                upgrade,
                anchor,
                stage.index,
                (stage.index, idx),
                source,
                word.raw if word is not None else "",
                span,
                self.step,
                getattr(self, "prefix", None),
            )
        )

    # ---- conda
    def conda(self, cmd: Command, words: list[Word], stage, steps, idx, cwds, step) -> None:
        self.named = False
        k = 0
        while k < len(words) and words[k].value.startswith("-"):
            k += 1
        if k >= len(words):
            return
        sub = words[k].value
        env_mode = False
        if sub == "env" and k + 1 < len(words) and words[k + 1].value in ("update", "create"):
            env_mode = True
            k += 1
        elif sub not in ("install", "create", "update"):
            return
        args = words[k + 1 :]
        redirected = _glued_redirects(cmd)
        files: list[Word] = []
        specs: list[Word] = []
        i = 0
        while i < len(args):
            w = args[i]
            v = w.value
            if v.startswith("-") and v != "-":
                name, eq, inline = v.partition("=")
                if name in _CONDA_VALUE_OPTS:
                    value_word, i = _option_value(w, inline if eq else None, args, i)
                    if name in ("--file", "-f") and value_word is not None:
                        files.append(value_word)
                    elif name in ("-n", "--name") and value_word is not None:
                        self.named = True
                        env = value_word.value
                        root = step.env.get("CONDA_DIR") or step.env.get("MAMBA_ROOT_PREFIX") or "/opt/conda"
                        self.prefix = (
                            None
                            if env == "base"
                            else f"{root}/envs/{env}"
                            if is_known(root) and is_known(env)
                            else UNKNOWN
                        )
                    elif name in ("-p", "--prefix") and value_word is not None:
                        self.named = True
                        self.prefix = value_word.value.rstrip("/") or None
                i += 1
                continue
            specs.append(w)
            i += 1
        if env_mode and not files and not specs:
            files.append(Word("environment.yml", "environment.yml", words[k].start, words[k].end, False))
        for w in specs:
            redirect = redirected.get(id(w))
            if redirect is not None:
                self._redirected_spec(cmd, w, w.value, redirect, "conda")
            self._conda_spec(cmd, w, w.value, stage, idx, upgrade=sub == "update")
        for fw in files:
            self._conda_file(cmd, fw, stage, steps, idx, cwds, env_mode)

    def _conda_spec(self, cmd, w: Word, value: str, stage, idx, anchor=None, source=None, upgrade=False) -> None:
        """One conda spec; ``upgrade`` for ``conda update`` (which updates what the image has, or fails)."""
        anchor = anchor or self._anchor(cmd, w)
        if "$(" in w.raw or "`" in w.raw:
            self.report.unknown.append(Unknown(anchor, f"`{w.raw}` comes from a command substitution"))
            return
        if UNKNOWN in value:
            m = _NAME.match(value)
            if m and UNKNOWN not in m.group(0) and m.end() < len(value) and value[m.end()] in "=<>! [":
                self._add("conda", m.group(0), None, value, upgrade, anchor, stage, idx, source, cmd=cmd, word=w)
            else:
                self.report.unknown.append(Unknown(anchor, f"`{w.raw}` has an unresolved variable"))
            return
        if "://" in value or value.startswith((".", "/")) or value.endswith((".tar.bz2", ".conda")):
            self.report.unknown.append(Unknown(anchor, f"`{value}` is a path or URL"))
            return
        m = _CONDA_SPEC.match(value.strip())
        if not m:
            return
        name, bracket, version = m.group(1), m.group(2), m.group(3)
        if bracket:
            bm = re.search(r"version\s*=\s*['\"]?([^'\",\]]+(?:,[^'\",\]]+)*)", bracket)
            version = bm.group(1) if bm else version
        if version.startswith("=") and not version.startswith("=="):
            version = "=" + version[1:].split("=", 1)[0]
        elif " " in version.strip():
            version = version.split()[0]
        versions = _conda_versions(version)
        self._add("conda", name, versions, value, upgrade, anchor, stage, idx, source, cmd=cmd, word=w)

    def _conda_file(self, cmd, fw: Word, stage, steps, idx, cwds, env_mode) -> None:
        _full, text = self._file(fw.value, steps, idx, cwds)
        anchor = self._anchor(cmd, fw)
        if text is None:
            self.report.unknown.append(Unknown(anchor, f"`{fw.value}` cannot be read from the build context"))
            return
        if fw.value.endswith((".yml", ".yaml")) or env_mode:
            self._environment_yml(cmd, fw, text, stage, steps, idx, cwds, anchor)
            return
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("@"):
                continue
            if "://" in line:
                self.report.unknown.append(Unknown(anchor, f"explicit package URL in `{fw.value}`"))
                return
            self._conda_spec(cmd, Word(line, line, 0, 0, False), line, stage, idx, anchor, fw.value)

    def _environment_yml(self, cmd, fw, text, stage, steps, idx, cwds, anchor) -> None:
        try:
            import yaml
        except ImportError:  # pragma: no cover - PyYAML is a dependency
            self.report.unknown.append(Unknown(anchor, "PyYAML is not installed"))
            return
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            self.report.unknown.append(Unknown(anchor, f"`{fw.value}` is not valid YAML"))
            return
        deps = data.get("dependencies") if isinstance(data, dict) else None
        if not isinstance(deps, list):
            return
        env = data.get("name")
        if not getattr(self, "named", False) and isinstance(env, str) and env != "base":
            # `conda env create -f environment.yml` (and `env update` without -n) use the file's `name:`
            root = self.step.env.get("CONDA_DIR") or self.step.env.get("MAMBA_ROOT_PREFIX") or "/opt/conda"
            self.prefix = f"{root}/envs/{env}" if is_known(root) else UNKNOWN
        from .pep440 import specifier_set as SpecifierSet

        for dep in deps:
            if isinstance(dep, str):
                self._conda_spec(cmd, Word(dep, dep, 0, 0, False), dep, stage, idx, anchor, fw.value)
            elif isinstance(dep, dict) and isinstance(dep.get("pip"), list):
                for item in dep["pip"]:
                    if not isinstance(item, str):
                        continue
                    if item.startswith("-r"):
                        nested = item[2:].strip()
                        base = posixpath.dirname(fw.value)
                        self._requirements(
                            cmd, fw, stage, steps, idx, cwds, False, False, 1, posixpath.join(base, nested)
                        )
                        continue
                    if item.startswith("-") or ("://" in item and "@" not in item):
                        if not item.startswith("--"):
                            self.report.unknown.append(Unknown(anchor, f"`{item}` in `{fw.value}`"))
                        continue
                    req = _parse_pep508(item)
                    if req is not None:
                        self._add(
                            "pip",
                            req.name,
                            pip_version_set(SpecifierSet(str(req.specifier)), str(req.specifier)),
                            item,
                            False,
                            anchor,
                            stage,
                            idx,
                            fw.value,
                        )


_SIMPLE_REQUIREMENT = re.compile(
    r"([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)[ \t]*(?:\[([A-Za-z0-9._,\t -]*)\])?[ \t]*"
    r"((?:(?:===|~=|==|!=|<=|>=|<|>)[ \t]*[A-Za-z0-9.*+!_-]+[ \t]*,?[ \t]*)*)\Z"
)


class _SimpleRequirement(namedtuple("_SimpleRequirement", "name extras specifier url marker")):
    """``name[extras]specs`` without URL or markers: the common case, read without packaging.requirements."""

    __slots__ = ()


@lru_cache(maxsize=2048)
def _requirement(value: str):
    """A parsed PEP 508 requirement, or the parser's complaint (first line) when it is not one.

    Simple specs take a fast path (:mod:`.pep440`, `packaging.specifiers` for unusual clauses); anything
    else (markers, URLs, errors) goes through ``packaging.requirements``, which is the authority."""
    m = _SIMPLE_REQUIREMENT.match(value)
    if m:
        from .pep440 import specifier_set

        try:
            spec = specifier_set(m.group(3).strip().rstrip(","))
        except ValueError:
            pass
        else:
            extras = frozenset(x.strip() for x in (m.group(2) or "").split(",") if x.strip())
            return _SimpleRequirement(m.group(1), extras, spec, None, None)
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        return Requirement(value)
    except InvalidRequirement as exc:
        return str(exc).splitlines()[0]


@lru_cache(maxsize=2048)
def _conda_versions(spec: str) -> VersionSet | None:
    return conda_version_set(spec)


@lru_cache(maxsize=2048)
def _pip_versions(spec: str) -> VersionSet:
    from .pep440 import specifier_set

    return pip_version_set(specifier_set(spec), spec)


def _glued_redirects(cmd: Command) -> dict[int, object]:
    """Redirections glued to the word before them (``spec>=4``), by that word's id."""
    return {
        id(r.after): r
        for r in cmd.redirects
        if r.glued and r.after is not None and r.op.lstrip("0123456789") in (">", "<", ">>", "<<", ">|")
    }


def _option_value(w: Word, inline: str | None, args: list[Word], i: int) -> tuple[Word | None, int]:
    """An option's value: in the same word (``--opt=x``, ``-rfile``) or the next one; returns (value, index)."""
    if inline is not None:
        return Word(w.raw, inline, w.start, w.end, w.quoted), i
    if i + 1 < len(args):
        return args[i + 1], i + 1
    return None, i


def _requirement_lines(text: str) -> Iterator[str]:
    buf = ""
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.endswith("\\"):
            buf += line[:-1]
            continue
        line = buf + line
        buf = ""
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if line:
            yield line


def _parse_pep508(line: str):
    req = _requirement(line.split(" --", 1)[0].strip())
    return None if isinstance(req, str) else req


def analyze_installs(stages: Sequence[Stage], esc: str, context_dir: str | None) -> InstallReport:
    return _Analyzer(sorted(stages, key=lambda s: s.index), esc, context_dir).run()
