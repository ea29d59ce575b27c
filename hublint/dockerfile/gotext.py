"""Go's view of a Dockerfile's text, as BuildKit's parser sees it: Go's blanks (``unicode.IsSpace``) over
UTF-8 runes or, in a latin-1 text, over its bytes; ``strings.ToLower``; ``encoding/json``'s numbers, nesting and
lone surrogates.

Used by :mod:`.syntax`, :mod:`.words` and :mod:`.golex`; imports nothing of hublint.
"""

from __future__ import annotations

import re

# Go's unicode.IsSpace
GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

MAX_JSON_DEPTH = 10000  # encoding/json's maxNestingDepth
_SURROGATE = re.compile("[\ud800-\udfff]")


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
