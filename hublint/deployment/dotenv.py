"""``.env`` files and Docker Compose variable interpolation, read statically.

``.env`` follows the Compose file format (compose-spec, ``env_file``): ``VAR[=[VAL]]`` lines, ``#``
comments, an optional ``export`` prefix, single quotes literal, double quotes with ``\\n \\t \\\\ \\"``
escapes and interpolation, an inline ``#`` comment only after a blank in an unquoted value.

Interpolation follows the Compose specification: ``$VAR``, ``${VAR}``, ``${VAR:-d}``, ``${VAR-d}``,
``${VAR:?e}``, ``${VAR?e}``, ``${VAR:+a}``, ``${VAR+a}``, nested defaults and ``$$``.  hublint never
reads the shell environment (results must not depend on who runs it): a variable that neither the
``.env`` file nor a default gives is *unknown* — Compose would take it from the shell — so a value
that needs one is unknown, not empty.

Interpolation is bounded (``A=${A}${A}`` forty times would be a terabyte): a result longer than
:data:`MAX_VALUE` characters is too long to judge, so it is unknown; and the variables of one file
(:class:`Vars`) share a budget of :data:`BUDGET` characters for results longer than :data:`SHORT`, past which
such a result is unknown too.

A folder without a ``.env`` is read with the template its README copies to one (:func:`dot_env`):
``.env.example``, ``env.txt`` and the like (:data:`ENV_TEMPLATES`, the first one present).  Its values are the
ones the deployment is written for; a finding that rests on one names the template's line.
"""

from __future__ import annotations

import os
import re

from ..lazy import pattern
from ..records import NamedTuple
from .values import encrypted_value

__all__ = ["Str", "EnvEntry", "read_env", "interpolate", "dot_env", "ENV_TEMPLATES", "ENV_TEMPLATE_SUFFIXES"]

# The suffixes of an env file's template kept in a repository (`hub.env.example` for `hub.env`).
ENV_TEMPLATE_SUFFIXES = (".example", ".sample", ".template", ".dist", ".default", ".defaults", ".tmpl")
# The templates a deployment ships for `cp X .env`, in the order they are looked for when `.env` is missing.
ENV_TEMPLATES = (
    ".env.example",
    ".env.sample",
    ".env.template",
    ".env.dist",
    ".env.default",
    ".env.defaults",
    "example.env",
    "sample.env",
    "template.env",
    "env.example",
    "env.sample",
    "env.template",
    "env.txt",
    ".env-example",
    ".env_example",
    "env-example",
    "env_example",
    "env-sample",
    "env-template",
)

_NAME = pattern(r"[A-Za-z_][A-Za-z0-9_]*")
_LINE = pattern(r"[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(?:(=)[ \t]*(.*))?\Z")
MAX_DEPTH = 32
MAX_VALUE = 65536
SHORT = 256
BUDGET = 8_000_000


class _TooLong(Exception):
    pass


class Vars(dict):
    """Variables (name -> :class:`Str`) and what is left of their interpolation budget (shared with the
    ``Vars`` made from them)."""

    def __init__(self, items=(), budget: list[int] | None = None) -> None:
        super().__init__(items)
        self.budget = budget if budget is not None else getattr(items, "budget", None) or [BUDGET]


class Str(NamedTuple):
    """A string value and where it is written: ``value`` (None when unknown), the file, the 1-based
    (line, column, end line, end column) of its text there, and ``via`` — the places it was passed
    through on its way (e.g. a compose ``${VAR}`` reading a ``.env`` entry), as ``path:line`` strings."""

    value: str | None
    path: str
    span: tuple[int, int, int, int]
    via: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.span[0]}"


class OpenEnvironment(dict):
    """A service's environment that an ``env_file`` hublint cannot read may extend (its path holds a variable
    hublint cannot resolve, or the file is not in the repository): a name it does not hold reads as set, to a
    value hublint cannot know (``unread``: where that ``env_file`` is written), so no default stands in for it."""

    def __init__(self, items, unread: Str) -> None:
        super().__init__(items)
        self.unread = unread

    def get(self, name, default=None):
        found = super().get(name)
        return found if found is not None else Str(None, self.unread.path, self.unread.span)


class EnvEntry(NamedTuple):
    """One ``NAME=value`` of a ``.env`` file; ``value`` is None for a bare ``NAME`` (taken from the shell);
    ``literal``: single-quoted, so not interpolated."""

    name: str
    value: str | None
    line: int
    column: int
    end_column: int
    literal: bool = False


def _unquote_double(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "$": "$$"}.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def read_env(text: str) -> list[EnvEntry]:
    """The entries of a ``.env`` file, in order (positions 1-based, columns in code points).

    Values are raw (not yet interpolated); quotes are removed.  A line that is not ``NAME[=VALUE]`` is
    skipped."""
    from .names import no_surrogates

    out: list[EnvEntry] = []
    lines = no_surrogates(text).split("\n")
    i = 0
    while i < len(lines):
        raw = lines[i].rstrip("\r")
        number = i + 1
        i += 1
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _LINE.match(raw)
        if not m:
            continue
        name = m.group(1)
        if not m.group(2):
            out.append(EnvEntry(name, None, number, m.start(1) + 1, m.end(1) + 1))
            continue
        start = m.start(3)
        rest = m.group(3)
        if rest[:1] in ("'", '"'):
            quote = rest[0]
            end = rest.find(quote, 1)
            while quote == '"' and end > 0 and rest[end - 1] == "\\":
                end = rest.find(quote, end + 1)
            if end < 0 and quote == '"':  # a double-quoted value may span lines
                body, k = rest[1:], i
                while k < len(lines) and '"' not in lines[k]:
                    body += "\n" + lines[k].rstrip("\r")
                    k += 1
                if k < len(lines):
                    body += "\n" + lines[k].rstrip("\r")[: lines[k].index('"')]
                    i = k + 1
                value = _unquote_double(body)
                out.append(EnvEntry(name, value, number, start + 2, start + 2 + len(rest) - 1))
                continue
            body = rest[1:end] if end > 0 else rest[1:]
            value = body if quote == "'" else _unquote_double(body)
            # the literal inside the quotes
            out.append(EnvEntry(name, value, number, start + 2, start + 2 + len(body), quote == "'"))
            continue
        comment = re.search(r"[ \t]#", rest)
        value = (rest[: comment.start()] if comment else rest).rstrip()
        out.append(EnvEntry(name, value, number, start + 1, start + 1 + len(value)))
    return out


def env_values(path: str, text: str, environ: dict[str, Str] | None = None) -> dict[str, Str]:
    """A ``.env`` file's variables, interpolated in order (each may use the ones above it)."""
    known = Vars(environ or {})
    out = Vars(budget=known.budget)
    for entry in read_env(text):
        span = (entry.line, entry.column, entry.line, entry.end_column)
        if entry.value is None:
            continue
        if encrypted_value(entry.value):
            known[entry.name] = out[entry.name] = Str(None, path, span)  # encrypted in place: unknown
            continue
        if entry.literal:
            value = Str(entry.value, path, span)
        else:
            value = interpolate(Str(entry.value, path, span), known)
        known[entry.name] = out[entry.name] = value
    return out


def interpolate(raw: Str, env: dict[str, Str], depth: int = 0) -> Str:
    """Compose interpolation of ``raw.value`` with ``env`` (name -> Str).

    The result keeps ``raw``'s position, unless the whole value is one variable reference, when it
    takes the position of the value it resolved to (so a finding points where the text is written)
    and records ``raw`` in ``via``."""
    text = raw.value
    if text is None or "$" not in text:
        return raw
    whole = re.fullmatch(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?\}|([A-Za-z_][A-Za-z0-9_]*))", text, re.S)
    if whole:
        name = whole.group(1) or whole.group(4)
        op = whole.group(2)
        found = env.get(name)
        if found is not None and found.value is not None:
            empty = found.value == ""
            if op in (None, "?", ":?") and not (op == ":?" and empty):
                return found._replace(via=(*found.via, raw.where))
            if op in ("-", ":-") and not (op == ":-" and empty):
                return found._replace(via=(*found.via, raw.where))
    try:
        value = _expand(text, env, depth)
    except _TooLong:
        value = None
    if value is not None and len(value) > SHORT:
        budget = getattr(env, "budget", None)
        if budget is not None:
            if budget[0] < len(value):
                value = None
            else:
                budget[0] -= len(value)
    return Str(value, raw.path, raw.span, raw.via)


def _expand(text: str, env: dict[str, Str], depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return None
    out: list[str] = []
    size = 0
    i, n = 0, len(text)
    while i < n:
        if out:
            size += len(out[-1])
            if size > MAX_VALUE:
                raise _TooLong
        ch = text[i]
        if ch != "$":
            j = text.find("$", i)
            j = n if j < 0 else j
            out.append(text[i:j])
            i = j
            continue
        if i + 1 < n and text[i + 1] == "$":
            out.append("$")
            i += 2
            continue
        if i + 1 < n and text[i + 1] == "{":
            end, inner = _braced(text, i + 2)
            if end < 0:
                return None  # Compose: "Invalid template"
            value = _braced_value(inner, env, depth)
            if value is None:
                return None
            out.append(value)
            i = end + 1
            continue
        m = _NAME.match(text, i + 1)
        if m:
            found = env.get(m.group(0))
            if found is None or found.value is None:
                return None
            out.append(found.value)
            i = m.end()
            continue
        out.append("$")
        i += 1
    result = "".join(out)
    if len(result) > MAX_VALUE:
        raise _TooLong
    return result


def _braced(text: str, start: int) -> tuple[int, str]:
    depth, i = 0, start
    while i < len(text):
        if text.startswith("${", i):
            depth += 1
            i += 2
            continue
        if text[i] == "}":
            if depth == 0:
                return i, text[start:i]
            depth -= 1
        i += 1
    return -1, ""


def _braced_value(inner: str, env: dict[str, Str], depth: int) -> str | None:
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?", inner)
    if not m:
        return None
    name, op = m.group(1), m.group(2)
    word = inner[m.end() :]
    if op is None and word:
        return None
    found = env.get(name)
    value = found.value if found is not None else None
    present = value is not None
    if op is None:
        return value
    set_ = present and (value != "" or op in ("-", "?", "+"))
    if op in ("-", ":-"):
        return value if set_ else _expand(word, env, depth + 1)
    if op in ("+", ":+"):
        return _expand(word, env, depth + 1) if set_ else ""
    # ? and :? — an error when unset; the value otherwise
    return value if set_ else None


def dot_env(folder: str, read_text) -> tuple[str, str] | None:
    """The ``.env`` of a folder as ``(path, text)``, or — when it has none — its first template
    (:data:`ENV_TEMPLATES`); None when there is neither, or when ``.env`` is there but cannot be read (encrypted,
    too large).  ``read_text(path) -> str | None``."""
    for name in (".env", *ENV_TEMPLATES):
        path = os.path.join(folder, name)
        text = read_text(path)
        if text is not None:
            return path, text
        if name == ".env" and os.path.lexists(path):
            return None  # there, but encrypted, too large or unreadable: its values are unknown, not the template's
    return None
