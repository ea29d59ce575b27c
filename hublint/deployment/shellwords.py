"""Shell command lines read as the shell reads them — statically, nothing is run.

:func:`make_expand` expands a Makefile recipe line's Make references (``$(VAR)``, ``${VAR}``, ``$$``); Make
functions (``$(shell …)``, ``$(notdir $@)``), automatic variables (``$@``) and variables nothing assigns are
computed parts.  :func:`lex` splits a shell line into simple commands of words: quotes removed, ``$VAR`` and
``${VAR:-default}`` expanded from known variables, command substitutions and backticks computed (but
``$(dirname "$0")``, the script's own folder), comments and redirections left out, ``;``/``&&``/``||``/``|``
separating commands.  A computed part is :data:`~.imagenames.COMPUTED`.  Work is bounded: a line that expands
past :data:`MAX_EXPANSION` characters is computed as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..records import NamedTuple
from .imagenames import COMPUTED

__all__ = ["Var", "Word", "make_expand", "lex", "unassigned", "MAX_EXPANSION", "SUBSHELL_OPEN", "SUBSHELL_CLOSE"]

MAX_EXPANSION = 65_536
MAX_DEPTH = 16
SUBSHELL_OPEN, SUBSHELL_CLOSE = "(", ")"

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MAKE_NAME = re.compile(r"[A-Za-z0-9_.\-]+")
_SCRIPT_DIR = re.compile(r"\bdirname\b[^`]*\$\{?(?:0\b|BASH_SOURCE)")


class Var(NamedTuple):
    """A variable's value (computed parts as COMPUTED) and where it is assigned (``via``: places it went
    through, as ``path:line``)."""

    value: str
    path: str
    line: int
    via: tuple[str, ...] = ()


UNASSIGNED = Var(COMPUTED, "", 0)  # what a variable nothing assigns reads as (its value lives outside the repo)


def unassigned(refs) -> bool:
    """Whether a value read a variable nothing in the repository assigns (not one computed by a command)."""
    return any(v.path == "" and v.line == 0 for v in refs)


class Word(NamedTuple):
    """A word of a command: its text (quotes removed, expanded), as written, and the variables it read."""

    text: str
    raw: str
    refs: tuple[Var, ...] = ()
    at: int = 0  # where the word starts in the line


Lookup = Callable[[str], "Var | None"]


class _Budget:
    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_EXPANSION

    def spend(self, n: int) -> bool:
        self.left -= n
        return self.left >= 0


def _closing(text: str, start: int, open_: str, close: str) -> int:
    """The index of the bracket that closes the one opened just before ``start`` (-1: none)."""
    depth, i, n = 1, start, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


# ---------------------------------------------------------------------------------------------- Make
def make_expand(
    text: str, lookup: Lookup, budget: _Budget | None = None, depth: int = 0
) -> tuple[str, list[tuple[int, int, Var]]]:
    """``text`` with its Make references expanded (``$$`` → ``$``), and (start, end, variable) of each
    variable's value in the result."""
    budget = budget or _Budget()
    if budget.left < 0:
        return COMPUTED, []
    out: list[str] = []
    refs: list[tuple[int, int, Var]] = []
    size, i, n = 0, 0, len(text)
    while i < n:
        j = text.find("$", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        size += j - i
        nxt = text[j + 1] if j + 1 < n else ""
        piece, var, i = _make_reference(text, j, nxt, lookup, budget, depth)
        if var is not None:
            refs.append((size, size + len(piece), var))
        out.append(piece)
        size += len(piece)
        if not budget.spend(len(piece)):
            return COMPUTED, []
    return "".join(out), refs


def _make_reference(
    text: str, j: int, nxt: str, lookup: Lookup, budget: _Budget, depth: int
) -> tuple[str, Var | None, int]:
    """(what ``$…`` at ``j`` expands to, the variable it read, where the text goes on)."""
    if nxt == "$":
        return "$", None, j + 2
    if nxt in ("(", "{"):
        close = ")" if nxt == "(" else "}"
        end = _closing(text, j + 2, nxt, close)
        if end < 0:
            return COMPUTED, None, len(text)
        body = text[j + 2 : end]
        if _MAKE_NAME.fullmatch(body):
            return (*_make_var(body, lookup, budget, depth), end + 1)
        return COMPUTED, None, end + 1  # a function ($(shell …), $(notdir $@)) or a substitution reference
    if nxt and (nxt.isalnum() or nxt == "_"):
        return (*_make_var(nxt, lookup, budget, depth), j + 2)
    if nxt:
        return COMPUTED, None, j + 2  # $@ $< $^ $* $? $+ $|
    return "$", None, j + 1


def _make_var(name: str, lookup: Lookup, budget: _Budget, depth: int) -> tuple[str, Var | None]:
    var = lookup(name)
    if var is None:
        return COMPUTED, UNASSIGNED
    if depth >= MAX_DEPTH:
        return COMPUTED, None
    value, _ = make_expand(var.value, lookup, budget, depth + 1)
    return value, var._replace(value=value)


# ---------------------------------------------------------------------------------------------- shell
class _Lexer:
    """One shell line → commands of words."""

    def __init__(self, text: str, lookup: Lookup, script_dir: str | None, budget: _Budget, depth: int) -> None:
        self.s, self.n, self.i = text, len(text), 0
        self.lookup, self.script_dir, self.budget, self.depth = lookup, script_dir, budget, depth
        self.commands: list[list[Word]] = []
        self.words: list[Word] = []
        self.parts: list[str] = []
        self.refs: list[Var] = []
        self.start = -1  # where the current word starts (-1: no word)
        self.skip_next = False  # the next word is a redirection's target

    def run(self) -> list[list[Word]]:
        s = self.s
        while self.i < self.n:
            c = s[self.i]
            if c in " \t\r\n":
                self.end_word()
                self.i += 1
            elif c == "#" and self.start < 0:
                break  # a comment
            elif c in ";&|":
                self.operator(c)
            elif c in "()":
                self.end_command()
                self.commands.append([Word(SUBSHELL_OPEN if c == "(" else SUBSHELL_CLOSE, c)])
                self.i += 1
            elif c in "<>":
                self.redirection()
            else:
                self.word_char(c)
        self.end_command()
        return self.commands

    # -- words
    def begin(self) -> None:
        if self.start < 0:
            self.start = self.i

    def end_word(self) -> None:
        if self.start < 0:
            return
        word = Word("".join(self.parts), self.s[self.start : self.i], tuple(self.refs), self.start)
        self.parts, self.refs, self.start = [], [], -1
        if self.skip_next:
            self.skip_next = False
            return
        self.words.append(word)

    def end_command(self) -> None:
        self.end_word()
        if self.words:
            self.commands.append(self.words)
        self.words = []

    def operator(self, c: str) -> None:
        s = self.s
        if c == "&" and self.i + 1 < self.n and s[self.i + 1] == ">":
            self.redirection()
            return
        self.end_command()
        self.i += 1
        if self.i < self.n and s[self.i] == c:
            self.i += 1

    def redirection(self) -> None:
        if self.start >= 0 and self.s[self.start : self.i].isdigit():
            self.parts, self.refs, self.start = [], [], -1  # the file descriptor before > is not a word
        self.end_word()
        while self.i < self.n and self.s[self.i] in "<>&|":
            self.i += 1
        self.skip_next = True

    def word_char(self, c: str) -> None:
        self.begin()
        s = self.s
        if c == "\\":
            if self.i + 1 < self.n and s[self.i + 1] != "\n":
                self.parts.append(s[self.i + 1])
            self.i += 2
        elif c == "'":
            end = s.find("'", self.i + 1)
            end = self.n if end < 0 else end
            self.parts.append(s[self.i + 1 : end])
            self.i = end + 1
        elif c == '"':
            self.double_quoted()
        elif c == "$":
            self.dollar()
        elif c == "`":
            self.backtick()
        else:
            self.parts.append(c)
            self.i += 1

    def backtick(self) -> None:
        """A `` `command` `` substitution (to the closing backtick, or the end of the line)."""
        end = self.s.find("`", self.i + 1)
        end = self.n if end < 0 else end
        self.parts.append(self.substitution(self.s[self.i + 1 : end]))
        self.i = end + 1

    def double_quoted(self) -> None:
        s = self.s
        self.i += 1
        while self.i < self.n and s[self.i] != '"':
            c = s[self.i]
            if c == "\\" and self.i + 1 < self.n and s[self.i + 1] in '$`"\\\n':
                self.parts.append(s[self.i + 1] if s[self.i + 1] != "\n" else "")
                self.i += 2
            elif c == "$":
                self.dollar()
            elif c == "`":
                self.backtick()
            else:
                self.parts.append(c)
                self.i += 1
        self.i += 1

    # -- expansions
    def substitution(self, body: str) -> str:
        if self.script_dir is not None and _SCRIPT_DIR.search(body):
            return self.script_dir  # $(dirname "$0"), $(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
        return COMPUTED

    def dollar(self) -> None:
        s, i = self.s, self.i
        nxt = s[i + 1] if i + 1 < self.n else ""
        if nxt == "(":
            arithmetic = s.startswith("((", i + 1)
            end = _closing(s, i + 2, "(", ")")
            end = self.n - 1 if end < 0 else end
            self.parts.append(COMPUTED if arithmetic else self.substitution(s[i + 2 : end]))
            self.i = end + 1
        elif nxt == "{":
            end = _closing(s, i + 2, "{", "}")
            end = self.n - 1 if end < 0 else end
            self.parts.append(self.braced(s[i + 2 : end]))
            self.i = end + 1
        elif nxt == "'":
            self.i += 1  # $'…': read as a single-quoted word
        else:
            m = _NAME.match(s, i + 1)
            if m:
                self.parts.append(self.variable(m.group(0)))
                self.i = m.end()
            elif nxt and nxt in "0123456789@*#?$!-":
                self.parts.append(COMPUTED)
                self.i += 2
            else:
                self.parts.append("$")
                self.i += 1

    def variable(self, name: str) -> str:
        return self.use(self.lookup(name))

    def use(self, var: Var | None) -> str:
        if var is None:
            self.refs.append(UNASSIGNED)
            return COMPUTED
        if not self.budget.spend(len(var.value)):
            return COMPUTED
        self.refs.append(var)
        return var.value

    def braced(self, body: str) -> str:
        m = re.match(r"([A-Za-z_][A-Za-z0-9_]*|[0-9]+)(:?[-=+?])?", body)
        if not m or (m.end() < len(body) and m.group(2) is None):
            return COMPUTED  # ${#V}, ${V#p}, ${V%p}, ${V/p/r}, ${V:1}
        name, op = m.group(1), m.group(2)
        var = None if name.isdigit() else self.lookup(name)
        rest = body[m.end() :]
        if op is None:
            return self.variable(name)
        known = var is not None and COMPUTED not in var.value
        if op.endswith(("-", "=")):
            if var is not None and (var.value or ":" not in op):
                return self.use(var)
            return self.fragment(rest)
        if op.endswith("+"):
            if var is None or not known:
                return COMPUTED
            return self.fragment(rest) if (var.value or ":" not in op) else ""
        return self.use(var)

    def fragment(self, text: str) -> str:
        if self.depth >= MAX_DEPTH:
            return COMPUTED
        inner = _Lexer(text, self.lookup, self.script_dir, self.budget, self.depth + 1)
        commands = inner.run()
        words = [w for cmd in commands for w in cmd]
        for w in words:
            self.refs.extend(w.refs)
        return " ".join(w.text for w in words)


def lex(text: str, lookup: Lookup, script_dir: str | None = None) -> list[list[Word]]:
    """The simple commands of one shell line, each a list of words (a subshell's parentheses are commands of
    their own: :data:`SUBSHELL_OPEN`, :data:`SUBSHELL_CLOSE`)."""
    budget = _Budget()
    if not budget.spend(len(text)):
        return []
    return _Lexer(text, lookup, script_dir, budget, 0).run()
