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
BuildKit on most real files (docs/parsing.md: 63 of 108); the test suite uses it
as a second opinion on the files where it is known to be right.

Nothing here resolves variables or knows about stages: see :mod:`hublint.model`.
"""

from __future__ import annotations

import json
import re

from .decoding import DecodedText, decode, decode_detail, encode
from .errors import ParseError
from .gotext import (
    _BYTE_BLANKS,
    _LATIN1,
    _SURROGATE,
    _UNICODE,
    _Blanks,
    _go_bytes,
    _go_number,
    _go_view,
    _json_valid,
    _keyword,
    _no_surrogates,
    _strict_json_constant,
    go_lower,
)
from .tree import Comment, Heredoc, Instruction, SyntaxTree
from .words import _extract_flags, parse_words

__all__ = [
    "ParseError",
    "Heredoc",
    "Comment",
    "Instruction",
    "SyntaxTree",
    "DecodedText",
    "decode",
    "decode_detail",
    "encode",
    "scan",
    "go_lower",
]

MAX_LINE_BYTES = 65535  # bufio.MaxScanTokenSize - 1: a line and its newline fill at most 64 KiB

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
    return _Scanner(text).run()


class _Scanner:
    """BuildKit's line scanner over one text: physical lines (each within the byte limit) joined into logical
    lines, the parser directives at the top, comments, heredoc bodies."""

    def __init__(self, text: str) -> None:
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
        self.latin1, self.first_extra = latin1, first_extra
        self.blanks: _Blanks = _LATIN1 if latin1 else _UNICODE
        self.lines = text.split("\n")
        self.last_has_newline = self.lines[-1] == ""
        if self.last_has_newline:
            self.lines.pop()
        self.n = len(self.lines)
        self.per_char = 1 if latin1 else 4
        self.i = 0  # the next physical line
        self.esc = "\\"
        self.directives_done = False
        self.seen_directives: dict[str, int] = {}
        self.directives: list[tuple[str, str, int]] = []
        self.comments: list[Comment] = []
        self.empty_cont: list[int] = []
        self.instructions: list[Instruction] = []

    def fetch(self) -> str:
        """The next physical line (``self.i`` moves past it), or ParseError when it is over the byte limit."""
        i = self.i
        raw = self.lines[i]
        limit = MAX_LINE_BYTES - (self.first_extra if i == 0 else 0)
        if len(raw) * self.per_char > limit and len(_go_bytes(raw, self.latin1)) > limit:
            raise ParseError(f"dockerfile line greater than max allowed size of {MAX_LINE_BYTES}", i + 1)
        self.i = i + 1
        return raw

    def directive(self, token: str, line_no: int) -> None:
        """``DirectiveParser.ParseLine``: ``#``, unicode blanks, then ``name = value``."""
        if self.directives_done:
            return
        m = _RE_DIRECTIVE.match(self.blanks.lstrip(token[1:])) if token.startswith("#") else None
        value = _directive_value(m.group(2)) if m else None
        key = m.group(1).lower() if m and value is not None else ""
        if key not in _VALID_DIRECTIVES:
            self.directives_done = True
            return
        assert value is not None
        if key in self.seen_directives:
            raise ParseError(f"only one {key} parser directive can be used", line_no)
        self.seen_directives[key] = line_no
        if key == "escape":
            if value not in ("`", "\\"):
                raise ParseError(f"invalid escape token '{value}' does not match ` or \\", line_no)
            self.esc = value
        self.directives.append((key, value, line_no))

    def logical_line(self) -> tuple[str, int, int, list[tuple[int, int, int]]] | None:
        """The next logical line — its text joined from continuation lines, its first and last line, where each
        piece starts — or None for a blank or comment line."""
        blanks, esc = self.blanks, self.esc
        token = _trim_newline(self.fetch())
        line_no = self.i
        stripped = blanks.lstrip(token)
        col0 = len(token) - len(stripped) + 1
        self.directive(stripped, line_no)
        if stripped.startswith("#"):
            self.comments.append(Comment(line_no, col0, stripped))
            stripped = ""
        esc = self.esc  # a directive on this line may have set it
        piece, eol = _continuation(stripped, esc)
        if eol and not piece:
            return None
        parts = [piece]
        pieces = [(0, line_no, col0)]
        offset = len(piece)
        current = line_no
        while not eol and self.i < self.n:
            token = _trim_newline(self.fetch())
            current = self.i
            self.directive(token, current)
            lead = blanks.lstrip(token)
            if lead.startswith("#"):
                self.comments.append(Comment(current, len(token) - len(lead) + 1, lead))
                continue
            if not lead:
                self.empty_cont.append(current)
                continue
            piece, eol = _continuation(token, esc)
            pieces.append((offset, current, 1))
            parts.append(piece)
            offset += len(piece)
        return "".join(parts), line_no, current, pieces

    def heredocs(self, line: str, node: dict, start_line: int, current: int) -> tuple[list[Heredoc], int]:
        """The heredocs a logical line opens, their bodies read from the lines after it; and the last line read."""
        out: list[Heredoc] = []
        if "<<" not in line or not _can_contain_heredoc(node):
            return out, current
        try:
            docs = heredocs_from_line(line, self.latin1)
        except ParseError as exc:
            raise ParseError(exc.message, start_line) from None
        n = self.n
        for doc in docs:
            body: list[str] = []
            body_start = current + 1
            terminated = False
            while self.i < n:
                raw = self.fetch()
                current = self.i
                candidate = _trim_newline(raw)
                if doc.chomp:
                    candidate = candidate.lstrip("\t")
                if candidate == doc.name:
                    terminated = True
                    break
                body.append(raw + "\n" if (self.i < n or self.last_has_newline) else raw)
            if not terminated:
                raise ParseError("unterminated heredoc", start_line)
            out.append(
                Heredoc(doc.name, "".join(body), doc.fd, doc.expand, doc.chomp, min(body_start, current), current)
            )
        return out, current

    def run(self) -> SyntaxTree:
        while self.i < self.n:
            logical = self.logical_line()
            if logical is None:
                continue
            line, start_line, current, pieces = logical
            node = _node(line, self.esc, start_line, self.blanks)
            heredocs, current = self.heredocs(line, node, start_line, current)
            self.instructions.append(_instruction(node, start_line, current, heredocs, pieces))
        if not self.instructions:
            raise ParseError("file with no instructions", max(1, self.n))
        return SyntaxTree(
            tuple(self.instructions),
            tuple(self.comments),
            self.esc,
            tuple(self.directives),
            tuple(self.empty_cont),
            self.latin1,
        )


def _instruction(
    node: dict, start_line: int, current: int, heredocs: list[Heredoc], pieces: list[tuple[int, int, int]]
) -> Instruction:
    """The instruction of a node (ONBUILD's sub-instruction takes the heredocs)."""
    sub = node.pop("sub")
    if sub is not None:
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
            pieces=_shift_pieces(pieces, node["args_offset"]),
            words=sub["words"],
        )
        heredocs = []
    return Instruction(
        start_line=start_line, end_line=current, heredocs=tuple(heredocs), sub=sub, pieces=tuple(pieces), **node
    )


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
