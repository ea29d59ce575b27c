"""Edits and fixes: what a fix changes in a file (a leaf: imports nothing of hublint).

An :class:`Edit` replaces a 1-based range (columns in code points, end exclusive) of the decoded text; a
:class:`Fix` is a message, an applicability (``safe`` or ``unsafe``) and its edits.  The image analysis
suggests them (:mod:`hublint.image.installs`), rules attach them to findings, the workspace applies them.
"""

from __future__ import annotations

from .records import NamedTuple

__all__ = ["Edit", "Fix", "Span"]

Span = tuple[int, int, int, int]  # 1-based (line, column, end line, end column); end column exclusive


class Edit(NamedTuple):
    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_json(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


class Fix(NamedTuple):
    message: str
    applicability: str  # "safe" | "unsafe"
    edits: tuple[Edit, ...]

    def to_json(self) -> dict:
        return {
            "message": self.message,
            "applicability": self.applicability,
            "edits": [e.to_json() for e in self.edits],
        }
