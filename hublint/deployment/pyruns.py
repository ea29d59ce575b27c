"""A Python file as modules to read in order: whole when it is short, else runs of whole top-level statements
(CPython's ``ast`` takes about 180 bytes of memory per character of dense source, so a file longer than
:data:`MAX_PARSE` characters is parsed a run at a time).  Imported by :mod:`.hubconfig` on its first Python
configuration only (``ast`` is not on the start-up path of a Dockerfile)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from .values import ConfigReadError

MAX_PARSE = 262_144  # characters parsed at once (a file up to this long is parsed whole)
_PIECE = 65_536  # the first size tried for a run of statements of a longer file


def parse(text: str) -> ast.Module:
    try:
        return ast.parse(text)
    except SyntaxError as exc:
        raise ConfigReadError(f"not valid Python: {exc.msg}", exc.lineno or 1, exc.offset or 1) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ConfigReadError(f"not valid Python: {exc}") from None


def modules(
    text: str, whole: int | None = None, limit: int | None = None, piece: int | None = None
) -> Iterator[ast.Module]:
    """The file as modules to read in order: the whole file when it is at most MAX_PARSE characters; else runs
    of whole top-level statements, each cut before a line that starts a statement at the left margin, tried at
    _PIECE characters and doubled while Python cannot parse the run (a cut inside a string or a bracket), up to
    MAX_PARSE.  Each run is parsed after as many newlines as lines before it, so that line numbers are the
    file's; the caller drops a run before the next is parsed.  (``whole``, ``limit`` and ``piece``: MAX_PARSE,
    MAX_PARSE and _PIECE but in tests.)"""
    whole = MAX_PARSE if whole is None else whole
    limit = MAX_PARSE if limit is None else limit
    piece = _PIECE if piece is None else piece
    if len(text) <= whole:
        yield parse(text)
        return
    start, line = 0, 0
    while start < len(text):
        size = piece
        while True:
            cut = cut_at(text, start + size)
            if cut - start > limit:
                raise ConfigReadError(
                    f"not read: from line {line + 1}, no run of whole statements under {limit:,} characters"
                    " parses (a statement too long to judge, or not valid Python)",
                    line + 1,
                )
            try:
                tree = ast.parse("\n" * line + text[start:cut])
                break
            except SyntaxError as exc:
                if cut == len(text):
                    raise ConfigReadError(f"not valid Python: {exc.msg}", exc.lineno or 1, exc.offset or 1) from None
            except (ValueError, RecursionError, MemoryError) as exc:
                raise ConfigReadError(f"not valid Python: {exc}") from None
            size *= 2
        yield tree
        del tree
        line += text.count("\n", start, cut)
        start = cut


_CONTINUES = ("else", "elif", "except", "finally")
_WORD = re.compile(r"\w+")


def cut_at(text: str, at: int) -> int:
    """The start of the first line at or after ``at`` that may begin a top-level statement (not blank, not a
    comment, not indented, not a closing bracket, not the ``else``/``elif``/``except``/``finally`` of a
    statement before it); the end of the text if none does."""
    n = len(text)
    if at >= n:
        return n
    pos = text.rfind("\n", 0, at) + 1
    if pos < at:
        pos = text.find("\n", at) + 1 or n
    while pos < n:
        first = text[pos]
        if first not in " \t\f\r\n#\\)]}":
            word = _WORD.match(text, pos, pos + 9)
            if word is None or word.group() not in _CONTINUES:
                return pos
        pos = text.find("\n", pos) + 1 or n
    return n
