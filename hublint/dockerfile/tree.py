"""A Dockerfile as BuildKit's parser gives it: :class:`SyntaxTree` of :class:`Instruction` (with their
:class:`Heredoc` bodies) and :class:`Comment`.  Plain values; built by :mod:`.syntax`, read by the model and
the rules.  Imports only :mod:`.gotext`."""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple
from collections.abc import Callable
from operator import itemgetter

from .gotext import GO_SPACE

_piece_start = itemgetter(0)


class Heredoc(
    namedtuple("Heredoc", "name content fd expand chomp start_line end_line", defaults=(0, True, False, 0, 0))
):
    # name: str
    # content: str
    # fd: int = 0
    # expand: bool = True
    # chomp: bool = False
    # start_line: int = 0
    # end_line: int = 0
    __slots__ = ()


class Comment(namedtuple("Comment", "line column text")):
    # line: int
    # column: int
    # text: str
    __slots__ = ()


class Instruction(
    namedtuple(
        "Instruction",
        "keyword start_line end_line original args args_offset flags flag_spans heredocs json value sub pieces words",
        defaults=((), (), (), False, (), None, (), None),
    )
):
    """One instruction as BuildKit's parser produces it.

    ``original`` is the logical line (continuations joined, comments and empty
    continuation lines removed); ``args`` is what follows the keyword and flags.
    Offsets into ``original`` map back to the file with :meth:`position`.
    """

    # keyword: str
    # start_line: int
    # end_line: int
    # original: str
    # args: str
    # args_offset: int
    # flags: tuple[str, ...] = ()
    # flag_spans: tuple[tuple[int, int], ...] = ()
    # heredocs: tuple[Heredoc, ...] = ()
    # json: bool = False
    # value: tuple[str, ...] = ()
    # sub: Instruction | None = None
    # pieces: tuple[tuple[int, int, int], ...] = ()
    # words: (escape, latin1, parse_words(args)) of an ENV, LABEL or ARG, as the parser split them, or None
    __slots__ = ()

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of ``original[offset]``."""
        pieces = self.pieces
        if not pieces:
            return self.start_line, 1 + offset
        k = bisect_right(pieces, offset, key=_piece_start) - 1
        start, line, column = pieces[max(k, 0)]
        return line, column + (offset - start)

    def locator(self, base: int = 0) -> Callable[[int], tuple[int, int]]:
        """``lambda offset: self.position(base + offset)``, for the many words of one instruction: the pieces'
        starts are listed once, not fetched through a key at each step of each search."""
        pieces = self.pieces
        if not pieces:
            line = self.start_line
            return lambda offset: (line, 1 + base + offset)
        starts = [piece[0] for piece in pieces]

        def locate(offset: int) -> tuple[int, int]:
            offset += base
            start, line, column = pieces[max(bisect_right(starts, offset) - 1, 0)]
            return line, column + (offset - start)

        return locate

    @property
    def keyword_span(self) -> tuple[int, int]:
        start = len(self.original) - len(self.original.lstrip(GO_SPACE))
        return start, start + len(self.keyword)

    def flag(self, name: str) -> str | None:
        """The value of the last ``--name=value`` flag (``""`` for a bare ``--name``)."""
        found = None
        for f in self.flags:
            key, eq, val = f[2:].partition("=")
            if key == name:
                found = val if eq else ""
        return found


class SyntaxTree(
    namedtuple(
        "SyntaxTree",
        "instructions comments escape directives empty_continuation_lines latin1",
        defaults=("\\", (), (), False),
    )
):
    # instructions: tuple[Instruction, ...]
    # comments: tuple[Comment, ...]
    # escape: str = "\\"
    # directives: tuple[tuple[str, str, int], ...] = ()
    # empty_continuation_lines: tuple[int, ...] = ()
    # latin1: bool = False  (the text is a file's bytes, one character each: the file is not UTF-8)
    __slots__ = ()
