"""Package installs in RUN instructions: pip/uv/conda/mamba/micromamba, specs, -r/-c files, environment.yml.

Shell form, exec form and heredoc bodies alike.  Requirement and environment files are read from
the build context by following the COPY/ADD that put them in the image; a file that cannot be
read makes the install *unknown*.  An install whose version comes from an unresolved variable is
kept, but its version is not judged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from ..dockerfile.model import Stage, Step
from ..dockerfile.shell import SHELLS, Command, Word, commands
from ..dockerfile.syntax import Instruction
from ..edits import Fix
from ..lazy import pattern
from ..records import NamedTuple
from .contextfiles import Reader, locate_in_context, read_context_file
from .pep440 import specifier_set
from .versions import VersionSet

__all__ = ["InstallReader", "Install", "Unknown", "Invalid", "InstallReport", "run_commands", "normalise"]


Anchor = tuple[int, int, int, int]


_PIP = pattern(r"pip(?:\d+(?:\.\d+)?)?\Z")


_PYTHON = pattern(r"python(?:\d+(?:\.\d+)?)?\Z")


_CONDA = {"conda", "mamba", "micromamba"}


# installers whose packages come from project or lock files (command -> sub-commands that install)
_LOCK_INSTALLERS = {
    "poetry": {"install", "add", "update", "sync"},
    "pipenv": {"install", "sync", "update"},
    "pdm": {"install", "sync", "add", "update"},
    "uv": {"sync", "add"},
    "rye": {"sync", "add", "install"},
    "pixi": {"install", "add"},
    "conda-lock": {"install"},
}


_NAME = pattern(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def normalise(name: str) -> str:
    if name.isascii() and name.isalnum() and name.islower():
        return name  # the common case, already normal
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
    content = doc.content
    starts = [0]
    at = content.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = content.find("\n", at + 1)

    def locate(off: int) -> tuple[int, int]:
        lo = max(bisect_right(starts, off) - 1, 0)  # the line holding ``off``
        return doc.start_line + lo, off - starts[lo] + 1

    return locate


_HEREDOC_WORD = pattern(r"\d*<<-?\S+\Z")


def run_commands(ins: Instruction, env, locate_base: Callable[[int], tuple[int, int]] | None = None) -> list[Command]:
    """Simple commands a RUN (or shell-form CMD) executes: shell form, exec form and heredoc scripts."""
    if ins.json:
        argv = list(ins.value)
        if (
            len(argv) >= 3
            and argv[0].rsplit("/", 1)[-1] in SHELLS
            and any(a.startswith("-") and "c" in a and not a.startswith("--") for a in argv[1:-1])
        ):
            idx = next(k for k in range(1, len(argv)) if argv[k].startswith("-") and "c" in argv[k])
            if idx + 1 < len(argv):
                return commands(argv[idx + 1], env, lambda off: (ins.start_line, ins.keyword_span[1] + 2))
        start = (ins.start_line, ins.keyword_span[1] + 2)
        words = [Word(a, a, 0, 0, False) for a in argv]
        return [Command(words, [], "", lambda off: start)]
    locate = locate_base or ins.locator(ins.args_offset)
    out = commands(ins.args, env, locate)
    if ins.heredocs:
        words = ins.args.split()
        script_heredoc = all(_HEREDOC_WORD.match(w) for w in words) or (
            words
            and words[0].rsplit("/", 1)[-1] in SHELLS
            and all(w.startswith("-") or _HEREDOC_WORD.match(w) for w in words[1:])
        )
        if script_heredoc:
            for doc in ins.heredocs:
                body_env = env if doc.expand else {}
                out.extend(commands(doc.content, body_env, _heredoc_locator(ins, doc)))
    return out


_INSTALLISH = pattern(
    r"install|setup|conda|mamba|pip|requirements|environment|postBuild|bootstrap|packages", re.IGNORECASE
)


_OS_INSTALLER = pattern(r"apt|apk|yum|dnf|zypper|brew|cran|\.r\Z|rstudio|julia|node|npm", re.IGNORECASE)


_INSTALL_HINT = pattern(
    r"pip|conda|mamba|\buv\b|\brye\b|\bhatch\b|poetry|\bpdm\b|pixi|setup\.py|install|\.sh\b|postBuild|\./"
)


def _might_install(ins: Instruction) -> bool:
    """A cheap test before reading a RUN as shell: could it run an installer at all?"""
    if _INSTALL_HINT.search(ins.args if not ins.json else " ".join(ins.value)):
        return True
    return any(_INSTALL_HINT.search(doc.content) for doc in ins.heredocs)


_SIMPLE_REQUIREMENT = pattern(
    r"([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)[ \t]*(?:\[([A-Za-z0-9._,\t -]*)\])?[ \t]*"
    r"((?:(?:===|~=|==|!=|<=|>=|<|>)[ \t]*[A-Za-z0-9.*+!_-]+[ \t]*,?[ \t]*)*)\Z"
)


class _SimpleRequirement(NamedTuple):
    """``name[extras]specs`` without URL or markers: the common case, read without packaging.requirements."""

    name: str
    extras: frozenset[str]
    specifier: object  # a SpecifierSet-like value (hublint.image.pep440)
    url: None
    marker: None


def _requirement(value: str):
    """A parsed PEP 508 requirement, or the parser's complaint (first line) when it is not one.

    Simple specs take a fast path (:mod:`.pep440`, `packaging.specifiers` for unusual clauses); anything
    else (markers, URLs, errors) goes through ``packaging.requirements``, which is the authority."""
    m = _SIMPLE_REQUIREMENT.match(value)
    if m:
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


def _parse_pep508(line: str):
    req = _requirement(line.split(" --", 1)[0].strip())
    return None if isinstance(req, str) else req


class InstallReader:
    ins: Instruction  # the RUN being read (set for each RUN before its commands are read)
    step: Step
    """What the pip and conda readers share: the report being filled, the build context, where a finding
    points, the files COPY/ADD put in the image."""

    def __init__(
        self, stages: Sequence[Stage], esc: str, context_dir: str | None, read: Reader = read_context_file
    ) -> None:
        self.read = read
        self.report = InstallReport()
        self.esc = esc
        self.context_dir = context_dir
        self.stages = stages
        self.depth = 0
        self.prefix: str | None = None  # where the command being read installs (None: the default environment)
        # the last word placed, and where the RUN being read starts: a spec's anchor and its span (both
        # wanted for each install) are found once, not once each, and the RUN's start once per RUN
        self._placed: tuple[Command, Word, Anchor] | None = None
        self._started: tuple[Instruction, tuple[int, int]] | None = None

    # ---- helpers
    def _span(self, cmd: Command, word: Word) -> Anchor:
        """``_word_anchor(cmd, word)``."""
        placed = self._placed
        if placed is None or placed[0] is not cmd or placed[1] is not word:
            placed = self._placed = (cmd, word, _word_anchor(cmd, word))
        return placed[2]

    def _anchor(self, cmd: Command, word: Word) -> Anchor:
        """``instruction_anchor(self.ins, _word_anchor(cmd, word))``."""
        anchor, ins = self._span(cmd, word), self.ins
        if anchor[0] == ins.start_line:
            return anchor
        started = self._started
        if started is None or started[0] is not ins:
            started = self._started = (ins, ins.position(ins.keyword_span[0]))
        return started[1][0], started[1][1], anchor[2], anchor[3]

    def _file(self, path: str, steps, idx, cwds) -> tuple[str | None, str | None]:
        full = locate_in_context(path, steps, idx, cwds, self.esc, self.context_dir)
        return full, self.read(full)

    def _unknown(self, cmd: Command, word: Word | None, reason: str) -> None:
        anchor = self._anchor(cmd, word) if word is not None else self._anchor(cmd, cmd.words[0])
        self.report.unknown.append(Unknown(anchor, reason))

    def _add(
        self, manager, name, versions, spec, upgrade, anchor, stage, idx, source=None, cmd=None, word=None
    ) -> None:
        span = self._span(cmd, word) if cmd is not None and word is not None and cmd.exact and not source else None
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
