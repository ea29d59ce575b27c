"""The words and flags of an instruction's arguments, as BuildKit's ``line_parsers.go`` and
``extractBuilderFlags`` read them (byte by byte, Go's blanks).

Used by :mod:`.syntax` and the model; imports only :mod:`.gotext`.
"""

from __future__ import annotations

import re

from .gotext import _BYTE_BLANKS, _LATIN1, _UNICODE, _char_offset, _go_bytes


def _extract_flags(rest: str, esc: str = "\\", latin1: bool = False) -> tuple[int, list[str], list[tuple[int, int]]]:
    """Port of ``extractBuilderFlags``: (offset of what follows, flags, flag spans).

    BuildKit reads the flags byte by byte (``rune(line[pos])``): a flag's non-ASCII text is its UTF-8 bytes
    read as latin-1 (``--x=é`` is ``--x=Ã©``), and the bytes 0x85 and 0xA0 are blanks (also inside a
    character: ``à`` is C3 A0).  Its escape is the file's escape token."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    # no flag: the common case, without the bytes (a character that is not ASCII starts with no blank byte)
    lead = rest.lstrip("\t\n\v\f\r \x85\xa0" if latin1 else "\t\n\v\f\r ")
    if not lead.startswith("--"):
        return (len(rest) - len(lead) if lead else len(rest)), words, spans
    b = _go_bytes(rest, latin1)
    n = len(b)
    pos = 0
    escape = ord(esc)

    def chars(off: int) -> int:
        return _char_offset(b, off, latin1)

    while True:
        while pos < n and b[pos] in _BYTE_BLANKS:
            pos += 1
        if pos >= n:
            return len(rest), words, spans
        if b[pos] != 0x2D or pos + 1 == n or b[pos + 1] != 0x2D:
            return chars(pos), words, spans
        start = pos
        word = bytearray()
        blank_ok = False
        quote = 0
        while pos < n:
            ch = b[pos]
            if quote:
                if ch == quote:
                    quote = 0
                elif ch == escape:
                    if pos + 1 == n:
                        quote = 0
                    else:
                        pos += 1
                        word.append(b[pos])
                else:
                    word.append(ch)
                pos += 1
                continue
            if ch in _BYTE_BLANKS:
                break
            if ch in (0x22, 0x27):
                quote = ch
                blank_ok = True
            elif ch == escape:
                if pos + 1 < n:
                    pos += 1
                    word.append(b[pos])
            else:
                word.append(ch)
            pos += 1
        text = word.decode("latin-1")
        if text == "--" and pos < n:
            return chars(pos), words, spans
        if text != "--" and (blank_ok or text):
            words.append(text)
            spans.append((chars(start), chars(pos)))
        if pos >= n:
            return len(rest), words, spans


_ASCII_WORD = re.compile(r"[^\t\n\x0b\x0c\r ]+")


def parse_words(rest: str, esc: str, latin1: bool = False) -> list[tuple[str, int, int]]:
    """Port of ``parseWords``: words keep their quotes; (word, start, end) offsets.  ``latin1``: ``rest`` is a
    latin-1 text's (:attr:`SyntaxTree.latin1`)."""
    if rest.isascii() and "'" not in rest and '"' not in rest and esc not in rest:
        # no quotes, no escapes, only ASCII blanks: plain splitting gives the same words
        return [(m.group(0), m.start(), m.end()) for m in _ASCII_WORD.finditer(rest)]
    blanks = _LATIN1 if latin1 else _UNICODE
    out: list[tuple[str, int, int]] = []
    n = len(rest)
    pos = 0
    while pos < n:
        while pos < n and (width := blanks.at(rest, pos)):
            pos += width
        if pos >= n:
            break
        start = pos
        word: list[str] = []
        quote = ""
        blank_ok = False
        while pos < n:
            ch = rest[pos]
            if quote:
                if ch == quote:
                    quote = ""
                    word.append(ch)
                elif ch == esc and quote != "'":
                    if pos + 1 == n:
                        quote = ""
                    else:
                        word.append(ch)
                        pos += 1
                        word.append(rest[pos])
                else:
                    word.append(ch)
                pos += 1
                continue
            if blanks.at(rest, pos):
                break
            if ch in "'\"":
                quote = ch
                blank_ok = True
                word.append(ch)
            elif ch == esc:
                if pos + 1 < n:
                    word.append(ch)
                    pos += 1
                    word.append(rest[pos])
            else:
                word.append(ch)
            pos += 1
        if blank_ok or word:
            out.append(("".join(word), start, pos))
    return out
