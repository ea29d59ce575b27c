"""Regular expressions compiled on first use (a leaf: imports nothing of hublint).

Compiling every module's patterns when it is imported costs start-up time that a run rarely needs: linting
one Dockerfile uses a handful of hublint's patterns.  :func:`pattern` returns an object with the methods of a
compiled pattern that compiles it the first time one is called.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["pattern", "LazyPattern"]


class LazyPattern:
    __slots__ = ("_args", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._args = (source, flags)
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        found = self._compiled
        if found is None:
            found = self._compiled = re.compile(*self._args)
        return found

    @property
    def pattern(self) -> str:
        return self._args[0]

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, *args)

    def findall(self, string: str, *args: int) -> list:
        return self.compiled().findall(string, *args)

    def sub(self, repl, string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list:
        return self.compiled().split(string, maxsplit)


def pattern(source: str, flags: int = 0) -> LazyPattern:
    """A regular expression, compiled the first time it is used."""
    return LazyPattern(source, flags)
