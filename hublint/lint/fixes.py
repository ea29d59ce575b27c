"""Fixes: building edits from instruction offsets, and applying them to the text.

An edit replaces a 1-based range (columns in code points, end exclusive) of the decoded text;
everything outside the edited ranges stays as it was, byte for byte once re-encoded.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..edits import Edit, Fix

__all__ = ["edit", "fix", "apply_fixes", "text_at"]


def edit(img, ins, start: int, end: int, content: str) -> Edit:
    """An edit replacing ``ins.original[start:end]`` (positions mapped back to the file)."""
    line, column, end_line, end_column = img.span(ins, start, end)
    return Edit(line, column, end_line, end_column, content)


def fix(message: str, applicability: str, *edits: Edit) -> Fix:
    return Fix(message, applicability, tuple(edits))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _offset(starts: list[int], text: str, line: int, column: int) -> int | None:
    if line == len(starts) + 1 and column == 1:
        return len(text)
    if not 1 <= line <= len(starts):
        return None
    off = starts[line - 1] + column - 1
    end = starts[line] - 1 if line < len(starts) else len(text)
    return off if off <= end + 1 else None


def text_at(text: str, e: Edit) -> str | None:
    """The text an edit would replace (None if its range is not in ``text``)."""
    starts = _line_starts(text)
    a = _offset(starts, text, e.line, e.column)
    b = _offset(starts, text, e.end_line, e.end_column)
    if a is None or b is None or b < a:
        return None
    return text[a:b]


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply fixes whose edits do not overlap an earlier fix's; returns (new text, fixes applied)."""
    starts = _line_starts(text)
    taken: list[tuple[int, int]] = []
    planned: list[tuple[int, int, str]] = []
    applied = 0
    for f in fixes:
        spans: list[tuple[int, int, str]] = []
        for e in f.edits:
            a = _offset(starts, text, e.line, e.column)
            b = _offset(starts, text, e.end_line, e.end_column)
            if a is None or b is None or b < a:
                spans = []
                break
            spans.append((a, b, e.content))
        if not spans:
            continue
        if any((a < tb and ta < b) or (a == b == ta) for a, b, _ in spans for ta, tb in taken):
            continue
        taken.extend((a, b) for a, b, _ in spans)
        planned.extend(spans)
        applied += 1
    for a, b, content in sorted(planned, key=lambda s: (s[0], s[1]), reverse=True):
        text = text[:a] + content + text[b:]
    return text, applied
