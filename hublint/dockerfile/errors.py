"""What a file BuildKit's parser rejects raises: :class:`ParseError` (used by :mod:`.decoding` and
:mod:`.syntax`; imports nothing)."""

from __future__ import annotations


class ParseError(ValueError):
    """A file BuildKit's parser rejects.  ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(1, line)
        self.column = max(1, column)

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"
