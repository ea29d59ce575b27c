"""Docker's variable substitution (``shell.Lex.ProcessWord``) with an *unknown* value.

``$V``, ``${V}``, ``${V:-w}``, ``${V-w}``, ``${V:+w}``, ``${V+w}``, ``${V:?m}``, ``${V?m}``
and (current BuildKit) ``${V#p}``, ``${V##p}``, ``${V%p}``, ``${V%%p}``, ``${V/p/r}``.
In ``env``, a name mapped to None is declared without a value (``ARG V``): unknown on its own
(a ``--build-arg`` is expected).  With ``unset=True`` (FROM references) the ``-``/``+`` modifiers
treat it as unset, as Docker builds it without one: ``${V:-w}`` is ``w``.  Elsewhere (RUN, ENV) a
version or path from a build argument stays unknown and is not judged.
Quotes are removed as Docker removes them.  A variable hublint cannot know (no value,
no default, no ``--build-arg``) expands to :data:`UNKNOWN` characters, so callers can see
which part of a value is unknown and never guess with it.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping

__all__ = ["UNKNOWN", "expand", "is_known"]

UNKNOWN = "\uffff"
_NAME_START = re.compile(r"[A-Za-z_]")
_NAME = re.compile(r"[A-Za-z0-9_]*")
_MAX_DEPTH = 64


def is_known(value: str | None) -> bool:
    return value is not None and UNKNOWN not in value


def expand(
    word: str, env: Mapping[str, str | None], escape: str = "\\", *, unset: bool = False, _depth: int = 0
) -> str:
    """Expand variables in ``word`` and remove quotes, as Docker does for FROM/ENV/ARG/USER…

    ``env`` maps names to values; ``None`` or a missing name is unknown.
    """
    return _Lexer(word, env, escape, _depth, unset).run()


class _Lexer:
    __slots__ = ("s", "i", "env", "esc", "depth", "unset")

    def __init__(self, s: str, env: Mapping[str, str | None], esc: str, depth: int, unset: bool = False) -> None:
        self.unset = unset
        self.s = s
        self.i = 0
        self.env = env
        self.esc = esc
        self.depth = depth

    def run(self) -> str:
        if self.depth > _MAX_DEPTH:
            return UNKNOWN
        out: list[str] = []
        s, n = self.s, len(self.s)
        while self.i < n:
            ch = s[self.i]
            if ch == self.esc:
                self.i += 1
                if self.i < n:
                    out.append(s[self.i])
                    self.i += 1
            elif ch == "'":
                end = s.find("'", self.i + 1)
                if end < 0:
                    out.append(s[self.i + 1 :])
                    self.i = n
                else:
                    out.append(s[self.i + 1 : end])
                    self.i = end + 1
            elif ch == '"':
                self.i += 1
                out.append(self.double_quoted())
            elif ch == "$":
                out.append(self.dollar())
            else:
                # copy a run of ordinary characters at once
                j = self.i + 1
                while j < n and s[j] not in ("'", '"', "$", self.esc):
                    j += 1
                out.append(s[self.i : j])
                self.i = j
        return "".join(out)

    def double_quoted(self) -> str:
        out: list[str] = []
        s, n = self.s, len(self.s)
        while self.i < n:
            ch = s[self.i]
            if ch == '"':
                self.i += 1
                break
            if ch == self.esc and self.i + 1 < n and s[self.i + 1] in ('"', "$", self.esc):
                out.append(s[self.i + 1])
                self.i += 2
            elif ch == "$":
                out.append(self.dollar())
            else:
                out.append(ch)
                self.i += 1
        return "".join(out)

    def dollar(self) -> str:
        s, n = self.s, len(self.s)
        self.i += 1  # the $
        if self.i >= n:
            return "$"
        ch = s[self.i]
        if ch == "{":
            return self.braced()
        if _NAME_START.match(ch):
            m = _NAME.match(s, self.i)
            assert m is not None  # the pattern matches the empty string
            name = m.group(0)
            self.i = m.end()
            value = self.env.get(name)
            return UNKNOWN if value is None else value
        if ch.isdigit():
            self.i += 1
            return UNKNOWN
        return "$"

    def braced(self) -> str:
        s, n = self.s, len(self.s)
        self.i += 1  # the {
        m = _NAME.match(s, self.i)
        assert m is not None  # the pattern matches the empty string
        name = m.group(0)
        self.i = m.end()
        if not name or self.i >= n:
            # malformed: BuildKit errors; hublint treats it as unknown
            self.i = n
            return UNKNOWN
        ch = s[self.i]
        value = self.env.get(name)
        if ch == "}":
            self.i += 1
            return UNKNOWN if value is None else value
        # operator
        op = ch
        self.i += 1
        if op == ":" and self.i < n and s[self.i] in "-+?":
            op += s[self.i]
            self.i += 1
        elif op in "#%" and self.i < n and s[self.i] == op:
            op += op
            self.i += 1
        word = self.word_until_close()
        if word is None:
            return UNKNOWN
        if value is None:
            if self.unset and name in self.env and op in (":-", "-", ":+", "+"):
                # declared (ARG V) but given no value: Docker treats it as unset, and the modifier decides
                return expand(word, self.env, self.esc, unset=True, _depth=self.depth + 1) if op in (":-", "-") else ""
            return UNKNOWN
        sub = lambda: expand(word, self.env, self.esc, unset=self.unset, _depth=self.depth + 1)  # noqa: E731
        if op == ":-":
            return value if value else sub()
        if op == "-":
            return value
        if op == ":+":
            return sub() if value else ""
        if op == "+":
            return sub()
        if op in (":?", "?"):
            return value
        if UNKNOWN in value:
            return UNKNOWN
        pattern = sub()
        if UNKNOWN in pattern:
            return UNKNOWN
        if len(value) > 4096 or len(pattern) > 256:
            return UNKNOWN  # bounded cost: glob trimming is quadratic
        if op in ("#", "##", "%", "%%"):
            return _trim(value, pattern, op)
        if op == "/":
            pat, _, repl = pattern.partition("/")
            rx = _glob(pat)
            return rx.sub(lambda _m: repl, value, count=1) if pat else value
        return UNKNOWN

    def word_until_close(self) -> str | None:
        """The raw word up to the matching ``}``."""
        s, n = self.s, len(self.s)
        depth = 0
        start = self.i
        while self.i < n:
            ch = s[self.i]
            if ch == self.esc:
                self.i += 2
                continue
            if ch == "{" and self.i > 0 and s[self.i - 1] == "$":
                depth += 1
            elif ch == "}":
                if depth == 0:
                    word = s[start : self.i]
                    self.i += 1
                    return word
                depth -= 1
            self.i += 1
        return None


def _glob(pattern: str) -> re.Pattern[str]:
    rx = fnmatch.translate(pattern)
    # fnmatch.translate anchors with \Z and wraps in (?s:...); strip the anchor
    if rx.endswith(r"\Z"):
        rx = rx[:-2]
    return re.compile(rx)


def _trim(value: str, pattern: str, op: str) -> str:
    rx = re.compile(_glob(pattern).pattern + r"\Z")
    if op in ("#", "##"):
        lengths = range(len(value) + 1) if op == "#" else range(len(value), -1, -1)
        for k in lengths:
            if rx.match(value[:k]):
                return value[k:]
        return value
    lengths = range(len(value), -1, -1) if op == "%" else range(len(value) + 1)
    for k in lengths:
        if rx.match(value[k:]):
            return value[:k]
    return value
