"""Build commands of Makefiles and shell scripts (and of CI scripts, through :class:`Shell`), read statically.

Only read, never run.  A Makefile's variables (``=``, ``:=``, ``::=``, ``?=``, ``+=``; ``!=`` is computed;
target-specific ones; ``include``d files, ``.env``-style ones too) are expanded in its recipes, each recipe
line a shell of its own; a shell script's variables are assigned in order (``${V:-default}`` gives the
default; a variable assigned differently in two branches is computed).  A command runs in its folder — the
script's, changed by ``cd DIR`` (``$(dirname "$0")`` is the script's folder) before it on the same line, and
in a script on the lines before; continuation lines are one command.  Each builder's command is read by
:mod:`.buildcli`.  Commented-out commands count too: they still say which name a Dockerfile is built as.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from ..lazy import pattern
from .buildcli import BakeCall, CliBuild, Retag, read_builder, read_retag, strip_prefix
from .builddefs import MAX_BUILDS, BakeRun, BuildDef, NamedContext, apply_retags, repo2docker_source, resolve_path
from .dotenv import Str, dot_env
from .imagenames import COMPUTED
from .names import is_build_script_name
from .shellwords import SUBSHELL_CLOSE, SUBSHELL_OPEN, UNASSIGNED, Var, Word, lex, make_expand, unassigned

__all__ = ["BuildDef", "Shell", "read_build_commands", "is_build_script_name", "logical_lines"]

_ASSIGN = pattern(r"^([A-Za-z_][A-Za-z0-9_]*)=")
_MAKE_VAR = pattern(r"^(?:(?:export|override|private)\s+)*([A-Za-z0-9_.\-]+)\s*(::?=|:::=|\?=|\+=|!=|=)\s*(.*?)\s*$")
_TARGET_VAR = pattern(
    r"^[^:=#\s][^:=#]*:\s*(?:(?:export|override|private)\s+)*([A-Za-z_][A-Za-z0-9_]*)\s*(\?=|:=|\+=|=)(.*)$"
)
_HEREDOC = pattern(r"<<-?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)")
_OPENERS = frozenset(("if", "case", "for", "while", "until", "select", "{"))
_PREFIXES = frozenset(("if", "while", "until", "{", "then", "else", "elif", "do", "!"))
_CLOSERS = frozenset(("fi", "esac", "done", "}"))
MAX_INCLUDES = 16


def logical_lines(text: str):
    """(first line number, text) of each line, continuation lines joined."""
    buf, start = "", 0
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.rstrip("\r")
        if not buf:
            start = number
        if stripped.endswith("\\") and not stripped.endswith("\\\\"):
            buf += stripped[:-1] + " "
            continue
        yield start, buf + stripped
        buf = ""
    if buf:
        yield start, buf


_EACH_FOLDER = 64  # folders a build with one computed folder is read for


class Shell:
    """A shell reading lines: its variables, folder (None: unknown) and control-flow depth, and what it
    builds.  ``root``: the repository root (``$CI_PROJECT_DIR``, ``${{ github.workspace }}``)."""

    def __init__(self, path: str, cwd: str | None, variables: dict[str, Var] | None = None, exists=None) -> None:
        self.path = path
        self.cwd = cwd
        self.variables: dict[str, Var] = dict(variables or {})
        self.exists: Callable[[str], bool] = exists or os.path.isfile
        self.depth = 0
        self.stack: list[str | None] = []
        self.builds: list[BuildDef] = []
        self.bakes: list[BakeRun] = []
        self.retags: list[Retag] = []  # `docker tag`, `imagetools create -t`: more tags for what it built
        self.script_dir = os.path.dirname(path)
        self.kaniko_root: str | None = None  # GitLab CI: kaniko's relative paths are the project's
        self.computed: tuple[str, ...] = ()  # prefixes of the CI's own variables (CI_, GITHUB_): computed

    def lookup(self, name: str) -> Var | None:
        found = self.variables.get(name)
        if found is None and self.computed and name.startswith(self.computed):
            return Var(COMPUTED, self.path, 1)
        return found

    def assign(self, name: str, value: str, line: int, refs: tuple[Var, ...] = ()) -> None:
        old = self.variables.get(name)
        if self.depth > 0 and old is not None and old.value != value:
            value = COMPUTED  # assigned differently on two paths
        origin = refs[0] if len(refs) == 1 and refs[0].value == value else None
        if origin is not None:
            self.variables[name] = origin._replace(via=(*origin.via, f"{self.path}:{line}"))
        else:
            self.variables[name] = Var(value, self.path, line)

    def copy(self) -> Shell:
        other = Shell(self.path, self.cwd, self.variables, self.exists)
        other.depth, other.script_dir, other.kaniko_root = self.depth, self.script_dir, self.kaniko_root
        other.computed = self.computed
        return other

    # ------------------------------------------------------------------ lines
    def run_line(self, text: str, line: int, make_refs: list[tuple[int, int, Var]] | None = None) -> None:
        """Read one logical line: its commands, in order."""
        for words in lex(text, self.lookup, self.script_dir):
            if make_refs:
                words = [_with_make_refs(w, make_refs) for w in words]
            # an unquoted expansion that is empty is no word (`$format` with format=""), as the shell splits it
            words = [w for w in words if w.text or "'" in w.raw or '"' in w.raw]
            if not words:
                continue
            self.command(words, line)
            if len(self.builds) >= MAX_BUILDS:
                return

    def command(self, words: list[Word], line: int) -> None:
        head = words[0].text
        if head == SUBSHELL_OPEN:
            self.stack.append(self.cwd)
            return
        if head == SUBSHELL_CLOSE:
            self.cwd = self.stack.pop() if self.stack else self.cwd
            return
        while words and words[0].text in _PREFIXES:  # `if docker build …`, `then docker build …`, `! cmd`
            self.depth += words[0].text in _OPENERS
            words = words[1:]
        if not words:
            return
        head = words[0].text
        if head in _OPENERS:  # for, select, case
            self.depth += 1
            if head in ("for", "select") and len(words) > 1:
                self.assign(words[1].text, COMPUTED, line)
            return
        if head in _CLOSERS:
            self.depth = max(0, self.depth - 1)
            return
        rest = strip_prefix(words)
        if not rest:
            self.assignments(words, line)
            return
        head = rest[0].text
        if head in ("export", "local", "readonly", "declare", "typeset"):
            self.assignments([w for w in rest[1:] if not w.text.startswith("-")], line)
        elif head in ("cd", "pushd", "popd"):
            self.change_folder(head, rest[1:])
        else:
            self.builder(rest, line)

    def assignments(self, words: list[Word], line: int) -> None:
        for w in words:
            m = _ASSIGN.match(w.raw)
            if m:
                self.assign(m.group(1), w.text.partition("=")[2], line, w.refs)

    def change_folder(self, head: str, args: list[Word]) -> None:
        target = next((w.text for w in args if not w.text.startswith("-") or w.text == "-"), None)
        if head == "popd":
            self.cwd = self.stack.pop() if self.stack else None
            return
        if head == "pushd":
            self.stack.append(self.cwd)
        if target is None or target == "-" or target.startswith("~"):
            self.cwd = None  # the home folder, the previous folder: not known here
        else:
            self.cwd = resolve_path(target, self.cwd)

    def builder(self, words: list[Word], line: int) -> None:
        found = read_builder(words)
        if isinstance(found, BakeCall):
            if self.cwd is not None:
                self.bakes.append(
                    BakeRun(self.path, line, "`docker buildx bake`", self.cwd, found.files, found.targets, found.sets)
                )
        elif found is not None:
            for each in self.each_folder(found):
                build = self.to_build(each, line)
                if build is not None:
                    self.builds.append(build)
        elif (retag := read_retag(words)) is not None and len(self.retags) < MAX_BUILDS:
            self.retags.append(retag)

    # ------------------------------------------------------------------ builds
    def each_folder(self, cli: CliBuild) -> list[CliBuild]:
        """A build whose context and ``-f`` name one computed folder (``--file "./${IMAGE}/Dockerfile" "./${IMAGE}"``,
        a parameter or a loop's value) builds each folder beside the script that holds that Dockerfile: one build
        per folder (at most :data:`_EACH_FOLDER`); any other build as it is."""
        marked = [p for p in (cli.context, cli.file) if p is not None and COMPUTED in p]
        if not marked or self.cwd is None or any(COMPUTED not in t.text for t in cli.tags):
            return [cli]  # a name written out is one image: not every folder's (`-t team/lab:1 "./$1"`)
        parts = [p.replace("\\", "/").split("/") for p in marked]
        if any(part.count(COMPUTED) != 1 or any(COMPUTED in w and w != COMPUTED for w in part) for part in parts):
            return [cli]
        if cli.file is not None and COMPUTED in cli.file and cli.file.replace("\\", "/").split("/")[-1] == COMPUTED:
            return [cli]  # a computed file name, not a folder: `-f singleuser/$(DOCKERFILE)`
        heads = {"/".join(part[: part.index(COMPUTED)]) for part in parts}
        base = resolve_path(heads.pop() or ".", self.cwd) if len(heads) == 1 else None
        if base is None or not (base == self.script_dir or base.startswith(self.script_dir + os.sep)):
            return [cli]  # only folders of the script's own folder are listed
        real = os.path.realpath(self.script_dir)
        if not (os.path.realpath(base) + os.sep).startswith(real + os.sep):
            return [cli]  # a link out of the script's folder: nothing outside the repository is listed
        try:
            names = sorted(os.listdir(base))
        except OSError:
            return [cli]
        out: list[CliBuild] = []
        for name in names:
            if len(out) >= _EACH_FOLDER:
                break
            if name.startswith(".") or os.path.islink(os.path.join(base, name)):
                continue  # `.devcontainer`, `.github`: not an image of the collection; a link may lead out
            if not os.path.isdir(os.path.join(base, name)):
                continue
            each = cli._replace(
                context=cli.context.replace(COMPUTED, name) if cli.context else cli.context,
                file=cli.file.replace(COMPUTED, name) if cli.file else cli.file,
            )
            wanted = each.file if each.file is not None else os.path.join(each.context or ".", cli.default_file)
            found = resolve_path(wanted, self.cwd)
            if found is not None and self.exists(found):
                out.append(each)
        return out or [cli]

    def to_build(self, cli: CliBuild, line: int) -> BuildDef | None:
        kaniko = cli.tool == "`/kaniko/executor`"
        cwd = self.kaniko_root if kaniko and self.kaniko_root else self.cwd
        context = resolve_path(cli.context if cli.context is not None else ".", cwd)
        if context is None or (kaniko and cli.context is None):
            return None
        if cli.tool == "`repo2docker`":
            dockerfile = repo2docker_source(context, self.exists)
        elif cli.file is not None:
            dockerfile = self.named_file(cli.file, cwd, context, kaniko)
        else:
            dockerfile = os.path.join(context, cli.default_file)
            if cli.default_file == "Containerfile" and not self.exists(dockerfile):
                dockerfile = os.path.join(context, "Dockerfile")
        if dockerfile is None:
            return None
        args = {}
        for w in cli.args:
            name, eq, value = w.text.partition("=")
            if name and COMPUTED not in name:
                known = self.lookup(name)
                if not eq:  # --build-arg NAME: the builder's environment
                    w = w._replace(refs=(known,) if known is not None else (*w.refs, UNASSIGNED))
                    value = known.value if known is not None else COMPUTED
                args[name] = _arg(value, w, self.path, line)
        return BuildDef(
            self.path,
            line,
            cli.tool,
            dockerfile,
            context,
            cli.target if cli.target and COMPUTED not in cli.target else None,
            tuple(t.text for t in cli.tags if t.text),
            args,
            _named_contexts(cli.contexts, cwd),
            "singleuser" if cli.tool == "`repo2docker`" else None,
        )

    def named_file(self, file: str, cwd: str | None, context: str, kaniko: bool) -> str | None:
        """``-f FILE``: from the working folder (kaniko: else from the context, as kaniko resolves it)."""
        found = resolve_path(file, cwd)
        if kaniko and (found is None or not self.exists(found)) and not os.path.isabs(file):
            return resolve_path(file, context)
        return found


def _arg(value: str, word: Word, path: str, line: int) -> Str:
    """A build argument's value, written where its one variable is assigned when it is that variable's value;
    None when it reads a variable nothing in the repository assigns (as for compose: the ARG default applies)."""
    if unassigned(word.refs):
        return Str(None, path, (line, 1, line, 1))
    refs = [v for v in word.refs if v.value and _unquoted(v.value) in value]
    if len(refs) == 1 and _unquoted(refs[0].value) == value:
        var = refs[0]
        return Str(value, var.path, (var.line, 1, var.line, 1), (*var.via, f"{path}:{line}"))
    return Str(value, path, (line, 1, line, 1))


def _unquoted(text: str) -> str:
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'" else text


def _named_contexts(values: tuple[str, ...], cwd: str | None) -> dict[str, NamedContext]:
    out = {}
    for text in values:
        name, _, value = text.partition("=")
        if not name or not value or COMPUTED in name:
            continue
        if value.startswith("docker-image://"):
            out[name] = NamedContext("image", value[len("docker-image://") :])
        elif "://" not in value:
            folder = resolve_path(value, cwd)
            if folder is not None:
                out[name] = NamedContext("folder", folder)
    return out


def _with_make_refs(word: Word, refs: list[tuple[int, int, Var]]) -> Word:
    end = word.at + len(word.raw)
    found = tuple(v for s, e, v in refs if s < end and e > word.at)
    return word._replace(refs=word.refs + found) if found else word


# ---------------------------------------------------------------------------------------------- Makefiles
class _MakeVars:
    """A Makefile's variables (and its includes'), as Make reads them before running a recipe."""

    def __init__(self, path: str, read_text) -> None:
        self.path = path
        self.read_text = read_text
        self.values: dict[str, Var] = {}
        self.files = 0

    def lookup(self, name: str) -> Var | None:
        return self.values.get(name)

    def read(self, path: str, text: str, depth: int = 0) -> list[tuple[int, str]]:
        """Read the assignments of a Makefile; its recipe and comment lines, for the commands."""
        recipes: list[tuple[int, str]] = []
        conditional, skipping = 0, False
        for number, line in logical_lines(text):
            if skipping:
                skipping = line.strip() != "endef"
                continue
            if line.startswith("\t") or line.lstrip().startswith("#"):
                recipes.append((number, line))
                continue
            stripped = line.strip()
            word = stripped.split(None, 1)[0] if stripped else ""
            if word in ("ifeq", "ifneq", "ifdef", "ifndef"):
                conditional += 1
            elif word == "endif":
                conditional = max(0, conditional - 1)
            elif word == "define":
                skipping = True
            elif word in ("include", "-include", "sinclude") and depth < 4:
                self.include(path, stripped.split(None, 1)[1:], depth)
            else:
                self.assignment(path, number, stripped, conditional)
        return recipes

    def include(self, path: str, rest: list[str], depth: int) -> None:
        names, _ = make_expand(rest[0] if rest else "", self.lookup)
        for name in names.split():
            if COMPUTED in name or self.files >= MAX_INCLUDES:
                continue
            self.files += 1
            inc = os.path.normpath(os.path.join(os.path.dirname(self.path), name))
            if os.path.basename(inc) == ".env":  # or, not written yet, its template
                inc, text = dot_env(os.path.dirname(inc), self.read_text) or (inc, None)
            else:
                text = self.read_text(inc)
            if text:
                self.read(inc, text, depth + 1)

    def assignment(self, path: str, number: int, line: str, conditional: int) -> None:
        m = _MAKE_VAR.match(line)
        target = False
        if m is None:
            m = _TARGET_VAR.match(line)
            target = True
        if m is None:
            return
        name, op, value = m.group(1), m.group(2), m.group(3).strip()
        value = re.sub(r"(?<!\\)\s+#.*$", "", value)
        old = self.values.get(name)
        if op == "!=":
            value = COMPUTED
        elif op == "?=" and old is not None:
            return
        elif op == "+=" and old is not None:
            value = f"{old.value} {value}"
        if (conditional or target) and old is not None and old.value != value:
            value = COMPUTED
        self.values[name] = Var(value, path, number)


def _read_makefile(path: str, text: str, read_text, exists) -> tuple[list[BuildDef], list[BakeRun]]:
    variables = _MakeVars(path, read_text)
    recipes = variables.read(path, text)
    folder = os.path.dirname(path)
    builds: list[BuildDef] = []
    bakes: list[BakeRun] = []
    retags: list[Retag] = []
    for number, line in recipes:
        body = line.lstrip().lstrip("#").lstrip().lstrip("@-+").lstrip()
        expanded, refs = make_expand(body, variables.lookup)
        shell = Shell(path, folder, exists=exists)
        shell.run_line(expanded, number, refs)
        builds.extend(shell.builds)
        bakes.extend(shell.bakes)
        retags.extend(shell.retags)
        if len(builds) >= MAX_BUILDS:
            break
    return apply_retags(builds, retags), bakes


# ---------------------------------------------------------------------------------------------- scripts
def run_script(shell: Shell, text: str, first_line: int = 1) -> Shell:
    """Read a shell script's lines in order into ``shell`` (a commented-out line in a copy of it)."""
    end_of_heredoc = None
    for number, line in logical_lines(text):
        if end_of_heredoc is not None:
            if line.strip() == end_of_heredoc:
                end_of_heredoc = None
            continue
        stripped = line.lstrip()
        if stripped.startswith("#"):
            if not stripped.startswith("#!"):
                aside = shell.copy()
                aside.run_line(stripped.lstrip("#"), number + first_line - 1)
                shell.builds.extend(aside.builds)
                shell.bakes.extend(aside.bakes)
            continue
        heredoc = _HEREDOC.search(line) if "<<" in line and "<<<" not in line else None
        shell.run_line(line, number + first_line - 1)
        if heredoc is not None:
            end_of_heredoc = heredoc.group(1)
        if len(shell.builds) >= MAX_BUILDS:
            break
    return shell


def read_build_commands(
    path: str, text: str, read_text, exists: Callable[[str], bool] | None = None
) -> tuple[list[BuildDef], list[BakeRun]]:
    """The builds (and bake runs) of a Makefile or shell script; ``read_text(path) -> str | None`` reads the
    files a Makefile ``include``s."""
    from .names import no_surrogates

    text = no_surrogates(text)
    exists = exists or os.path.isfile
    name = os.path.basename(path)
    if name in ("Makefile", "makefile", "GNUmakefile") or name.endswith(".mk"):
        return _read_makefile(path, text, read_text, exists)
    shell = run_script(Shell(path, os.path.dirname(path), exists=exists), text)
    return apply_retags(shell.builds, shell.retags), shell.bakes
