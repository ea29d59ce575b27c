"""A small POSIX-shell reader: a script -> simple commands with words, positions and redirections.

Enough for what hublint looks for in ``RUN``/``CMD``: command lists (``&&``, ``||``, ``;``,
``|``, ``&``, newlines), subshells and groups, ``sh -c '…'``, quoting, ``$(…)`` and
backquotes kept inside words, comments, and redirections (with whether the operator was
glued to the word before it: ``pip install jupyterhub>=4`` redirects to a file ``=4``).
Words are expanded with the Dockerfile's known ENV/ARG values; unknown parts are
:data:`hublint.expand.UNKNOWN`.  Linear in the length of the script.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable, Mapping

from .expand import UNKNOWN, expand

__all__ = [
    "Word",
    "Redirect",
    "Command",
    "commands",
    "Locator",
    "without_comments",
    "guard_value",
    "test_value",
    "SHELLS",
]

Locator = Callable[[int], tuple[int, int]]

_OPERATORS = ("&&", "||", ";;", ";", "|", "&", "\n", "(", ")")
_OPERATOR_STARTS = frozenset(op[0] for op in _OPERATORS)
_REDIRECT_CHARS = "<>"
_SKIP_PREFIX = {
    "exec",
    "sudo",
    "env",
    "time",
    "nohup",
    "command",
    "builtin",
    "nice",
    "stdbuf",
    "then",
    "do",
    "else",
    "elif",
    "if",
    "while",
    "until",
    "!",
    "{",
    "}",
    "xargs",
}
_SUDO_FLAGS_WITH_VALUE = {"-u", "-g", "-C", "-D", "-h", "-p", "-R", "-T", "-U", "--user", "--group"}
SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ash", "ksh"})  # the shells a `sh -c` may name
_SPECIAL = re.compile(r"[$'\"\\`]")
_QUOTED = re.compile(r"['\"\\]")


class Word(namedtuple("Word", "raw value start end quoted")):
    # raw: str
    # value: str
    # start: int
    # end: int
    # quoted: bool
    __slots__ = ()


class Redirect(namedtuple("Redirect", "op target glued after")):
    # op: str
    # target: Word | None
    # glued: bool
    # after: Word | None
    __slots__ = ()


class Command:
    """A simple command.  ``exact``: word offsets map exactly to the file (not inside ``sh -c '…'``);
    ``guards``: the conditions it runs under, as chains of ``(condition commands, the outcome it needs)``
    pairs (:class:`_Guards`) — an ``if``/``elif``/``else`` branch, or the command before ``&&`` / ``||``
    (:func:`guard_value`)."""

    __slots__ = ("words", "redirects", "script", "locate", "exact", "guards")

    def __init__(
        self,
        words: list[Word] | None = None,
        redirects: list[Redirect] | None = None,
        script: str = "",
        locate: Locator | None = None,
        exact: bool = True,
    ) -> None:
        self.words = [] if words is None else words
        self.redirects = [] if redirects is None else redirects
        self.script = script
        self.locate = locate
        self.exact = exact
        self.guards: tuple[_Guards, ...] = ()

    @property
    def argv(self) -> list[str]:
        return [w.value for w in self.words]

    def position(self, offset: int) -> tuple[int, int]:
        return self.locate(offset) if self.locate else (1, offset + 1)


def _scan_word(s: str, i: int) -> int:
    """End offset of the word starting at ``i`` (quotes, escapes, $(…), `…`, ${…} kept inside)."""
    n = len(s)
    while i < n:
        ch = s[i]
        if ch in " \t\r\n;&|()<>":
            return i
        if ch == "\\":
            i += 2
        elif ch == "'":
            j = s.find("'", i + 1)
            i = n if j < 0 else j + 1
        elif ch == '"':
            i = _skip_double(s, i + 1)
        elif ch == "`":
            j = s.find("`", i + 1)
            i = n if j < 0 else j + 1
        elif ch == "$" and i + 1 < n and s[i + 1] in "({":
            i = _skip_group(s, i + 1)
        else:
            i += 1
    return n


def _skip_double(s: str, i: int) -> int:
    n = len(s)
    while i < n:
        ch = s[i]
        if ch == "\\":
            i += 2
        elif ch == '"':
            return i + 1
        elif ch == "$" and i + 1 < n and s[i + 1] in "({":
            i = _skip_group(s, i + 1)
        elif ch == "`":
            j = s.find("`", i + 1)
            i = n if j < 0 else j + 1
        else:
            i += 1
    return n


def _skip_group(s: str, i: int) -> int:
    """``s[i]`` is ``(`` or ``{``: the offset after its matching closer."""
    opener = s[i]
    closer = ")" if opener == "(" else "}"
    depth = 0
    n = len(s)
    while i < n:
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "'":
            j = s.find("'", i + 1)
            i = n if j < 0 else j + 1
            continue
        if ch == '"':
            i = _skip_double(s, i + 1)
            continue
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _tokens(s: str):
    """Yield ("word", start, end) | ("op", text, start) | ("redir", text, start)."""
    i, n = 0, len(s)
    prev_end = -1
    while i < n:
        ch = s[i]
        if ch in " \t\r":
            i += 1
            continue
        if ch == "\\" and i + 1 < n and s[i + 1] == "\n":
            i += 2
            continue
        if ch == "#" and (i == 0 or s[i - 1] in " \t\r\n;&|()"):
            j = s.find("\n", i)
            yield ("comment", i, n if j < 0 else j, False)
            i = n if j < 0 else j
            continue
        if ch.isdigit():
            j = i
            while j < n and s[j].isdigit():
                j += 1
            if j < n and s[j] in _REDIRECT_CHARS:
                i = j
                ch = s[i]
        if ch in _REDIRECT_CHARS or (ch == "&" and i + 1 < n and s[i + 1] == ">"):
            j = i + 1
            while j < n and s[j] in "<>&|-":
                j += 1
            yield ("redir", s[i:j], i, i == prev_end)
            i = j
            continue
        if ch in _OPERATOR_STARTS:
            op = next(op for op in _OPERATORS if s.startswith(op, i))
            yield ("op", op, i, False)
            i += len(op)
            continue
        end = _scan_word(s, i)
        if end == i:
            end = i + 1
        yield ("word", i, end, False)
        prev_end = end
        i = end


def commands(
    script: str, env: Mapping[str, str | None] | None = None, locate: Locator | None = None, _depth: int = 0
) -> list[Command]:
    """Simple commands of ``script``, with ``sh -c`` bodies expanded in place."""
    env = env or {}
    out: list[Command] = []
    cur = Command(script=script, locate=locate)
    flow = _Flow(out)
    pending: tuple[str, int, bool, Word | None] | None = None
    leading = True  # every word of the command so far is a reserved word (`if`, `then`, `!` …)
    for kind, a, b, glued in _tokens(script):
        if kind == "comment":
            continue
        if kind == "word":
            raw = script[a:b]
            special = _SPECIAL.search(raw) is not None
            value = expand(raw, env, "\\") if special else raw
            word = Word(raw, value, a, b, special and _QUOTED.search(raw) is not None)
            if pending is not None:
                op, _, was_glued, after = pending
                cur.redirects.append(Redirect(op, word, was_glued, after))
                pending = None
            else:
                if leading:
                    flow.reserved(value)
                    leading = value in _RESERVED
                cur.words.append(word)
        elif kind == "redir":
            if pending is not None:
                cur.redirects.append(Redirect(pending[0], None, pending[2], pending[3]))
            after = cur.words[-1] if cur.words else None
            pending = (a, b, glued, after)
        else:
            if pending is not None:
                cur.redirects.append(Redirect(pending[0], None, pending[2], pending[3]))
                pending = None
            if cur.words or cur.redirects:
                flow.add(cur)
            flow.operator(a)
            cur = Command(script=script, locate=locate)
            leading = True
    if pending is not None:
        cur.redirects.append(Redirect(pending[0], None, pending[2], pending[3]))
    if cur.words or cur.redirects:
        flow.add(cur)
    return _expand_nested(out, env, _depth)


_RESERVED = {"if", "then", "elif", "else", "fi", "!", "{", "do"}


class _Guards:
    """Conditions a command runs under, shared: one ``(condition commands, the outcome it needs)`` on top of the
    ones its parent holds.  A command after ``a && b && …`` or deep in ``if``/``elif`` branches holds one of
    these, not a copy of every condition before it, and each condition is evaluated once (:func:`guard_value`):
    the reader stays linear in the number of commands."""

    __slots__ = ("parent", "item", "value")

    def __init__(self, parent: _Guards | None, item: tuple[tuple[Command, ...], bool]) -> None:
        self.parent = parent
        self.item = item
        self.value: bool | str | None = _UNSET


_UNSET = "unset"


def _extend(parent: _Guards | None, cond, needed: bool) -> _Guards | None:
    return parent if cond is None else _Guards(parent, (cond, needed))


class _Flow:
    """The conditions each command runs under, followed as the commands are read: the branches of ``if`` /
    ``elif`` / ``else`` / ``fi`` (nested), and ``&&`` / ``||`` lists (a command after ``&&`` runs when the one
    before succeeded; after ``||``, when it failed)."""

    __slots__ = ("out", "frames", "link", "last", "chain")

    def __init__(self, out: list[Command]) -> None:
        self.out = out
        # each open `if`: [the conditions of the outer frames and of the branches already passed, where the
        # current condition starts, the current condition (None while it is read, or in `else`), state:
        # "cond" | "then" | "else", the conditions a command in it runs under]
        self.frames: list[list] = []
        self.link: str | None = None  # the list operator after the last command (&&, ||), if any
        self.last: Command | None = None
        self.chain: _Guards | None = None  # the && / || conditions of the last command

    def reserved(self, word: str) -> None:
        frames = self.frames
        if word == "if":
            outer = frames[-1][4] if frames else None
            frames.append([outer, len(self.out), None, "cond", outer])
        elif not frames:
            return
        elif word == "then" and frames[-1][3] == "cond":
            top = frames[-1]
            top[2] = tuple(self.out[top[1] :])
            top[3] = "then"
            top[4] = _extend(top[0], top[2], True)
        elif word == "elif":
            top = frames[-1]
            top[0] = top[4] = _extend(top[0], top[2], False)
            top[1], top[2], top[3] = len(self.out), None, "cond"
        elif word == "else":
            top = frames[-1]
            top[0] = top[4] = _extend(top[0], top[2], False)
            top[2], top[3] = None, "else"
        elif word == "fi":
            frames.pop()

    def add(self, cmd: Command) -> None:
        chain: _Guards | None = None
        prev = self.last
        if prev is not None and self.link == "&&":
            chain = _Guards(self.chain, ((prev,), True))
        elif prev is not None and self.link == "||" and self.chain is None:
            chain = _Guards(None, ((prev,), False))  # after `x && a || b`, b runs whether x or a failed: not followed
        held = self.frames[-1][4] if self.frames else None
        cmd.guards = tuple(g for g in (held, chain) if g is not None)
        self.out.append(cmd)
        self.last, self.link, self.chain = cmd, None, chain

    def operator(self, op: str) -> None:
        if op in ("&&", "||"):
            self.link = op
        else:
            self.last, self.link, self.chain = None, None, None


def guard_value(cmd: Command) -> bool | None:
    """Does the command run, as far as the known values tell: False when one of its conditions is a test whose
    outcome is known and is not the one it needs (``if [ -n "$V" ]; then …`` with ``V`` empty), True when every
    condition is such a test and passes, None when one cannot be decided."""
    result: bool | None = True
    for guards in cmd.guards:
        value = _held(guards)
        if value is False:
            return False
        if value is None:
            result = None
    return result


def _held(guards: _Guards) -> bool | None:
    """:func:`guard_value` of the conditions ``guards`` holds, each chain link evaluated once."""
    path = []
    node: _Guards | None = guards
    while node is not None and node.value is _UNSET:
        path.append(node)
        node = node.parent
    value = True if node is None else node.value
    for node in reversed(path):
        cond, needed = node.item
        outcome = test_value(cond[0]) if len(cond) == 1 else None
        if value is not False:
            value = False if outcome is not None and outcome != needed else None if outcome is None else value
        node.value = value
    return guards.value  # type: ignore[return-value]


_UNARY = {"-n": lambda v: v != "", "-z": lambda v: v == ""}
_BINARY = {"=": lambda a, b: a == b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}


def test_value(cmd: Command) -> bool | None:
    """The outcome of a ``[ … ]`` / ``[[ … ]]`` / ``test …`` command on strings (``-n``, ``-z``, ``=``, ``==``,
    ``!=``, ``!``, a lone word) when every word it compares is known, else None."""
    words = list(cmd.words)
    negate = False
    while words and words[0].value in ("if", "elif", "then", "!", "while", "until"):
        negate ^= words[0].value == "!"
        words = words[1:]
    if not words or words[0].value not in ("[", "[[", "test"):
        return None
    closer = {"[": "]", "[[": "]]"}.get(words[0].value)
    args = words[1:]
    if closer is not None:
        if not args or args[-1].value != closer:
            return None
        args = args[:-1]
    while args and args[0].value == "!" and args[0].raw == "!":
        negate, args = not negate, args[1:]
    if any(not _literal(w) for w in args):
        return None
    values = [w.value for w in args]
    outcome: bool | None = None
    if len(values) == 1:
        outcome = values[0] != ""
    elif len(values) == 2 and values[0] in _UNARY:
        outcome = _UNARY[values[0]](values[1])
    elif len(values) == 3 and values[1] in _BINARY:
        if (
            closer == "]]"
            and values[1] != "="
            and any(c in args[2].raw for c in "*?[")
            and args[2].raw[:1] not in "'\""
        ):
            return None  # [[ x == pat* ]]: a pattern
        outcome = _BINARY[values[1]](values[0], values[2])
    return None if outcome is None else outcome != negate


def _literal(word: Word) -> bool:
    """A word whose value is known: no unknown variable, no command substitution."""
    return UNKNOWN not in word.value and "$(" not in word.raw and "`" not in word.raw


def without_comments(script: str) -> str:
    """The script with its comments removed, as the shell reads it: a ``#`` that starts a word begins a comment to
    the end of the line (a full line or after a command); a ``#`` inside a word or quotes is text."""
    out, last = [], 0
    for kind, a, b, _ in _tokens(script):
        if kind == "comment":
            out.append(script[last:a])
            last = b
    out.append(script[last:])
    return "".join(out)


def strip_prefix(cmd: Command) -> list[Word]:
    """The command's words without assignments and wrappers (``exec``, ``sudo -u x``, ``env A=b``…)."""
    words = cmd.words
    i = 0
    while i < len(words):
        value = words[i].value
        base = value.rsplit("/", 1)[-1]
        if "=" in value and not value.startswith("=") and value.split("=", 1)[0].replace("_", "a").isalnum():
            i += 1
            continue
        if base in _SKIP_PREFIX:
            i += 1
            if base == "sudo":
                while i < len(words) and words[i].value.startswith("-"):
                    i += 2 if words[i].value in _SUDO_FLAGS_WITH_VALUE else 1
            elif base == "env":
                while i < len(words) and words[i].value.startswith("-"):
                    i += 1
            continue
        break
    return words[i:]


def _expand_nested(cmds: list[Command], env: Mapping[str, str | None], depth: int) -> list[Command]:
    if depth > 8:
        return cmds
    out: list[Command] = []
    for cmd in cmds:
        words = strip_prefix(cmd)
        if len(words) >= 3 and words[0].value.rsplit("/", 1)[-1] in SHELLS:
            # sh -c 'script' / bash -lc "script"
            idx = next(
                (
                    k
                    for k in range(1, len(words))
                    if words[k].value.startswith("-") and "c" in words[k].value and not words[k].value.startswith("--")
                ),
                None,
            )
            if idx is not None and idx + 1 < len(words):
                body = words[idx + 1]
                inner_text = body.value
                base = body.start + (1 if body.raw[:1] in "'\"" else 0)
                loc = cmd.locate

                def locate(off: int, base=base, loc=loc) -> tuple[int, int]:
                    return loc(base + off) if loc else (1, base + off + 1)

                for inner in commands(inner_text, env, locate, depth + 1):
                    inner.exact = False
                    inner.guards = cmd.guards + inner.guards  # `sh -c '…'` runs under its own conditions
                    out.append(inner)
                continue
        out.append(cmd)
    return out
