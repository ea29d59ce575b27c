"""Findings: what hublint reports, with 1-based ranges (columns in code points, end exclusive).

A named tuple: frozen, compared and ordered field by field (path, line, column, code, …), hashable — and
no dataclass machinery on the start-up path.
"""

from __future__ import annotations

from collections import namedtuple

from .hits import SEVERITIES, Edit, Fix, Hit

__all__ = ["SEVERITIES", "Edit", "Fix", "Finding", "Hit"]


class Finding(
    namedtuple(
        "Finding", "path line column code name severity message end_line end_column fix help", defaults=(None, None)
    )
):
    # path: str
    # line: int
    # column: int
    # code: str
    # name: str
    # severity: str  ("error" | "warning" | "info")
    # message: str
    # end_line: int
    # end_column: int
    # fix: Fix | None = None
    # help: str | None = None
    __slots__ = ()

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
        return doc

    def with_severity(self, severity: str) -> Finding:
        return self._replace(severity=severity)
