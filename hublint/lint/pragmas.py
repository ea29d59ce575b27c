"""Inline pragmas: ``# hublint ignore=CODES`` (next instruction) and ``# hublint global ignore=CODES``."""

from __future__ import annotations

from ..dockerfile.syntax import Comment
from ..lazy import pattern
from ..records import NamedTuple

__all__ = ["Pragma", "find_pragmas"]

_PRAGMA = pattern(r"#[ \t]*hublint[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*([^#]*)")


class Pragma(NamedTuple):
    line: int
    is_global: bool
    items: tuple[tuple[str, int, int], ...]  # (text, column, end column)


def find_pragmas(comments: tuple[Comment, ...]) -> list[Pragma]:
    out = []
    for c in comments:
        m = _PRAGMA.match(c.text)
        if not m:
            continue
        items = []
        base = c.column + m.start(2)
        pos = 0
        for part in m.group(2).split(","):
            text = part.strip()
            if text:
                start = base + pos + (len(part) - len(part.lstrip()))
                items.append((text, start, start + len(text)))
            pos += len(part) + 1
        out.append(Pragma(c.line, bool(m.group(1)), tuple(items)))
    return out
