"""Values read from deployment files, with where they are written: shared by every reader of
:mod:`hublint.deployment` (the YAML loader, compose, values, ``jupyterhub_config.py``)."""

from __future__ import annotations

from ..records import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any

    from .dotenv import Str

__all__ = [
    "Value",
    "UNKNOWN_VALUE",
    "UnknownKey",
    "ConfigReadError",
    "Span",
    "encrypted_value",
    "block_offset",
    "shift",
    "pin",
    "mapping",
]

Span = tuple[int, int, int, int]


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN_VALUE = _Unknown()


def encrypted_value(text: str) -> bool:
    """Is this value encrypted in place — sops' or hiera-eyaml's ``ENC[METHOD,…]``?  Such a value is unknown
    (YAML's ``!vault`` tag is recognised by the YAML reader)."""
    return text.startswith("ENC[") and text.endswith("]") and "," in text and text[4:5].isalnum()


class UnknownKey(str):
    """A dict key hublint cannot compute (``{os.environ["X"] + "/data": "/home/jovyan/data"}``): the entry is
    kept, since its value may be known; the key shows as ``…``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "…"

    __str__ = __repr__


class ConfigReadError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, max(1, line), max(1, column)


class Value(NamedTuple):
    """A configuration value (str, int, bool, None, list of Value, dict of key -> Value, or UNKNOWN_VALUE)
    and where it is written.  ``origin``: for a value read from the environment (``os.environ[…]``), the
    :class:`hublint.deployment.dotenv.Str` it resolved to — written in another file (compose, ``.env``)."""

    value: Any
    span: Span
    origin: Str | None = None

    def plain(self):
        v = self.value
        if isinstance(v, list):
            return [x.plain() for x in v]
        if isinstance(v, dict):
            return {k: x.plain() for k, x in v.items()}
        return v


# --------------------------------------------------------------------------- positions of YAML written as a string
def block_offset(text: str | list[str], value: Value) -> tuple[int, int] | None:
    """(lines, columns) from a position in a YAML block scalar's text (``key: |``) to the same position in the
    file (``text``: the file, or its lines); None when the string is not written as a block (its positions are
    then the string's own)."""
    body = value.value
    if not isinstance(body, str):
        return None
    lines = text.split("\n") if isinstance(text, str) else text
    start = value.span[0]  # the line of `|`: the text starts on the next one
    first = next((i for i in range(start, min(len(lines), start + 1000)) if lines[i].strip()), None)
    if first is None:
        return None
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    written = [ln[indent:] for ln in lines[start : start + len(body.rstrip("\n").split("\n"))]]
    if [ln.rstrip() for ln in written if ln.strip()] == [ln.rstrip() for ln in body.split("\n") if ln.strip()]:
        return start, indent
    return None


def shift(value: Value, lines: int, cols: int) -> Value:
    """``value`` with every position moved by ``lines`` and ``cols``."""
    a, b, c, d = value.span
    span = (a + lines, b + cols, c + lines, d + cols)
    v = value.value
    if isinstance(v, list):
        return Value([shift(x, lines, cols) for x in v], span)
    if isinstance(v, dict):
        return Value({k: shift(x, lines, cols) for k, x in v.items()}, span)
    return Value(v, span)


def pin(value: Value, span: Span) -> Value:
    """``value`` with every position at ``span``."""
    v = value.value
    if isinstance(v, list):
        return Value([pin(x, span) for x in v], span)
    if isinstance(v, dict):
        return Value({k: pin(x, span) for k, x in v.items()}, span)
    return Value(v, span)


def mapping(value: Value | None) -> dict:
    """A YAML mapping's entries (``{}`` for anything else, or nothing)."""
    return value.value if value is not None and isinstance(value.value, dict) else {}
