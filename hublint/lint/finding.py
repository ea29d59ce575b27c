"""Findings: what hublint reports, with 1-based ranges (columns in code points, end exclusive).

A named tuple: frozen, compared and ordered field by field (path, line, column, code, …), hashable.
"""

from __future__ import annotations

from ..edits import Edit, Fix
from ..records import NamedTuple
from .hits import SEVERITIES, Hit

__all__ = ["SEVERITIES", "Edit", "Fix", "Finding", "Hit"]


class Finding(NamedTuple):
    path: str
    line: int
    column: int
    code: str
    name: str
    severity: str  # "error" | "warning" | "info"
    message: str
    end_line: int
    end_column: int
    fix: Fix | None = None
    help: str | None = None
    confidence: str = "certain"  # the certainty of its weakest premise: "certain" | "likely" | "weak"

    def to_json(self) -> dict:
        doc = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "fix": self.fix.to_json() if self.fix else None,
        }
        if self.help:
            doc["help"] = self.help
        doc["confidence"] = self.confidence
        return doc
