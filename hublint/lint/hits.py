"""What rules yield: a :class:`Hit` (a message at a range, with an optional fix and help line).  The engine
makes each one a :class:`~hublint.lint.finding.Finding`, adding code, name, severity and path."""

from __future__ import annotations

from ..edits import Edit, Fix
from ..records import NamedTuple

__all__ = ["SEVERITIES", "Edit", "Fix", "Hit"]

SEVERITIES = ("info", "warning", "error")  # in increasing order


class Hit(NamedTuple):
    """A message at a range (1-based; often written ``*anchor``), the fix, and the fix in words (``help``, one
    line); ``confidence``: how sure a premise the rule judged itself is ("weak": the deployment it needs is not
    in view), weighed with the rule's declared premises (None: certain)."""

    message: str
    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    fix: Fix | None = None
    help: str | None = None
    confidence: str | None = None
