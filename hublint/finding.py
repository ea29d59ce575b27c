"""Findings: what a rule reports, with 1-based ranges (columns in code points, end exclusive)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum

__all__ = ["Severity", "Edit", "Fix", "Finding", "Hit"]


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Edit:
    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_json(self) -> dict:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "content": self.content}


@dataclass(frozen=True, slots=True)
class Fix:
    message: str
    applicability: str  # "safe" | "unsafe"
    edits: tuple[Edit, ...]

    def to_json(self) -> dict:
        return {"message": self.message, "applicability": self.applicability,
                "edits": [e.to_json() for e in self.edits]}


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule yields: a message at a range.  The engine adds code, name, severity, path."""

    message: str
    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    fix: Fix | None = None


@dataclass(frozen=True, slots=True, order=True)
class Finding:
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

    def to_json(self) -> dict:
        return {
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

    def with_severity(self, severity: str) -> Finding:
        return replace(self, severity=severity)
