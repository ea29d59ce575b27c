"""Dockerfile syntax: bytes -> instructions, exactly as BuildKit's parser reads them.

This is a port of the line scanner of ``moby/buildkit/frontend/dockerfile/parser``
(``parser.go``, ``line_parsers.go``, ``split_command.go``, ``directives.go``), following
current BuildKit where it differs from v0.12.5 (blanks after ``<<``, the ``check``
directive, text after an exec-form JSON array).  ``dockerfile-parse`` disagrees with
BuildKit on most real files (``shared/reference/dockerfile-parse-gaps.md``); the test
suite uses it as a second opinion on the files where it is known to be right.

Nothing here resolves variables or knows about stages: see :mod:`hublint.model`.
"""

from __future__ import annotations

import json
import re
from collections import namedtuple

__all__ = [
    "ParseError",
    "Heredoc",
    "Comment",
    "Instruction",
    "SyntaxTree",
    "decode",
    "scan",
]

MAX_LINE_BYTES = 65535

# Go's unicode.IsSpace (Python's str.isspace() also counts \x1c-\x1f).
_GO_SPACE = "".join(
    c
    for c in map(chr, [*range(0x100), 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
    if c.isspace() and c not in "\x1c\x1d\x1e\x1f"
)
_RE_WS = re.compile(r"[\t\v\f\r ]+")
# BuildKit: ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$ — the value is stripped by hand below, since
# a lazy (.+?) before \s*$ backtracks quadratically on long lines of blanks.
_RE_DIRECTIVE = re.compile(r"#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=(.*)\Z", re.ASCII)
_DIRECTIVE_BLANKS = "\t\n\f\r "
_RE_HEREDOC = re.compile(r"(\d*)<<(-?)([^<]*)\Z")
_RE_HEREDOC_OPEN = re.compile(r"(\d*)<<(-?)\Z")
_VALID_DIRECTIVES = frozenset({"syntax", "escape", "check"})
_HEREDOC_KEYWORDS = frozenset({"ADD", "COPY", "RUN"})
_JSON_KEYWORDS = frozenset({"RUN", "CMD", "ENTRYPOINT", "SHELL"})
_JSON_LIST_KEYWORDS = frozenset({"ADD", "COPY", "VOLUME"})
NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only"


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
        "keyword start_line end_line original args args_offset flags flag_spans heredocs json value sub pieces",
        defaults=((), (), (), False, (), None, ()),
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
    __slots__ = ()

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of ``original[offset]``."""
        best = self.pieces[0] if self.pieces else (0, self.start_line, 1)
        for piece in self.pieces:
            if piece[0] <= offset:
                best = piece
            else:
                break
        start, line, column = best
        return line, column + (offset - start)

    @property
    def keyword_span(self) -> tuple[int, int]:
        start = len(self.original) - len(self.original.lstrip(_GO_SPACE))
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
        "SyntaxTree", "instructions comments escape directives empty_continuation_lines", defaults=("\\", (), ())
    )
):
    # instructions: tuple[Instruction, ...]
    # comments: tuple[Comment, ...]
    # escape: str = "\\"
    # directives: tuple[tuple[str, str, int], ...] = ()
    # empty_continuation_lines: tuple[int, ...] = ()
    __slots__ = ()


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


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
                return raw[len(bom) :].decode(codec), codec, bom
            except UnicodeDecodeError as exc:
                name = codec.upper()
                raise ParseError(f"file starts with a {name} byte-order mark but is not {name} text") from exc
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ParseError(_nul_message(raw), raw.count(b"\n", 0, nul) + 1)
    try:
        return raw.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1", b""


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


# --------------------------------------------------------------------------- helpers


def _go_lstrip(s: str) -> str:
    return s.lstrip(_GO_SPACE)


def _is_comment(s: str) -> bool:
    return _go_lstrip(s).startswith("#")


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


def _extract_flags(rest: str) -> tuple[int, list[str], list[tuple[int, int]]]:
    """Port of ``extractBuilderFlags``: (offset of what follows, flags, flag spans)."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    n = len(rest)
    pos = 0
    while True:
        while pos < n and rest[pos] in _GO_SPACE:
            pos += 1
        if pos >= n:
            return n, words, spans
        if not rest.startswith("--", pos):
            return pos, words, spans
        start = pos
        word: list[str] = []
        blank_ok = False
        quote = ""
        while pos < n:
            ch = rest[pos]
            if quote:
                if ch == quote:
                    quote = ""
                elif ch == "\\":
                    if pos + 1 == n:
                        quote = ""
                    else:
                        pos += 1
                        word.append(rest[pos])
                else:
                    word.append(ch)
                pos += 1
                continue
            if ch in _GO_SPACE:
                break
            if ch in "'\"":
                quote = ch
                blank_ok = True
            elif ch == "\\":
                if pos + 1 < n:
                    pos += 1
                    word.append(rest[pos])
            else:
                word.append(ch)
            pos += 1
        text = "".join(word)
        if text == "--":
            return pos, words, spans
        if blank_ok or text:
            words.append(text)
            spans.append((start, pos))
        if pos >= n:
            return n, words, spans


_ASCII_WORD = re.compile(r"[^\t\n\x0b\x0c\r ]+")


def parse_words(rest: str, esc: str) -> list[tuple[str, int, int]]:
    """Port of ``parseWords``: words keep their quotes; (word, start, end) offsets."""
    if rest.isascii() and "'" not in rest and '"' not in rest and esc not in rest:
        # no quotes, no escapes, only ASCII blanks: plain splitting gives the same words
        return [(m.group(0), m.start(), m.end()) for m in _ASCII_WORD.finditer(rest)]
    out: list[tuple[str, int, int]] = []
    n = len(rest)
    pos = 0
    while pos < n:
        while pos < n and rest[pos] in _GO_SPACE:
            pos += 1
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
            if ch in _GO_SPACE:
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


def _strict_json_constant(name: str):
    raise ValueError(f"invalid JSON constant {name}")


def parse_json_array(rest: str) -> list[str] | None:
    """Exec form: ``None`` if ``rest`` is not a JSON array (shell form).

    Raises ``ParseError`` for an array that holds something other than strings.
    Text after the array makes it shell form (current BuildKit, ``json.Unmarshal``).
    """
    text = rest.lstrip(_GO_SPACE)
    if not text.startswith("["):
        return None
    try:
        value = json.loads(text, parse_constant=_strict_json_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list):
        return None
    if not all(isinstance(v, str) for v in value):
        raise ParseError(NOT_STRING_ARRAY)
    return value


def _shell_words_raw(line: str) -> list[str]:
    """Words of a line as BuildKit's lexer splits them for heredoc detection (quotes kept)."""
    words: list[str] = []
    word: list[str] = []
    in_word = False
    quote = ""
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if quote:
            word.append(ch)
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"' and i + 1 < n:
                i += 1
                word.append(line[i])
        elif ch in " \t\r\n\v\f":
            if in_word:
                words.append("".join(word))
                word = []
                in_word = False
        else:
            in_word = True
            word.append(ch)
            if ch in "'\"":
                quote = ch
            elif ch == "\\" and i + 1 < n:
                i += 1
                word.append(line[i])
        i += 1
    if _lexer_fails(line):
        return []  # BuildKit's lexer fails (an unterminated quote, a bad ${…}): it then sees no heredoc on the line
    if in_word:
        words.append("".join(word))
    return words


class _LexError(Exception):
    pass


class _Lexer:
    """Only the failures of BuildKit's shell lexer (``shell/lex.go``) as ``heredocsFromLine`` runs it: escape
    ``\\``, quotes kept, unset variables kept (``SkipUnsetEnv``), every variable unset.  Its error is ignored
    there and the line then has no words, hence no heredoc."""

    MAX_DEPTH = 200  # nested ${…}; deeper is not checked (taken as no failure)

    def __init__(self, s: str) -> None:
        self.s, self.i, self.n, self.depth = s, 0, len(s), 0

    def stop_on(self, stop: str | None) -> None:
        s, n = self.s, self.n
        while self.i < n:
            ch = s[self.i]
            if ch == stop:
                self.i += 1
                return
            if ch == "$":
                self.dollar()
            elif ch == "'":
                end = s.find("'", self.i + 1)
                if end < 0:
                    raise _LexError("unterminated single quote")
                self.i = end + 1
            elif ch == '"':
                self.double()
            else:
                self.i += 2 if ch == "\\" else 1
        if stop is not None:
            raise _LexError(f"missing {stop}")

    def double(self) -> None:
        s, n = self.s, self.n
        self.i += 1
        while True:
            if self.i >= n:
                raise _LexError("unterminated double quote")
            ch = s[self.i]
            if ch == '"':
                self.i += 1
                return
            if ch == "$":
                self.dollar()
                continue
            self.i += 1
            if ch == "\\" and self.i < n and s[self.i] in '"$\\':
                self.i += 1

    def name(self) -> None:
        s, n = self.s, self.n
        if self.i < n and s[self.i].isdecimal():
            while self.i < n and s[self.i].isdecimal():
                self.i += 1
            return
        if self.i < n and s[self.i] in "@*#?-$!0":
            self.i += 1
            return
        while self.i < n and (s[self.i].isalpha() or s[self.i].isdecimal() or s[self.i] == "_"):
            self.i += 1

    def next(self) -> str:
        ch = self.s[self.i] if self.i < self.n else ""
        self.i += 1
        return ch

    def dollar(self) -> None:
        self.i += 1
        if self.i >= self.n or self.s[self.i] != "{":
            self.name()
            return
        self.i += 1
        if self.i >= self.n or self.s[self.i] in "{}:":
            raise _LexError("bad substitution")
        self.name()
        ch = self.next()
        if ch == "}":
            return
        self.depth += 1
        if self.depth > self.MAX_DEPTH:
            self.i = self.n
            return
        if ch == ":":
            ch = self.next()
            if ch in ("#", "%"):
                raise _LexError("unsupported modifier")
            self.stop_on("}")
        elif ch and ch in "+-?#%":
            self.stop_on("}")
        elif ch == "/":
            if self.i < self.n and self.s[self.i] == "/":
                self.i += 1
            self.stop_on("/")
            self.stop_on("}")
        else:
            raise _LexError("unsupported modifier")
        self.depth -= 1


def _lexer_fails(line: str) -> bool:
    if "$" not in line and "'" not in line and '"' not in line:
        return False
    try:
        _Lexer(line).stop_on(None)
    except _LexError:
        return True
    return False


def _unquote_word(word: str) -> list[str]:
    """Shell-unquote ``word``; returns the words it expands to (usually one)."""
    words: list[str] = []
    cur: list[str] = []
    have = False
    quote = ""
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        if quote == "'":
            if ch == "'":
                quote = ""
            else:
                cur.append(ch)
        elif quote == '"':
            if ch == '"':
                quote = ""
            elif ch == "\\" and i + 1 < n and word[i + 1] in '"\\$`':
                i += 1
                cur.append(word[i])
            else:
                cur.append(ch)
        elif ch in "'\"":
            quote = ch
            have = True
        elif ch == "\\" and i + 1 < n:
            i += 1
            cur.append(word[i])
            have = True
        elif ch in " \t":
            if have or cur:
                words.append("".join(cur))
            cur, have = [], False
        else:
            cur.append(ch)
        i += 1
    if have or cur:
        words.append("".join(cur))
    return words


def _heredoc_from(fd: str, chomp: str, rest: str) -> Heredoc | None:
    if not rest:
        return None
    words = _unquote_word(rest)
    if len(words) != 1:
        return None
    quoted = any(q in rest for q in "'\"")
    return Heredoc(name=words[0], content="", fd=int(fd) if fd else 0, expand=not quoted, chomp=chomp == "-")


def heredocs_from_line(line: str) -> list[Heredoc]:
    docs: list[Heredoc] = []
    words = _shell_words_raw(line)
    i = 0
    while i < len(words):
        word = words[i]
        m = _RE_HEREDOC.match(word)
        if m and m.group(3):
            doc = _heredoc_from(*m.groups())
            if doc is not None:
                docs.append(doc)
        elif i + 1 < len(words) and (m2 := _RE_HEREDOC_OPEN.match(word)):
            # current BuildKit: blanks are allowed between << and the word
            doc = _heredoc_from(m2.group(1), m2.group(2), words[i + 1])
            if doc is not None:
                docs.append(doc)
                i += 1
        i += 1
    return docs


# --------------------------------------------------------------------------- nodes


def _node(line: str, esc: str, start_line: int) -> dict:
    """``newNodeFromLine``: keyword, flags, args and the parsed value of one logical line."""
    stripped = line.lstrip(_GO_SPACE)
    lead = len(line) - len(stripped)
    stripped = stripped.rstrip(_GO_SPACE)
    m = _RE_WS.search(stripped)
    flags: list[str] = []
    spans: list[tuple[int, int]] = []
    if m is None:
        cmd, args, args_offset = stripped, "", len(line)
    else:
        cmd = stripped[: m.start()]
        rest = stripped[m.start() + 1 :]
        rest_offset = lead + m.start() + 1
        after, flags, fspans = _extract_flags(rest)
        spans = [(rest_offset + a, rest_offset + b) for a, b in fspans]
        tail = rest[after:]
        args = tail.strip(_GO_SPACE)
        args_offset = rest_offset + after + (len(tail) - len(tail.lstrip(_GO_SPACE)))
    keyword = cmd.upper()
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
    }
    try:
        _dispatch(node, keyword, args, esc, start_line)
    except ParseError as exc:
        raise ParseError(exc.message, start_line) from None
    return node


def _dispatch(node: dict, keyword: str, args: str, esc: str, start_line: int) -> None:
    if keyword in _JSON_KEYWORDS:
        if args:
            arr = parse_json_array(args)
            if arr is not None:
                node["json"], node["value"] = True, tuple(arr)
            else:
                node["value"] = (args,)
    elif keyword in _JSON_LIST_KEYWORDS:
        arr = parse_json_array(args)
        if arr is not None:
            node["json"], node["value"] = True, tuple(arr)
        elif args:
            node["value"] = tuple(_RE_WS.split(args))
    elif keyword in ("FROM", "EXPOSE"):
        if args:
            node["value"] = tuple(_RE_WS.split(args))
    elif keyword in ("ENV", "LABEL"):
        words = parse_words(args, esc)
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
        node["value"] = tuple(w for w, _, _ in parse_words(args, esc))
    elif keyword == "ONBUILD":
        if args:
            sub = _node(args, esc, start_line)
            node["sub"] = sub
    elif keyword == "HEALTHCHECK":
        sep = 0
        while sep < len(args) and args[sep] not in _GO_SPACE:
            sep += 1
        if sep == 0:
            return
        nxt = sep
        while nxt < len(args) and args[nxt] in _GO_SPACE:
            nxt += 1
        rest = args[nxt:]
        node["value"] = (args[:sep],)
        if rest:
            arr = parse_json_array(rest)
            if arr is not None:
                node["json"] = True
                node["value"] = (args[:sep], *arr)
            else:
                node["value"] = (args[:sep], rest)
    elif args:
        node["value"] = (args,)


def _can_contain_heredoc(node: dict) -> bool:
    if node["keyword"] == "ONBUILD" and node["sub"] is not None:
        node = node["sub"]
    return node["keyword"] in _HEREDOC_KEYWORDS and not node["json"]


# --------------------------------------------------------------------------- scanner


def scan(text: str) -> SyntaxTree:
    """Parse Dockerfile text into a :class:`SyntaxTree`; raise :class:`ParseError` as BuildKit does."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    last_has_newline = lines[-1] == ""
    if last_has_newline:
        lines.pop()
    n = len(lines)

    def fetch(i: int) -> str:
        raw = lines[i]
        limit = MAX_LINE_BYTES if (i < n - 1 or last_has_newline) else MAX_LINE_BYTES + 1
        if len(raw) > limit // 4 and len(raw.encode("utf-8", "surrogatepass")) > limit:
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
        nonlocal directives_done, esc
        if directives_done:
            return
        m = _RE_DIRECTIVE.match(token)
        value = m.group(2).strip(_DIRECTIVE_BLANKS) if m else ""
        key = m.group(1).lower() if m and value else ""
        if key not in _VALID_DIRECTIVES:
            directives_done = True
            return
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
        stripped = _go_lstrip(token)
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
            if _is_comment(token):
                comments.append(Comment(current, len(token) - len(_go_lstrip(token)) + 1, _go_lstrip(token)))
                continue
            if not _go_lstrip(token):
                empty_cont.append(current)
                continue
            piece, eol = _continuation(token, esc)
            pieces.append((offset, current, 1))
            parts.append(piece)
            offset += len(piece)
        line = "".join(parts)
        node = _node(line, esc, start_line)
        heredocs: list[Heredoc] = []
        if "<<" in line and _can_contain_heredoc(node):
            for doc in heredocs_from_line(line):
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
            )
            heredocs = []
        instructions.append(
            Instruction(
                start_line=start_line, end_line=current, heredocs=tuple(heredocs), sub=sub, pieces=tuple(pieces), **node
            )
        )

    if not instructions:
        raise ParseError("file with no instructions", max(1, n))
    return SyntaxTree(tuple(instructions), tuple(comments), esc, tuple(directives), tuple(empty_cont))


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
