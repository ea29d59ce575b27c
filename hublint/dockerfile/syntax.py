"""Dockerfile syntax: bytes -> instructions, exactly as BuildKit's parser reads them.

This is a port of the line scanner of ``moby/buildkit/frontend/dockerfile/parser``
(``parser.go``, ``line_parsers.go``, ``split_command.go``, ``directives.go``) and of the shell
lexer it runs to find heredocs (:mod:`.golex`), following current BuildKit where it differs from
v0.12.5 (blanks after ``<<``, the ``check`` directive, blanks after a directive's ``#``, text after
an exec-form JSON array, the escape token in flags).  Go's own behaviour is kept where Python's
differs: instruction names fold with ``strings.ToLower`` (``ENTRYPOİNT`` is ENTRYPOINT, ``UſER`` is
no USER), flags and HEALTHCHECK's type are read byte by byte, JSON is ``encoding/json`` (numbers out
of float64's range make it shell form, nesting up to 10,000, a lone surrogate is U+FFFD) and a line
is at most 65,535 bytes, counted in the file's own bytes.  ``dockerfile-parse`` disagrees with
BuildKit on most real files (``shared/reference/dockerfile-parse-gaps.md``); the test suite uses it
as a second opinion on the files where it is known to be right.

Nothing here resolves variables or knows about stages: see :mod:`hublint.model`.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import namedtuple
from operator import itemgetter

# Go's unicode.IsSpace
GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

__all__ = [
    "ParseError",
    "Heredoc",
    "Comment",
    "Instruction",
    "SyntaxTree",
    "DecodedText",
    "decode",
    "scan",
    "go_lower",
]

MAX_LINE_BYTES = 65535  # bufio.MaxScanTokenSize - 1: a line and its newline fill at most 64 KiB
MAX_JSON_DEPTH = 10000  # encoding/json's maxNestingDepth

_GO_SPACE = GO_SPACE
_RE_WS = re.compile(r"[\t\v\f\r ]+")
# BuildKit: after the '#' and unicode blanks, ^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$ (Go's \s: [\t\n\f\r ]).  The
# value is taken apart by hand below: a lazy (.+?) before \s*$ backtracks quadratically on long lines of blanks.
_RE_DIRECTIVE = re.compile(r"([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=(.*)\Z", re.ASCII | re.DOTALL)
_DIRECTIVE_BLANKS = "\t\n\f\r "
# parser.go's reHeredoc; Go's \d and \s are ASCII
_RE_HEREDOC = re.compile(r"([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)\Z", re.DOTALL)
_VALID_DIRECTIVES = frozenset({"syntax", "escape", "check"})
_HEREDOC_KEYWORDS = frozenset({"ADD", "COPY", "RUN"})
_JSON_KEYWORDS = frozenset({"RUN", "CMD", "ENTRYPOINT", "SHELL"})
_JSON_LIST_KEYWORDS = frozenset({"ADD", "COPY", "VOLUME"})
NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only"
_SURROGATE = re.compile("[\ud800-\udfff]")
_piece_start = itemgetter(0)


class ParseError(ValueError):
    """A file BuildKit's parser rejects.  ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(1, line)
        self.column = max(1, column)

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


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


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


class DecodedText(str):
    """Text :func:`decode_detail` read from a UTF-8 file with a byte-order mark, or from a file that is not UTF-8
    (latin-1), and how: ``codec`` and the ``bom`` it removed.

    :func:`scan` reads it as BuildKit reads those bytes: the BOM counts in the first line's length and no
    second one is removed; a latin-1 text is one byte per character.  Any operation on it gives a plain
    ``str``, which :func:`scan` reads as its UTF-8 encoding — what a file without a BOM is.  (C code that wants
    exactly a ``str``, such as PyYAML's parser, is given ``str(text)``.)"""

    codec: str = "utf-8"
    bom: bytes = b""


def _decoded(text: str, codec: str, bom: bytes) -> str:
    if codec not in ("latin-1", "utf-8") or (codec == "utf-8" and not bom):
        return text  # a plain str reads as its UTF-8 bytes: exactly this file's (or BuildKit cannot read it)
    out = DecodedText(text)
    out.codec, out.bom = codec, bom
    return out


def decode(raw: bytes) -> str:
    return decode_detail(raw)[0]


def encode(text: str, codec: str, bom: bytes) -> bytes:
    """The inverse of :func:`decode_detail` (for ``--fix``)."""
    return bom + text.encode(codec)


def decode_detail(raw: bytes) -> tuple[str, str, bytes]:
    """Bytes to text as hublint reads files.

    A UTF-8 BOM is dropped (BuildKit does so).  UTF-16/32 with a BOM is decoded
    (BuildKit cannot read it; hublint lints the text).  Other bytes that are not
    UTF-8 are read as latin-1, one character per byte, as Docker passes them on.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return _decoded(raw[len(bom) :].decode(codec), codec, bom), codec, bom
            except UnicodeDecodeError as exc:
                name = codec.upper()
                raise ParseError(f"file starts with a {name} byte-order mark but is not {name} text") from exc
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ParseError(_nul_message(raw), raw.count(b"\n", 0, nul) + 1)
    try:
        return _decoded(raw.decode("utf-8"), "utf-8", b""), "utf-8", b""
    except UnicodeDecodeError:
        return _decoded(raw.decode("latin-1"), "latin-1", b""), "latin-1", b""


def _nul_message(raw: bytes) -> str:
    """NUL bytes: Dockerfiles never hold them; say what the file probably is."""
    sample = raw[:4096]
    quarters = [sample[i::4].count(0) for i in range(4)]
    n = max(1, len(sample) // 4)
    if quarters[1] + quarters[2] + quarters[3] > 2.5 * n and quarters[0] < n / 2:
        kind = "UTF-32-LE"
    elif quarters[0] + quarters[1] + quarters[2] > 2.5 * n and quarters[3] < n / 2:
        kind = "UTF-32-BE"
    elif sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) < len(sample) // 16:
        kind = "UTF-16-LE"
    elif sample[0::2].count(0) > len(sample) // 4 and sample[1::2].count(0) < len(sample) // 16:
        kind = "UTF-16-BE"
    else:
        return "binary file (it contains NUL bytes): not a Dockerfile"
    return f"the file looks like {kind} text without a byte-order mark; save it as UTF-8"


# --------------------------------------------------------------------------- Go's view of the text

_LOWER_SPECIAL = {"\u0130": "i"}  # unicode.ToLower is the simple mapping; Python's lower() the full one


def go_lower(s: str) -> str:
    """Go's ``strings.ToLower``: per character, the simple lowercase mapping (``İ`` -> ``i``, the Kelvin sign
    -> ``k``, ``ſ`` and ``ı`` stay)."""
    if s.isascii():
        return s.lower()
    return "".join(_LOWER_SPECIAL.get(c) or c.lower() for c in s)


def _keyword(cmd: str) -> str:
    """The instruction name hublint compares: BuildKit dispatches on ``strings.ToLower(cmd)``."""
    low = go_lower(cmd)
    return low.upper() if low.isascii() else cmd


def _go_view(text: str) -> str:
    """A latin-1 text (one character per byte) as Go reads its bytes: UTF-8, each invalid byte U+FFFD."""
    return text.encode("latin-1").decode("utf-8", "surrogateescape").translate(_ESCAPED_BYTES)


_ESCAPED_BYTES = dict.fromkeys(range(0xDC80, 0xDD00), 0xFFFD)
_BYTE_BLANKS = frozenset(b"\t\n\v\f\r \x85\xa0")  # unicode.IsSpace(rune(b)) for one byte


class _Blanks:
    """``unicode.IsSpace`` over decoded runes.  In a UTF-8 text a blank is one character of ``GO_SPACE``."""

    latin1 = False

    def lstrip(self, s: str) -> str:
        return s.lstrip(GO_SPACE)

    def rstrip(self, s: str) -> str:
        return s.rstrip(GO_SPACE)

    def strip(self, s: str) -> str:
        return s.strip(GO_SPACE)

    def at(self, s: str, i: int) -> int:
        """The length of the blank at ``s[i]`` (0: none)."""
        return 1 if s[i] in GO_SPACE else 0


_L1_BLANK = (
    "(?:[\t\n\x0b\x0c\r ]|\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80)"
)
_L1_WIDE = tuple(c.encode("utf-8").decode("latin-1") for c in GO_SPACE if ord(c) > 0x7F)


class _Latin1Blanks(_Blanks):
    """In a latin-1 text each character is a byte: Go decodes the bytes as UTF-8, so a blank is an ASCII blank
    or the UTF-8 bytes of a non-ASCII one (a lone byte 0x85 or 0xA0 is no blank)."""

    latin1 = True

    def lstrip(self, s: str) -> str:
        m = re.compile(_L1_BLANK + "*").match(s)  # (re caches compiled patterns)
        return s[m.end() :] if m else s

    def rstrip(self, s: str) -> str:
        while True:
            s = s.rstrip("\t\n\x0b\x0c\r ")
            for wide in _L1_WIDE:
                if s.endswith(wide):
                    s = s[: -len(wide)]
                    break
            else:
                return s

    def strip(self, s: str) -> str:
        return self.rstrip(self.lstrip(s))

    def at(self, s: str, i: int) -> int:
        m = re.compile(_L1_BLANK).match(s, i)
        return m.end() - i if m else 0


_UNICODE = _Blanks()
_LATIN1 = _Latin1Blanks()


def _go_bytes(s: str, latin1: bool) -> bytes:
    return s.encode("latin-1") if latin1 else s.encode("utf-8")


def _char_offset(b: bytes, off: int, latin1: bool) -> int:
    """The character offset of byte ``off`` (inside a character: that character's)."""
    return off if latin1 else len(b[:off].decode("utf-8", "ignore"))


# --------------------------------------------------------------------------- helpers


def _trim_newline(s: str) -> str:
    return s.rstrip("\r\n")


def _continuation(line: str, esc: str) -> tuple[str, bool]:
    """BuildKit's ``([^E])E[ \\t]*$|^E[ \\t]*$`` continuation regex: (line, is_end)."""
    body = line.rstrip(" \t")
    if body.endswith(esc):
        if len(body) == 1:
            return "", False
        if body[-2] != esc:
            return body[:-1], False
    return line, True


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


# --------------------------------------------------------------------------- JSON (encoding/json)

_JSON_TOKEN = (
    r'[ \t\n\r]*+(?:(?P<s>"(?:[^"\\\x00-\x1f]++|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*+")'
    r"|(?P<n>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<l>true|false|null)|(?P<p>[\[\]{},:]))"
)


def _json_valid(text: str) -> bool:
    """Is ``text`` one JSON value ``encoding/json`` decodes (nesting up to 10,000, numbers within float64)?
    Without recursion: for what Python's decoder cannot nest that deep."""
    stack: list[str] = []
    state = "value"  # value, first (after '['), first_key (after '{'), key, colon, next (after a value), end
    pos = 0
    token = re.compile(_JSON_TOKEN)
    while True:
        m = token.match(text, pos)
        if m is None:
            return state == "end" and not text[pos:].strip(" \t\n\r")
        pos = m.end()
        kind = m.lastgroup
        tok = m.group(kind or 0)
        if state == "end":
            return False
        if (state == "first" and tok == "]") or (state == "first_key" and tok == "}"):
            stack.pop()
            state = "next" if stack else "end"
            continue
        if state in ("value", "first"):
            if tok in ("[", "{"):
                stack.append(tok)
                if len(stack) > MAX_JSON_DEPTH:
                    return False
                state = "first" if tok == "[" else "first_key"
                continue
            if kind == "p":
                return False
            if kind == "n" and float(tok) in (float("inf"), float("-inf")):
                return False
            state = "next" if stack else "end"
        elif state in ("key", "first_key"):
            if kind != "s":
                return False
            state = "colon"
        elif state == "colon":
            if tok != ":":
                return False
            state = "value"
        elif state == "next":
            top = stack[-1]
            if tok == ",":
                state = "value" if top == "[" else "key"
            elif (tok, top) in (("]", "["), ("}", "{")):
                stack.pop()
                state = "next" if stack else "end"
            else:
                return False


def _strict_json_constant(name: str):
    raise ValueError(f"invalid JSON constant {name}")


class _Overflow(ValueError):
    pass


def _go_number(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Overflow(text)  # strconv.ParseFloat: ErrRange; json.Unmarshal fails
    return value


def _no_surrogates(s: str) -> str:
    """A lone surrogate (JSON ``"\\ud800"``) becomes U+FFFD, as ``encoding/json`` decodes it."""
    return s if s.isascii() or not _SURROGATE.search(s) else _SURROGATE.sub("\ufffd", s)


def parse_json_array(rest: str, latin1: bool = False) -> list[str] | None:
    """Exec form: ``None`` if ``rest`` is not a JSON array (shell form).

    Raises ``ParseError`` for an array that holds something other than strings.
    Text after the array makes it shell form (current BuildKit, ``json.Unmarshal``).
    """
    text = (_LATIN1 if latin1 else _UNICODE).lstrip(rest)
    if not text.startswith("["):
        return None
    if latin1:
        text = _go_view(text)
    try:
        value = json.loads(text, parse_constant=_strict_json_constant, parse_float=_go_number, parse_int=_go_number)
    except RecursionError:
        # deeper than Python's decoder goes: valid JSON (to Go) is an array holding an array, not strings
        if _json_valid(text):
            raise ParseError(NOT_STRING_ARRAY) from None
        return None
    except ValueError:
        return None
    if not isinstance(value, list):
        return None
    if not all(isinstance(v, str) for v in value):
        raise ParseError(NOT_STRING_ARRAY)
    return [_no_surrogates(v) for v in value]


# --------------------------------------------------------------------------- heredocs


def _go_quote(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _heredoc_from(word: str) -> Heredoc | None:
    """``ParseHeredoc``: the heredoc a word of the line opens, if any; a word the lexer rejects fails the file."""
    from .golex import LexError, process_words

    m = _RE_HEREDOC.match(word)
    if m is None:
        return None
    fd, chomp, rest = m.groups()
    if not rest:
        return None
    try:
        words = process_words(rest, raw_quotes=False, raw_escapes=False)
        if len(words) != 1:
            return None
        raw = process_words(rest, raw_quotes=True, raw_escapes=False)
    except LexError as exc:
        raise ParseError(f"failed to process {_go_quote(rest)}: {exc}") from None
    if len(raw) != 1:
        raise ParseError(f"internal lexing of heredoc produced inconsistent results: {rest}")
    quotes = words[0].count("'") + words[0].count('"')
    expand = quotes == raw[0].count("'") + raw[0].count('"')
    return Heredoc(name=words[0], content="", fd=min(int(fd or 0), 2**64 - 1), expand=expand, chomp=chomp == "-")


def heredocs_from_line(line: str, latin1: bool = False) -> list[Heredoc]:
    """``heredocsFromLine``: the heredocs an instruction's line opens (its words as BuildKit's lexer splits
    them; a line the lexer rejects opens none).  ``latin1``: names are given as the file's bytes."""
    from .golex import LexError, process_words

    try:
        words = process_words(_go_view(line) if latin1 else line, raw_quotes=True, raw_escapes=True)
    except LexError:
        return []
    docs = []
    for word in words:
        doc = _heredoc_from(word)
        if doc is not None:
            if latin1:
                doc = doc._replace(name=doc.name.encode("utf-8").decode("latin-1"))
            docs.append(doc)
    return docs


# --------------------------------------------------------------------------- nodes


def _node(line: str, esc: str, start_line: int, blanks: _Blanks = _UNICODE) -> dict:
    """``newNodeFromLine``: keyword, flags, args and the parsed value of one logical line.

    ``ONBUILD``'s instruction is its ``sub``.  ``ONBUILD ONBUILD …`` (BuildKit's parser nests them; its builder
    rejects the chain) is read in a loop, not by recursion: each level is checked, the second and deeper are
    not kept."""
    top = _one_node(line, esc, start_line, blanks)
    rest = top.pop("onbuild")
    if rest:
        sub = top["sub"] = _one_node(rest, esc, start_line, blanks)
        rest = sub.pop("onbuild")
        while rest:
            rest = _one_node(rest, esc, start_line, blanks)["onbuild"]
    return top


def _one_node(line: str, esc: str, start_line: int, blanks: _Blanks) -> dict:
    stripped = blanks.lstrip(line)
    lead = len(line) - len(stripped)
    stripped = blanks.rstrip(stripped)
    m = _RE_WS.search(stripped)
    flags: list[str] = []
    spans: list[tuple[int, int]] = []
    if m is None:
        cmd, args, args_offset = stripped, "", len(line)
    else:
        cmd = stripped[: m.start()]
        rest = stripped[m.start() + 1 :]
        rest_offset = lead + m.start() + 1
        after, flags, fspans = _extract_flags(rest, esc, blanks.latin1)
        spans = [(rest_offset + a, rest_offset + b) for a, b in fspans]
        tail = rest[after:]
        args = blanks.strip(tail)
        args_offset = rest_offset + after + (len(tail) - len(blanks.lstrip(tail)))
    keyword = _keyword(cmd)
    node = {
        "keyword": keyword,
        "original": line,
        "args": args,
        "args_offset": args_offset,
        "flags": tuple(flags),
        "flag_spans": tuple(spans),
        "json": False,
        "value": (),
        "sub": None,
        "words": None,
        "onbuild": "",  # ONBUILD's instruction, still to be read
    }
    try:
        _dispatch(node, keyword, args, esc, start_line, blanks)
    except ParseError as exc:
        raise ParseError(exc.message, start_line) from None
    return node


def _split_healthcheck(args: str, latin1: bool) -> tuple[str, str] | None:
    """``parseHealthConfig``: (type, the rest) split at blanks read byte by byte (``HEALTHCHECK CMD\\u2003[…]`` is
    one word: U+2003's bytes are no blanks; ``à``'s second byte, 0xA0, is one)."""
    if args.isascii() or latin1:
        n = len(args)
        sep = 0
        while sep < n and ord(args[sep]) not in _BYTE_BLANKS:
            sep += 1
        if sep == 0:
            return None
        nxt = sep
        while nxt < n and ord(args[nxt]) in _BYTE_BLANKS:
            nxt += 1
        return args[:sep], args[nxt:]
    b = args.encode("utf-8")
    n = len(b)
    sep = 0
    while sep < n and b[sep] not in _BYTE_BLANKS:
        sep += 1
    if sep == 0:
        return None
    nxt = sep
    while nxt < n and b[nxt] in _BYTE_BLANKS:
        nxt += 1
    return b[:sep].decode("utf-8", "replace"), b[nxt:].decode("utf-8", "replace")


def _dispatch(node: dict, keyword: str, args: str, esc: str, start_line: int, blanks: _Blanks = _UNICODE) -> None:
    latin1 = blanks.latin1
    if keyword in _JSON_KEYWORDS:
        if args:
            arr = parse_json_array(args, latin1)
            if arr is not None:
                node["json"], node["value"] = True, tuple(arr)
            else:
                node["value"] = (args,)
    elif keyword in _JSON_LIST_KEYWORDS:
        arr = parse_json_array(args, latin1)
        if arr is not None:
            node["json"], node["value"] = True, tuple(arr)
        elif args:
            node["value"] = tuple(_RE_WS.split(args))
    elif keyword in ("FROM", "EXPOSE"):
        if args:
            node["value"] = tuple(_RE_WS.split(args))
    elif keyword in ("ENV", "LABEL"):
        words = parse_words(args, esc, latin1)
        node["words"] = (esc, latin1, words)
        if not words:
            return
        if "=" not in words[0][0]:
            parts = _RE_WS.split(args, maxsplit=1)
            if len(parts) < 2:
                raise ParseError(f"{keyword} must have two arguments")
            node["value"] = (parts[0], parts[1])
        else:
            for w, _, _ in words:
                if "=" not in w:
                    raise ParseError(f'Syntax error - can\'t find = in "{w}". Must be of the form: name=value')
            node["value"] = tuple(w for w, _, _ in words)
    elif keyword == "ARG":
        words = parse_words(args, esc, latin1)
        node["words"] = (esc, latin1, words)
        node["value"] = tuple(w for w, _, _ in words)
    elif keyword == "ONBUILD":
        node["onbuild"] = args
    elif keyword == "HEALTHCHECK":
        split = _split_healthcheck(args, latin1)
        if split is None:
            return
        typ, rest = split
        node["value"] = (typ,)
        if rest:
            arr = parse_json_array(rest, latin1)
            if arr is not None:
                node["json"] = True
                node["value"] = (typ, *arr)
            else:
                node["value"] = (typ, rest)
    elif args:
        node["value"] = (args,)


def _can_contain_heredoc(node: dict) -> bool:
    if node["keyword"] == "ONBUILD" and node["sub"] is not None:
        node = node["sub"]
    return node["keyword"] in _HEREDOC_KEYWORDS and not node["json"]


# --------------------------------------------------------------------------- directives


def _directive_value(raw: str) -> str | None:
    """``\\s*(.+?)\\s*$`` after the ``=``: the value, or None when there is none.  A value of blanks only is its
    last blank (the lazy group needs one character)."""
    value = raw.strip(_DIRECTIVE_BLANKS)
    if value:
        return value
    return raw[-1] if raw else None


# --------------------------------------------------------------------------- scanner


def scan(text: str) -> SyntaxTree:
    """Parse Dockerfile text into a :class:`SyntaxTree`; raise :class:`ParseError` as BuildKit does.

    A plain ``str`` is read as its UTF-8 bytes would be (a leading BOM is removed); a :class:`DecodedText` as
    the bytes it was decoded from."""
    import gc

    # many small objects and no reference cycles: the cycle collector is paused meanwhile (as in analyze)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _scan(text)
    finally:
        if collecting:
            gc.enable()


def _scan(text: str) -> SyntaxTree:
    latin1 = False
    first_extra = 0  # bytes the first line has besides its text (a BOM)
    if isinstance(text, DecodedText):
        latin1 = text.codec == "latin-1"
        first_extra = len(text.bom) if text.codec == "utf-8" else 0
    else:
        if text.startswith("\ufeff"):
            text = text[1:]
            first_extra = 3
        if not text.isascii() and _SURROGATE.search(text):
            text = _SURROGATE.sub("\ufffd", text)  # not text at all; a Go string holds no surrogate
    blanks = _LATIN1 if latin1 else _UNICODE
    lines = text.split("\n")
    last_has_newline = lines[-1] == ""
    if last_has_newline:
        lines.pop()
    n = len(lines)
    per_char = 1 if latin1 else 4

    def fetch(i: int) -> str:
        raw = lines[i]
        limit = MAX_LINE_BYTES - (first_extra if i == 0 else 0)
        if len(raw) * per_char > limit and len(_go_bytes(raw, latin1)) > limit:
            raise ParseError(f"dockerfile line greater than max allowed size of {MAX_LINE_BYTES}", i + 1)
        return raw

    esc = "\\"
    directives_done = False
    seen_directives: dict[str, int] = {}
    directives: list[tuple[str, str, int]] = []
    comments: list[Comment] = []
    empty_cont: list[int] = []
    instructions: list[Instruction] = []

    def directive(token: str, line_no: int) -> None:
        """``DirectiveParser.ParseLine``: ``#``, unicode blanks, then ``name = value``."""
        nonlocal directives_done, esc
        if directives_done:
            return
        m = _RE_DIRECTIVE.match(blanks.lstrip(token[1:])) if token.startswith("#") else None
        value = _directive_value(m.group(2)) if m else None
        key = m.group(1).lower() if m and value is not None else ""
        if key not in _VALID_DIRECTIVES:
            directives_done = True
            return
        assert value is not None
        if key in seen_directives:
            raise ParseError(f"only one {key} parser directive can be used", line_no)
        seen_directives[key] = line_no
        if key == "escape":
            if value not in ("`", "\\"):
                raise ParseError(f"invalid escape token '{value}' does not match ` or \\", line_no)
            esc = value
        directives.append((key, value, line_no))

    i = 0
    while i < n:
        raw = fetch(i)
        i += 1
        line_no = i
        token = _trim_newline(raw)
        stripped = blanks.lstrip(token)
        col0 = len(token) - len(stripped) + 1
        directive(stripped, line_no)
        if stripped.startswith("#"):
            comments.append(Comment(line_no, col0, stripped))
            stripped = ""
        piece, eol = _continuation(stripped, esc)
        if eol and not piece:
            continue
        start_line = line_no
        parts = [piece]
        pieces = [(0, line_no, col0)]
        offset = len(piece)
        current = line_no
        while not eol and i < n:
            raw = fetch(i)
            i += 1
            current = i
            token = _trim_newline(raw)
            directive(token, current)
            lead = blanks.lstrip(token)
            if lead.startswith("#"):
                comments.append(Comment(current, len(token) - len(lead) + 1, lead))
                continue
            if not lead:
                empty_cont.append(current)
                continue
            piece, eol = _continuation(token, esc)
            pieces.append((offset, current, 1))
            parts.append(piece)
            offset += len(piece)
        line = "".join(parts)
        node = _node(line, esc, start_line, blanks)
        heredocs: list[Heredoc] = []
        if "<<" in line and _can_contain_heredoc(node):
            try:
                docs = heredocs_from_line(line, latin1)
            except ParseError as exc:
                raise ParseError(exc.message, start_line) from None
            for doc in docs:
                body: list[str] = []
                body_start = current + 1
                terminated = False
                while i < n:
                    raw = fetch(i)
                    i += 1
                    current = i
                    candidate = _trim_newline(raw)
                    if doc.chomp:
                        candidate = candidate.lstrip("\t")
                    if candidate == doc.name:
                        terminated = True
                        break
                    body.append(raw + "\n" if (i < n or last_has_newline) else raw)
                if not terminated:
                    raise ParseError("unterminated heredoc", start_line)
                heredocs.append(
                    Heredoc(doc.name, "".join(body), doc.fd, doc.expand, doc.chomp, min(body_start, current), current)
                )
        sub = node.pop("sub")
        if sub is not None:
            sub_args_shift = node["args_offset"]
            sub = Instruction(
                keyword=sub["keyword"],
                start_line=start_line,
                end_line=current,
                original=sub["original"],
                args=sub["args"],
                args_offset=sub["args_offset"],
                flags=sub["flags"],
                flag_spans=sub["flag_spans"],
                heredocs=tuple(heredocs),
                json=sub["json"],
                value=sub["value"],
                pieces=_shift_pieces(pieces, sub_args_shift),
                words=sub["words"],
            )
            heredocs = []
        instructions.append(
            Instruction(
                start_line=start_line, end_line=current, heredocs=tuple(heredocs), sub=sub, pieces=tuple(pieces), **node
            )
        )

    if not instructions:
        raise ParseError("file with no instructions", max(1, n))
    return SyntaxTree(tuple(instructions), tuple(comments), esc, tuple(directives), tuple(empty_cont), latin1)


def _shift_pieces(pieces: list[tuple[int, int, int]], shift: int) -> tuple[tuple[int, int, int], ...]:
    """Pieces of a sub-instruction (ONBUILD's), whose text starts at ``shift`` in the parent's."""
    out: list[tuple[int, int, int]] = []
    for idx, (start, line, col) in enumerate(pieces):
        end = pieces[idx + 1][0] if idx + 1 < len(pieces) else None
        if end is not None and end <= shift:
            continue
        if start < shift:
            out.append((0, line, col + (shift - start)))
        else:
            out.append((start - shift, line, col))
    return tuple(out)
