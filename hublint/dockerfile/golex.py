"""BuildKit's shell lexer (``frontend/dockerfile/shell/lex.go``) as its parser runs it to find heredocs.

``heredocsFromLine`` splits an instruction's line into words with ``ProcessWords`` (escape ``\\``, quotes and
escapes kept, unset variables kept as written, no variable set) and ``heredocFromMatch`` lexes the word after
``<<`` twice more (quotes removed, then kept).  This is a port of exactly that, quirks included:

- words split at every ``unicode.IsSpace`` blank, also the blanks a ``${…}`` expansion's text contains
  (``${A:-" <<EOF "}`` yields the word ``<<EOF``);
- ``<<`` keeps the blanks (tab, space, CR) after it in its word: ``<< EOF`` is one word;
- the word buffer is shared with nested ``${name<modifier>…}`` lexing, which resets it: the part of a word
  before such an expansion is lost (``<<EOF${A:-x}`` is the word ``${A:-x}``);
- a quote-only word (``''``) is no word at all;
- a leading U+FEFF is skipped (Go's ``text/scanner``).

Nesting is handled without recursion (a ``${A:-${A:-…}}`` line 64 KB long is fine).  An error is
:class:`LexError`; every error ends the whole lexing, as in Go.
"""

from __future__ import annotations

import re

from .gotext import GO_SPACE

__all__ = ["LexError", "process_words", "GO_SPACE"]
_SPECIAL_PARAMS = "@*#?-$!0"
# a run of characters processStopOn adds one by one, none of them special or blank
_PLAIN = re.compile("[^$<'\"\\\\" + GO_SPACE + "]+")
_BLANKS = re.compile("[" + GO_SPACE + "]+")
_DQ_PLAIN = re.compile('[^"$\\\\]+')


class LexError(Exception):
    pass


class _Words:
    """``wordsStruct``: its own list of words and in-word flag, and the lexer's shared buffer."""

    __slots__ = ("buf", "words", "in_word")

    def __init__(self, buf: list[str]) -> None:
        self.buf = buf
        self.words: list[str] = []
        self.in_word = False

    def blank(self) -> None:  # addChar(a blank)
        if self.in_word and self.buf:
            self.words.append("".join(self.buf))
            self.buf.clear()
            self.in_word = False

    def raw(self, text: str) -> None:  # addRawString / addRawChar
        if text:
            self.buf.append(text)
        self.in_word = True

    def add_string(self, text: str) -> None:  # addString: addChar for each character
        pos, n = 0, len(text)
        while pos < n:
            m = _BLANKS.match(text, pos)
            if m:
                self.blank()
                pos = m.end()
                continue
            m = _BLANKS.search(text, pos)
            end = m.start() if m else n
            self.raw(text[pos:end])
            pos = end

    def get_words(self) -> list[str]:
        if self.buf:
            self.words.append("".join(self.buf))
            self.buf.clear()
            self.in_word = False
        return self.words


class _Discarded(_Words):
    """The words of a nested ``${…}``: Go builds them in the shared buffer, then empties it and drops them, so
    nothing of them can be seen; not building them keeps deep nesting linear."""

    __slots__ = ()

    def blank(self) -> None:
        pass

    def raw(self, text: str) -> None:
        pass

    def add_string(self, text: str) -> None:
        pass


class _Lexer:
    def __init__(self, s: str, raw_quotes: bool, raw_escapes: bool) -> None:
        self.s = s[1:] if s.startswith("\ufeff") else s
        self.n = len(self.s)
        self.i = 0
        self.raw_quotes = raw_quotes
        self.raw_escapes = raw_escapes
        self.buf: list[str] = []  # sw.wordsBuffer, shared by every processStopOn

    # Each method below that may nest is a generator: ``value = yield sub_generator`` calls another one.
    def stop_on(self, stop: str, raw_escapes: bool):
        """``processStopOn``: (text, words); ``stop`` "" is the end of the line."""
        s, n = self.s, self.n
        result: list[str] = []
        self.buf.clear()
        words = _Discarded(self.buf) if stop else _Words(self.buf)
        saved, self.raw_escapes = self.raw_escapes, raw_escapes
        while self.i < n:
            ch = s[self.i]
            if stop and ch == stop:
                self.i += 1
                self.raw_escapes = saved
                return "".join(result), words.get_words()
            if ch == "$":
                tmp = yield self.dollar()
                result.append(tmp)
                words.add_string(tmp)
            elif ch == "<":
                tmp = self.possible_heredoc()
                result.append(tmp)
                words.raw(tmp)
            elif ch == "'":
                tmp = self.single_quote()
                result.append(tmp)
                words.raw(tmp)
            elif ch == '"':
                tmp = yield self.double_quote()
                result.append(tmp)
                words.raw(tmp)
            elif ch == "\\":
                self.i += 1
                if self.raw_escapes:
                    words.raw(ch)
                    result.append(ch)
                if self.i >= n:
                    break
                ch = s[self.i]
                self.i += 1
                words.raw(ch)
                result.append(ch)
            elif ch in GO_SPACE:
                m = _BLANKS.match(s, self.i)
                assert m is not None
                words.blank()
                result.append(m.group(0))
                self.i = m.end()
            else:
                m = _PLAIN.match(s, self.i)
                assert m is not None
                run = m.group(0)
                # the stop character may be in the run
                if stop and stop in run:
                    run = run[: run.index(stop)]
                words.raw(run)
                result.append(run)
                self.i += len(run)
        if stop:
            raise LexError(f"unexpected end of statement while looking for matching {stop}")
        self.raw_escapes = saved
        return "".join(result), words.get_words()

    def name(self) -> str:
        """``processName``."""
        s, n, i = self.s, self.n, self.i
        if i < n and s[i].isdecimal():
            j = i
            while j < n and s[j].isdecimal():
                j += 1
            self.i = j
            return s[i:j]
        if i < n and s[i] in _SPECIAL_PARAMS:
            self.i = i + 1
            return s[i]
        j = i
        while j < n and (s[j].isalpha() or s[j].isdecimal() or s[j] == "_"):
            j += 1
        self.i = j
        return s[i:j]

    def next(self) -> str:
        """``scanner.Next``: "" at the end."""
        if self.i >= self.n:
            return ""
        self.i += 1
        return self.s[self.i - 1]

    def dollar(self):
        """``processDollar`` with every variable unset and ``SkipUnsetEnv``: the text as written."""
        s, n = self.s, self.n
        self.i += 1
        if self.i >= n or s[self.i] != "{":
            name = self.name()
            return "$" + name if name else "$"
        self.i += 1
        if self.i >= n:
            raise LexError("syntax error: missing '}'")
        if s[self.i] in "{}:":
            raise LexError("syntax error: bad substitution")
        name = self.name()
        ch = self.next()
        if ch == "}":
            return "${" + name + "}"
        chs = ch or "\ufffd"
        null_is_unset = False
        if ch == ":":
            null_is_unset = True
            ch = self.next()
            chs += ch or "\ufffd"
        elif ch == "/":
            if self.i < n and s[self.i] == "/":
                self.i += 1
            pattern, _ = yield self.stop_on("/", True)
            replacement, _ = yield self.stop_on("}", True)
            return "${" + name + "/" + pattern + "/" + replacement + "}"
        elif not (ch and ch in "+-?#%"):
            raise LexError(f"unsupported modifier ({chs}) in substitution")
        raw = ch in ("#", "%") and ch != ""
        if null_is_unset and raw:
            raise LexError(f"unsupported modifier ({chs}) in substitution")
        word, _ = yield self.stop_on("}", raw)
        return "${" + name + chs + word + "}"

    def possible_heredoc(self) -> str:
        s, n = self.s, self.n
        self.i += 1
        if self.i >= n or s[self.i] != "<":
            return "<"
        self.i += 1
        j = self.i
        while j < n and s[j] in "\t\r ":
            j += 1
        space = s[self.i : j]
        self.i = j
        return "<<" + space

    def single_quote(self) -> str:
        s = self.s
        end = s.find("'", self.i + 1)
        if end < 0:
            raise LexError("unexpected end of statement while looking for matching single-quote")
        body = s[self.i + 1 : end]
        self.i = end + 1
        return "'" + body + "'" if self.raw_quotes else body

    def double_quote(self):
        s, n = self.s, self.n
        self.i += 1
        out = ['"'] if self.raw_quotes else []
        while True:
            if self.i >= n:
                raise LexError("unexpected end of statement while looking for matching double-quote")
            ch = s[self.i]
            if ch == '"':
                self.i += 1
                if self.raw_quotes:
                    out.append('"')
                return "".join(out)
            if ch == "$":
                out.append((yield self.dollar()))
                continue
            if ch != "\\":
                m = _DQ_PLAIN.match(s, self.i)
                assert m is not None
                out.append(m.group(0))
                self.i = m.end()
                continue
            self.i += 1
            if self.raw_escapes:
                out.append(ch)
            if self.i >= n:
                continue  # Go: the escape at the end is dropped; the loop then fails
            if s[self.i] in '"$\\':
                ch = s[self.i]
                self.i += 1
            out.append(ch)


def _drive(gen):
    """Run a generator that yields the generators it calls (an explicit stack instead of recursion)."""
    stack = [gen]
    value = None
    while stack:
        try:
            sub = stack[-1].send(value)
        except StopIteration as stop:
            stack.pop()
            value = stop.value
            continue
        stack.append(sub)
        value = None
    return value


def process_words(text: str, raw_quotes: bool, raw_escapes: bool) -> list[str]:
    """``Lex.ProcessWords`` (escape ``\\``, ``SkipUnsetEnv``, no variables); raises :class:`LexError`."""
    lexer = _Lexer(text, raw_quotes, raw_escapes)
    _, words = _drive(lexer.stop_on("", raw_escapes))
    return words
