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

Expansion is bounded (``ENV A=$A$A`` forty times would be a terabyte): a result longer than
:data:`MAX_VALUE` characters is too long to judge, so it is :data:`UNKNOWN`; a run of unknown characters
is one; and when ``env`` carries a budget (:class:`hublint.dockerfile.variables.Env`, one per Dockerfile), the
results longer than :data:`SHORT` characters draw on it, and once it is spent such a result is :data:`UNKNOWN`.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping

__all__ = ["UNKNOWN", "MAX_VALUE", "expand", "is_known"]

UNKNOWN = "\uffff"
MAX_VALUE = 65536  # characters: longer than any Dockerfile line
SHORT = 256  # results this long do not draw on the budget
_NAME_START = re.compile(r"[A-Za-z_]")
_NAME = re.compile(r"[A-Za-z0-9_]*")
_UNKNOWN_RUN = re.compile(UNKNOWN + "{2,}")
_MAX_DEPTH = 64


class _TooLong(Exception):
    pass


def is_known(value: str | None) -> bool:
    return value is not None and UNKNOWN not in value


def expand(
    word: str, env: Mapping[str, str | None], escape: str = "\\", *, unset: bool = False, _depth: int = 0
) -> str:
    """Expand variables in ``word`` and remove quotes, as Docker does for FROM/ENV/ARG/USER…

    ``env`` maps names to values; ``None`` or a missing name is unknown.
    """
    if "$" not in word and "'" not in word and '"' not in word and escape not in word:
        out = word  # nothing to expand or remove
        if len(out) > MAX_VALUE:
            return UNKNOWN
    else:
        try:
            out = _Lexer(word, env, escape, _depth, unset).run()
        except _TooLong:
            return UNKNOWN
    if _depth:
        return out
    if UNKNOWN + UNKNOWN in out:
        out = _UNKNOWN_RUN.sub(UNKNOWN, out)
    if len(out) > SHORT:
        budget = getattr(env, "budget", None)
        if budget is not None:
            if budget.left < len(out):
                return UNKNOWN
            budget.left -= len(out)
    return out


class _Lexer:
    __slots__ = ("s", "i", "env", "esc", "depth", "unset", "size")

    def __init__(self, s: str, env: Mapping[str, str | None], esc: str, depth: int, unset: bool = False) -> None:
        self.unset = unset
        self.s = s
        self.i = 0
        self.env = env
        self.esc = esc
        self.depth = depth
        self.size = 0  # characters produced so far

    def grew(self, piece: str) -> str:
        self.size += len(piece)
        if self.size > MAX_VALUE:
            raise _TooLong
        return piece

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
                    out.append(self.grew(s[self.i]))
                    self.i += 1
            elif ch == "'":
                end = s.find("'", self.i + 1)
                if end < 0:
                    out.append(self.grew(s[self.i + 1 :]))
                    self.i = n
                else:
                    out.append(self.grew(s[self.i + 1 : end]))
                    self.i = end + 1
            elif ch == '"':
                self.i += 1
                out.append(self.double_quoted())
            elif ch == "$":
                out.append(self.grew(self.dollar()))
            else:
                # copy a run of ordinary characters at once
                j = self.i + 1
                while j < n and s[j] not in ("'", '"', "$", self.esc):
                    j += 1
                out.append(self.grew(s[self.i : j]))
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
                out.append(self.grew(s[self.i + 1]))
                self.i += 2
            elif ch == "$":
                out.append(self.grew(self.dollar()))
            else:
                out.append(self.grew(ch))
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
            return UNKNOWN  # bounded cost
        budget = getattr(self.env, "budget", None)
        if op in ("#", "##", "%", "%%"):
            cost = len(value) * max(1, len(pattern))
        else:  # a search at every position
            cost = len(value) * max(1, len(value), len(pattern))
        if budget is not None:
            if budget.work < cost:
                return UNKNOWN
            budget.work -= cost
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


def _glob_tokens(pattern: str) -> list[str]:
    """A glob as regular expressions, one per token: ``*`` (kept as is), ``?``, a ``[…]`` class, a character."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "*":
            if not out or out[-1] != "*":
                out.append("*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = i + (i < n and pattern[i] == "!")
            j += j < n and pattern[j] == "]"
            j = pattern.find("]", j)
            if j < 0:
                out.append(re.escape(c))
                continue
            stuff = pattern[i:j].replace("\\", "\\\\")
            i = j + 1
            if stuff.startswith("!"):
                stuff = "^" + stuff[1:]
            elif stuff.startswith(("^", "[")):
                stuff = "\\" + stuff
            out.append(f"[{stuff}]" if stuff else "(?!)")
        else:
            out.append(re.escape(c))
    return out


def _trim(value: str, pattern: str, op: str) -> str:
    """``${V#p}`` ``${V##p}`` ``${V%p}`` ``${V%%p}``: the shortest or longest prefix (suffix) matching the glob,
    in one match: the parts between stars placed as early as they fit (atomic, so a miss costs one pass), the
    last one as late as it fits for the longest."""
    tokens = _glob_tokens(pattern)
    suffix = op in ("%", "%%")
    if suffix:
        tokens, value = tokens[::-1], value[::-1]
    parts: list[list[str]] = [[]]
    for t in tokens:
        if t == "*":
            parts.append([])
        else:
            parts[-1].append(t)
    rx = "".join(parts[0])
    longest = op in ("##", "%%")
    for k, part in enumerate(parts[1:], 1):
        body = "".join(part)
        if k < len(parts) - 1:
            rx += f"(?>.*?{body})"
        elif longest:
            rx += f".*{body}"
        elif body:
            rx += f"(?>.*?{body})"
    m = re.compile(rx, re.DOTALL).match(value)
    if m is None:
        return value[::-1] if suffix else value
    rest = value[m.end() :]
    return rest[::-1] if suffix else rest
