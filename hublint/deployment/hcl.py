"""A small, careful reader of HCL (HashiCorp Configuration Language) as bake files use it — nothing is evaluated.

Blocks (``target "lab" { … }``), attributes (``context = "lab"``) and literal values: strings (kept as written,
``${…}`` interpolations included, for the caller to substitute), heredocs, numbers, ``true``/``false``/``null``,
lists and objects.  Any other expression (a variable, a function call, a conditional, a ``for``) is
:data:`EXPRESSION`: the caller treats it as computed.  Work is linear in the text and bounded: nesting deeper
than :data:`MAX_DEPTH` or a text longer than :data:`MAX_BYTES` is a ConfigReadError, never a hang.
"""

from __future__ import annotations

import re

from ..records import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any

from .values import ConfigReadError

__all__ = ["Block", "Attr", "EXPRESSION", "parse", "MAX_DEPTH", "MAX_BYTES"]

MAX_DEPTH = 64
MAX_BYTES = 2_000_000


class _Expression:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<expression>"


EXPRESSION = _Expression()


class Attr(NamedTuple):
    """An attribute's value (str template, number, bool, None, list of Attr, dict of str -> Attr, or
    EXPRESSION) and the line it is written on."""

    value: Any
    line: int


class Block(NamedTuple):
    type: str
    labels: tuple[str, ...]
    attrs: dict[str, Attr]
    blocks: list[Block]
    line: int


_TOKEN = re.compile(
    r"""(?P<nl>\n)|(?P<ws>[ \t\r]+)|(?P<comment>(?:\#|//)[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<heredoc><<-?(?P<marker>[A-Za-z_][A-Za-z0-9_]*)[ \t]*\n)|(?P<string>")
    |(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    |(?P<ident>[A-Za-z_][A-Za-z0-9_\-]*)|(?P<punct>=>|==|!=|<=|>=|&&|\|\||\.\.\.|[{}\[\]()=,:.?!<>+\-*/%])
    |(?P<other>.)""",
    re.X | re.S,
)


class _Token(NamedTuple):
    kind: str
    text: str
    line: int


def _string(text: str, i: int, line: int) -> tuple[str, int, int]:
    """A quoted template from just after its opening quote: (its text as written, the index after it, lines it
    spans); interpolations may hold quotes and braces."""
    out = []
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            nxt = text[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
            continue
        if c == "\n" and depth == 0:
            raise ConfigReadError("not valid HCL: a string is not closed on its line", line, 1)
        if c in "$%" and text.startswith("{", i + 1) and not text.startswith(c * 2, i - 1 if i else 0):
            depth += 1
            out.append(text[i : i + 2])
            i += 2
            continue
        if c == "}" and depth:
            depth -= 1
        elif c == '"' and depth == 0:
            return "".join(out), i + 1, line
        out.append(c)
        i += 1
    raise ConfigReadError("not valid HCL: a string is not closed", line, 1)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    i, line, n = 0, 1, len(text)
    while i < n:
        m = _TOKEN.match(text, i)
        if m is None:  # pragma: no cover - the pattern matches any character
            break
        kind = m.lastgroup or "other"
        if kind == "string":
            value, end_at, _ = _string(text, m.end(), line)
            out.append(_Token("string", value, line))
            line += text.count("\n", m.end(), end_at)
            i = end_at
            continue
        if kind == "heredoc":
            marker = m.group("marker")
            end = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*$", re.M).search(text, m.end())
            body = text[m.end() : end.start() if end else n]
            out.append(_Token("string", body.rstrip("\n"), line))
            line += text.count("\n", i, end.end() if end else n)
            i = end.end() if end else n
            continue
        if kind == "nl":
            out.append(_Token("nl", "\n", line))
            line += 1
        elif kind == "comment":
            line += m.group(0).count("\n")
        elif kind != "ws":
            out.append(_Token(kind, m.group(0), line))
        i = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.t = tokens
        self.i = 0

    def peek(self) -> _Token | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def skip_newlines(self) -> None:
        while self.i < len(self.t) and self.t[self.i].kind == "nl":
            self.i += 1

    def body(self, depth: int, closing: bool) -> tuple[dict[str, Attr], list[Block]]:
        if depth > MAX_DEPTH:
            tok = self.peek()
            raise ConfigReadError("not valid HCL: nested too deeply", tok.line if tok else 1, 1)
        attrs: dict[str, Attr] = {}
        blocks: list[Block] = []
        while True:
            self.skip_newlines()
            tok = self.peek()
            if tok is None:
                if closing:
                    raise ConfigReadError("not valid HCL: a block is not closed", self.t[-1].line if self.t else 1, 1)
                return attrs, blocks
            if tok.text == "}" and closing:
                self.i += 1
                return attrs, blocks
            if tok.kind != "ident":
                raise ConfigReadError(f"not valid HCL: unexpected `{tok.text[:20]}`", tok.line, 1)
            self.i += 1
            nxt = self.peek()
            if nxt is not None and nxt.text == "=":
                self.i += 1
                attrs[tok.text] = self.expression(depth + 1)
            else:
                blocks.append(self.block(tok, depth))

    def block(self, head: _Token, depth: int) -> Block:
        labels = []
        while True:
            tok = self.peek()
            if tok is None or tok.kind == "nl":
                raise ConfigReadError(f"not valid HCL: `{head.text}` is neither an attribute nor a block", head.line, 1)
            self.i += 1
            if tok.text == "{":
                break
            if tok.kind not in ("string", "ident"):
                raise ConfigReadError(f"not valid HCL: unexpected `{tok.text[:20]}`", tok.line, 1)
            labels.append(tok.text)
        attrs, blocks = self.body(depth + 1, True)
        return Block(head.text, tuple(labels), attrs, blocks, head.line)

    def expression(self, depth: int) -> Attr:
        if depth > MAX_DEPTH:
            tok = self.peek()
            raise ConfigReadError("not valid HCL: nested too deeply", tok.line if tok else 1, 1)
        self.skip_newlines()
        tok = self.peek()
        if tok is None:
            raise ConfigReadError("not valid HCL: a value is missing", self.t[-1].line if self.t else 1, 1)
        value: Any = EXPRESSION
        if tok.kind == "string":
            self.i += 1
            value = tok.text
        elif tok.kind == "number":
            self.i += 1
            value = float(tok.text) if "." in tok.text or "e" in tok.text.lower() else int(tok.text)
        elif tok.kind == "ident" and tok.text in ("true", "false", "null"):
            self.i += 1
            value = {"true": True, "false": False, "null": None}[tok.text]
        elif tok.text == "[":
            self.i += 1
            value = self.sequence(depth)
        elif tok.text == "{":
            self.i += 1
            value = self.mapping(depth)
        if value is EXPRESSION or not self.at_end():
            self.rest_of_expression()
            return Attr(EXPRESSION, tok.line)
        return Attr(value, tok.line)

    def at_end(self) -> bool:
        tok = self.peek()
        return tok is None or tok.kind == "nl" or tok.text in (",", "]", "}", ")")

    def rest_of_expression(self) -> None:
        """Skip an expression hublint does not evaluate: up to the end of its line, brackets balanced."""
        depth = 0
        while self.i < len(self.t):
            tok = self.t[self.i]
            if depth == 0 and (tok.kind == "nl" or tok.text in (",", "]", "}", ")")):
                return
            if tok.text in ("(", "[", "{"):
                depth += 1
            elif tok.text in (")", "]", "}"):
                depth -= 1
            self.i += 1

    def sequence(self, depth: int) -> list[Attr]:
        items: list[Attr] = []
        while True:
            self.skip_newlines()
            tok = self.peek()
            if tok is None:
                raise ConfigReadError("not valid HCL: a list is not closed", self.t[-1].line, 1)
            if tok.text == "]":
                self.i += 1
                return items
            if tok.kind == "ident" and tok.text == "for":
                self.rest_of_expression()
                items.append(Attr(EXPRESSION, tok.line))
                continue
            items.append(self.expression(depth + 1))
            self.skip_newlines()
            nxt = self.peek()
            if nxt is not None and nxt.text == ",":
                self.i += 1
            elif nxt is None or nxt.text != "]":
                raise ConfigReadError("not valid HCL: `,` or `]` expected in a list", tok.line, 1)

    def mapping(self, depth: int) -> dict[str, Attr]:
        items: dict[str, Attr] = {}
        while True:
            self.skip_newlines()
            tok = self.peek()
            if tok is None:
                raise ConfigReadError("not valid HCL: an object is not closed", self.t[-1].line, 1)
            if tok.text == "}":
                self.i += 1
                return items
            if tok.kind not in ("ident", "string") or tok.text == "for":
                self.rest_of_expression()
                items.setdefault("\uffff", Attr(EXPRESSION, tok.line))
                self.skip_separator()
                continue
            self.i += 1
            sep = self.peek()
            if sep is None or sep.text not in ("=", ":"):
                raise ConfigReadError("not valid HCL: `=` expected in an object", tok.line, 1)
            self.i += 1
            items[tok.text] = self.expression(depth + 1)
            self.skip_separator()

    def skip_separator(self) -> None:
        tok = self.peek()
        if tok is not None and tok.text == ",":
            self.i += 1


def parse(text: str) -> Block:
    """The file as a block of type ``""`` (ConfigReadError with the line when it is not HCL)."""
    if len(text) > MAX_BYTES:
        raise ConfigReadError(f"file too large to read ({len(text):,} characters; hublint reads up to {MAX_BYTES:,})")
    attrs, blocks = _Parser(_tokens(text)).body(0, False)
    return Block("", (), attrs, blocks, 1)
