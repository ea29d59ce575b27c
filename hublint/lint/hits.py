"""What rules yield (:class:`Hit`, with an optional :class:`Fix`), before the engine makes them Findings.

Plain named tuples: no dataclass machinery on the start-up path.
"""

from __future__ import annotations

from collections import namedtuple

__all__ = ["SEVERITIES", "Edit", "Fix", "Hit"]

SEVERITIES = ("info", "warning", "error")  # in increasing order


class Edit(namedtuple("Edit", "line column end_line end_column content")):
    # line: int
    # column: int
    # end_line: int
    # end_column: int
    # content: str
    __slots__ = ()

    def to_json(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


class Fix(namedtuple("Fix", "message applicability edits")):
    # message: str
    # applicability: str
    # edits: tuple[Edit, ...]
    __slots__ = ()

    def to_json(self) -> dict:
        return {
            "message": self.message,
            "applicability": self.applicability,
            "edits": [e.to_json() for e in self.edits],
        }


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    class _HitFields(tuple):
        message: str
        line: int
        column: int
        end_line: int | None
        end_column: int | None
        fix: Fix | None
        help: str | None

        # for type checkers: a range (often ``*anchor``), then fix and help by keyword
        def __new__(cls, message: str, *where: int | None, fix: Fix | None = None, help: str | None = None) -> Hit: ...
        def _replace(self, **changes: Any) -> Hit: ...

else:
    _HitFields = namedtuple(
        "Hit", "message line column end_line end_column fix help", defaults=(1, None, None, None, None)
    )


class Hit(_HitFields):
    """What a rule yields: a message at a range, and how to fix it (``help``: one line).  The engine adds code,
    name, severity, path."""

    # message: str
    # line: int
    # column: int = 1
    # end_line: int | None = None
    # end_column: int | None = None
    # fix: Fix | None = None
    # help: str | None = None  (the fix, in words: one line)
    __slots__ = ()
