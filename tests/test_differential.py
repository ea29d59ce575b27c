"""Differential fuzzing: hublint's parser against BuildKit's own (PyPI `dockerfile`, run in a child process:
tests/buildkit_reference.py), on generated Dockerfiles and on mutations of the corpora.  Compared: accept or
reject, and for each instruction the keyword (as BuildKit dispatches it: Go's `strings.ToLower`), ONBUILD's
sub-instruction, exec (JSON) form, line range, flags and heredocs.  The reference's crashes and hangs are
"no verdict".

The `dockerfile` package wraps an older BuildKit, v0.12.5 (the one shared/corpus/syntax/EXPECTED.jsonl records);
where current BuildKit reads a file differently, hublint follows current BuildKit and the input is not compared:
- a `# check=` line is a parser directive now (so an `# escape=` after it still counts);
- a directive's `#` may be followed by any unicode blank now (`#`, U+00A0, `escape=``), not only Go's `\\s`;
- flags use the file's escape token now (`# escape=``: `--x=a``b`), not always the backslash;
- a JSON array followed by other text (`CMD ["a"] # b`) is shell form now (``json.Unmarshal``);
- the shell lexer that finds heredocs changed: blanks after `<<` stay in its word (`RUN <<  EOF` opens a
  heredoc), the pattern modifiers are known (`${A#x}`, `${A%%x}`, `${A/a/b}`; `${A:#x}` fails), and a nested
  `${A:-…}` resets the word being built (`<<EOF${A:-x}` is no heredoc).  (Escapes inside `${A:-…}` are removed
  now, kept then; the heredoc's name is unescaped either way, so no input has been found where it matters.)
  These are decided exactly, not by a pattern: `LegacyLexer` is v0.12.5's lexer, and an input is skipped only
  when the two lexers find different heredocs on one of its lines.
Both parsers rejecting an input is agreement, whatever their messages.

Derandomized, HUBLINT_FUZZ_EXAMPLES examples per property (default 150); docs/guarantees.md gives the long run.
"""

import itertools
import json
import os
import pathlib
import re
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hublint.dockerfile import golex
from hublint.dockerfile.syntax import ParseError, _json_valid, heredocs_from_line, scan

pytest.importorskip("dockerfile")

EXAMPLES = int(os.environ.get("HUBLINT_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HERE = pathlib.Path(__file__).resolve().parent
FIELDS = ("cmd", "sub", "json", "start", "end", "flags", "heredocs")


class Reference:
    """BuildKit's parser in a child process; a request that takes over 10 s, or kills it, has no verdict."""

    def __init__(self) -> None:
        self.proc = None

    def start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(HERE / "buildkit_reference.py")], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def ask(self, text: str):
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        answer: list = []

        def read():
            try:
                self.proc.stdin.write(json.dumps(text) + "\n")
                self.proc.stdin.flush()
                answer.append(self.proc.stdout.readline())
            except (BrokenPipeError, OSError):
                pass

        t = threading.Thread(target=read, daemon=True)
        t.start()
        t.join(10)
        if t.is_alive() or not answer or not answer[0]:
            self.proc.kill()
            self.proc = None
            return None
        return json.loads(answer[0])

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()


@pytest.fixture(scope="module")
def reference():
    ref = Reference()
    yield ref
    ref.close()


def go_lower(name: str) -> str:
    """Go's strings.ToLower, written here from its definition (unicode.ToLower, the simple mapping: İ is i, the
    Kelvin sign k; ſ and ı have no lower case of their own), not taken from hublint."""
    return "".join("i" if c == "\u0130" else c.lower() for c in name)


def theirs_named(answer):
    if answer and answer.get("ok"):
        for ins in answer["instructions"]:
            ins["cmd"] = go_lower(ins["cmd"])
            ins["sub"] = go_lower(ins["sub"]) if ins["sub"] else None
    return answer


def mine(text: str) -> dict:
    try:
        tree = scan(text)
    except ParseError as exc:
        return {"ok": False, "error": exc.message}
    return {"ok": True, "instructions": [
        {"cmd": go_lower(i.keyword), "sub": go_lower(i.sub.keyword) if i.sub else None, "json": (i.sub or i).json,
         "start": i.start_line, "end": i.end_line, "flags": list(i.flags),
         "heredocs": [[h.name, h.content] for h in i.heredocs], "args": (i.sub or i).args}
        for i in tree.instructions]}


_CHECK = re.compile(r"^[ \t]*#[ \t]*check[ \t]*=", re.M | re.I)
# `#` then a blank Go's \s does not have: a directive for current BuildKit only
_DIRECTIVE_BLANK = re.compile("^[" + golex.GO_SPACE + "]*#[" + golex.GO_SPACE + "]*[\v\x85\xa0\u1680\u2000-\u200a"
                              "\u2028\u2029\u202f\u205f\u3000][" + golex.GO_SPACE + "]*[a-zA-Z]", re.M)
_BACKTICK_ESCAPE = re.compile("^[" + golex.GO_SPACE + "]*#[" + golex.GO_SPACE + "]*escape[\t\n\f\r ]*=[\t\n\f\r ]*`",
                              re.M | re.I)
_FLAG_ESCAPE = re.compile(r"--[^\s]*[`\\]")


def flag_escape_difference(text: str) -> bool:
    """A flag with a backtick or backslash in a file whose escape token is the backtick."""
    if not _FLAG_ESCAPE.search(text):
        return False
    try:
        return scan(text).escape == "`"
    except ParseError:
        return bool(_BACKTICK_ESCAPE.search(text))


class LegacyLexer(golex._Lexer):
    """v0.12.5's shell lexer (the reference's), as hublint's port of the current one would be then: each call
    has its own word, `<` is not special, only the `:`, `-`, `+`, `?` modifiers exist and escapes inside `${…}`
    follow the caller's setting."""

    def stop_on(self, stop, raw_escapes):
        s, n = self.s, self.n
        result: list[str] = []
        words = golex._Words([])
        while self.i < n:
            ch = s[self.i]
            if stop and ch == stop:
                self.i += 1
                return "".join(result), words.get_words()
            if ch == "$":
                tmp = yield self.dollar()
                result.append(tmp)
                words.add_string(tmp)
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
                words.raw(s[self.i])
                result.append(s[self.i])
                self.i += 1
            else:
                if ch in golex.GO_SPACE:
                    words.blank()
                else:
                    words.raw(ch)
                result.append(ch)
                self.i += 1
        if stop:
            raise golex.LexError("unexpected end of statement")
        return "".join(result), words.get_words()

    def dollar(self):
        s, n = self.s, self.n
        self.i += 1
        if self.i >= n or s[self.i] != "{":
            name = self.name()
            return "$" + name if name else "$"
        self.i += 1
        if self.i >= n or s[self.i] in "{}:":
            raise golex.LexError("bad substitution")
        name = self.name()
        ch = self.next()
        if ch == "}":
            return "${" + name + "}"
        chs = ch
        if ch == ":":
            ch = self.next()
            chs += ch or "\ufffd"
        elif not (ch and ch in "+-?"):
            raise golex.LexError("unsupported modifier")
        word, _ = yield self.stop_on("}", self.raw_escapes)
        return "${" + name + chs + word + "}"


_LEGACY_HEREDOC = re.compile(r"([0-9]*)<<(-?)([^<]*)\Z", re.S)


def _legacy_words(text: str, raw_quotes: bool, raw_escapes: bool) -> list[str]:
    lexer = LegacyLexer(text, raw_quotes, raw_escapes)
    return golex._drive(lexer.stop_on("", raw_escapes))[1]


def legacy_heredocs(line: str):
    """v0.12.5's heredocsFromLine: the names, or "error"."""
    try:
        words = _legacy_words(line, True, True)
    except golex.LexError:
        return []
    names = []
    for word in words:
        m = _LEGACY_HEREDOC.match(word)
        if not m or not m.group(3):
            continue
        try:
            found = _legacy_words(m.group(3), False, False)
            if len(found) != 1:
                continue
            if len(_legacy_words(m.group(3), True, False)) != 1:
                return "error"
        except golex.LexError:
            return "error"
        names.append(found[0])
    return names


def current_heredocs(line: str):
    try:
        return [h.name for h in heredocs_from_line(line)]
    except ParseError:
        return "error"


def lexer_difference(text: str) -> bool:
    """Does a line of ``text`` (also joined at a trailing escape) open other heredocs for v0.12.5's lexer than
    for current BuildKit's?"""
    if "<<" not in text:
        return False
    lines = set(text.split("\n"))
    for esc in ("\\", "`"):
        lines.update(re.sub(re.escape(esc) + r"[ \t]*\r?\n", "", text).split("\n"))
    try:
        lines.update(i.original for i in scan(text).instructions)
    except ParseError:
        pass
    return any("<<" in line and current_heredocs(line) != legacy_heredocs(line) for line in lines)


_DECODER = json.JSONDecoder()


def json_then_text(text: str) -> bool:
    """Is there a JSON array followed, on its line, by other text?  The reference's decoder stops after the
    array (so it reads exec form, or rejects a nested array); current BuildKit's ``json.Unmarshal`` fails and the
    line is shell form (and may open a heredoc)."""
    for line in text.split("\n"):
        # an exec form's array starts a word, after the keyword and flags (and HEALTHCHECK's type): the first
        # few `[` that start a word are tried (each try may read to the end of the line)
        for m in itertools.islice(_WORD_BRACKET.finditer(line), 4):
            start = m.end() - 1
            try:
                _, end = _DECODER.raw_decode(line, start)
            except RecursionError:  # deeper than Python's decoder: where its brackets close, and is that JSON?
                end = _array_end(line, start)
                if end < 0 or not _json_valid(line[start:end]):
                    continue
            except ValueError:
                continue
            # BuildKit trims the arguments' unicode blanks, then json.Unmarshal allows only JSON's [ \t\n\r]
            # after the array: anything else (\x1c, which Python's str.strip() would remove) fails it
            if line[end:].rstrip(golex.GO_SPACE).strip(" \t\n\r"):
                return True
    return False


_WORD_BRACKET = re.compile("(?:^|[" + golex.GO_SPACE + "])\\[")


def _array_end(line: str, start: int) -> int:
    depth, i, n = 0, start, len(line)
    while i < n:
        ch = line[i]
        if ch == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def version_difference(text: str) -> bool:
    """Does the input hit one of the documented differences between current BuildKit and the reference's?"""
    return bool(_CHECK.search(text) or _DIRECTIVE_BLANK.search(text) or flag_escape_difference(text)
                or lexer_difference(text))


def compare(text: str, reference: Reference) -> None:
    theirs = theirs_named(reference.ask(text))
    if theirs is None or theirs["ok"] is None or version_difference(text):
        return  # no verdict (the binding cannot give a value that is not UTF-8), or a version difference
    ours = mine(text)
    if json_then_text(text) and ("<<" in text or ours["ok"] != theirs["ok"]):
        return  # e.g. `RUN ["a"] <<EOF`: a heredoc for current BuildKit, exec form (no heredoc) for the reference
    if not ours["ok"] or not theirs["ok"]:
        assert ours["ok"] == theirs["ok"], (text, ours, theirs)
        return
    a, b = ours["instructions"], theirs["instructions"]
    assert len(a) == len(b), (text, a, b)
    for x, y in zip(a, b):
        if y["json"] and not x["json"] and "[" in x["args"]:
            continue  # JSON then other text (also after HEALTHCHECK CMD): shell form for current BuildKit
        if y["sub"]:
            x = {**x, "heredocs": y["heredocs"]}  # the binding does not expose heredocs under ONBUILD
        assert {f: x[f] for f in FIELDS} == {f: y[f] for f in FIELDS}, (text, x, y)


# --------------------------------------------------------------------------- inputs

WORDS = ["FROM", "RUN", "CMD", "ENTRYPOINT", "COPY", "ADD", "ENV", "ARG", "LABEL", "USER", "WORKDIR", "ONBUILD",
         "EXPOSE", "VOLUME", "SHELL", "HEALTHCHECK", "STOPSIGNAL", "from", "run", "Run", "MAINTAINER", "BOGUS",
         # case folding as Go's strings.ToLower: İ and the Kelvin sign fold to ASCII, ſ and ı do not
         "ENTRYPOİNT", "ONBUİLD", "WORKDİR", "HEALTHCHEC\u212a", "UſER", "ſHELL", "entrypoınt", "ruN\u0130"]
# blanks for Go (unicode.IsSpace), and characters that are not (\x1c is for Python, U+200B for neither)
BLANKS = ["\u00a0", "\u0085", "\u3000", "\u2003", "\u2005", "\u1680", "\v", "\f", "\r", "\x1c", "\u200b"]
PIECES = ["python:3.12", "a AS b", "echo hi", "--mount=type=cache,target=/x", "--from=a", "--chown=1:1",
          '["a", "b"]', "[\"x\"]", "['y']", "A=1", "A=1 B=2", "A", "$A", "${A:-x}", "<<EOF", "<<-EOF", "<<'EOF'",
          '<<"X"', "a \\", "\\", "\\\\", "`", "# c", "#", "x # y", "&& \\", "'q", '"q', "\t", "  ", "CMD x", "RUN y",
          "--interval=5s CMD true", "--network=none", "8888/tcp", "/srv", "1000:100", "--", "-", "=",
          # heredoc words as BuildKit's lexer splits them
          "<<''", '<<""', "<<-''", "<< EOF", "<<\tEOF", "<<- EOF", "<< -EOF", '${A:-" <<EOF "}', "<<EOF${A:-x}",
          "${A:-<<EOF}", "'<<EOF'", "\\<<EOF", "<<EOF'x", "cat\u00a0<<EOF", "cat\u3000<<EOF", "3<<EOF",
          "\u0663<<EOF", "${A:-x y}<<EOF",
          # flags, read byte by byte
          "--x=\u00e9", "--x=\u00e0", "--mount=\u00e0", "--a\u00a0--b", '--x="\u00e9"', "--x=\u0800",
          "--x=\u2005y", "--x=a`b",
          # JSON as encoding/json reads it
          "[1e400]", "[-1e400]", "[1e-400]", '["a", 1e400]', "[1]", '["\\ud800", "x"]', '["\\udc00\\ud800"]',
          '["\\ud83d\\ude00"]', "[" + "1" * 400 + "]", '[{"a": 1e999}]', "[[]]", '["a",]', "[\u00a0]",
          *BLANKS]
DIRECTIVES = ["# escape= ", "# escape=\t", "#escape=", "# escape = ` ", "# syntax= ", "# check= ", "# escape=``",
              "# ESCAPE=`", "#\u00a0escape=`", "#\u3000escape=`", "#\vescape=`", "# escape=\u00a0", "# escape =\\",
              "\u00a0# escape=`", "\ufeff# escape=`"]
LINES = st.one_of(
    st.builds(lambda k, p: f"{k} {' '.join(p)}", st.sampled_from(WORDS), st.lists(st.sampled_from(PIECES), max_size=4)),
    st.sampled_from(["", " ", "\t", "# comment", "#", "EOF", "X", "  EOF", "\\", "# escape=`", "# escape=\\",
                     "# syntax=docker/dockerfile:1", "  \\", "line one", "}", "-EOF", "\tEOF", *DIRECTIVES,
                     'HEALTHCHECK CMD\u2003["a"]', 'HEALTHCHECK CMD\u00a0["a"]', 'HEALTHCHECK \u00e0 ["a"]',
                     'HEALTHCHECK CMD\u2005["a"]']),
    st.builds(lambda b, k, p: f"{b}{k}{b}{p}", st.sampled_from(BLANKS), st.sampled_from(WORDS),
              st.sampled_from(PIECES)),
    st.text(alphabet=st.sampled_from(list("ab #\\\t\"'[]{}=$<>-`\r\u00a0\u3000")), max_size=12),
)
GENERATED = st.lists(LINES, min_size=0, max_size=12).map("\n".join)


@st.composite
def deep_json(draw):
    """`CMD` and a JSON array nested k deep: Python's decoder gives up near 1,000, Go's at 10,000."""
    k = draw(st.one_of(st.sampled_from([1, 2, 500, 999, 1000, 2000, 9999, 10000, 10001]), st.integers(1, 12000)))
    inner = draw(st.one_of(st.sampled_from(["", '"a"', "1", "1e400", '"\\ud800"', "[]", "{}", '{"a": [1e999]}']),
                           st.text(alphabet=st.sampled_from(list('"a1e,:[]{} \\\t')), max_size=8)))
    close = draw(st.sampled_from(["]" * k, "]" * (k - 1), "]" * k + " x", "]" * k + "\x1c", "]" * (k + 1)]))
    keyword = draw(st.sampled_from(["CMD", "RUN", "COPY", "HEALTHCHECK CMD", "ONBUILD CMD", "ENTRYPO\u0130NT"]))
    return f"FROM x\n{keyword} {'[' * k}{inner}{close}\nUSER root\n"


FILLER = st.text(alphabet=st.sampled_from(list("a\u00e9\u20ac\U0001f600 \t\\\"'[]$<`#\u00a0\u3000\ufeff\r")), max_size=16)


@st.composite
def long_lines(draw):
    """A line around 65,535 bytes (BuildKit's limit), first, in the middle or last, with or without its
    newline, of 1- to 4-byte characters, after zero, one or two byte-order marks (BuildKit removes one)."""
    size = draw(st.integers(65500, 65540))
    char = draw(st.sampled_from(["a", "\u00e9", "\u20ac", "\U0001f600"]))
    bom = draw(st.sampled_from(["", "\ufeff", "\ufeff\ufeff"]))
    where = draw(st.sampled_from(["first", "middle", "last"]))
    newline = draw(st.booleans())
    head = draw(st.sampled_from(["RUN ", "# ", "LABEL a=", "CMD [\"", "RUN <<EOF ", "# escape=", ""])) + draw(FILLER)
    room = size - len(head.encode())
    width = len(char.encode())
    line = head + char * (room // width) + "a" * (room % width)
    end = "\n" if newline else ""
    if where == "first":
        return bom + line + "\nFROM x\nUSER root" + end
    if where == "middle":
        return bom + "FROM x\n" + line + "\nUSER root" + end
    return bom + "FROM x\nUSER root\n" + line + end


CORNERS = st.one_of(deep_json(), long_lines())




def _corpus_texts() -> list[str]:
    from conftest import SHARED

    out = []
    for corpus in ("syntax", "syntax-probes", "real"):
        folder = SHARED / "corpus" / corpus
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix in (".jsonl", ".tsv", ".md") or not path.is_file():
                continue
            try:
                out.append(path.read_bytes().decode("utf-8"))
            except UnicodeDecodeError:
                continue
    return out


CORPUS = _corpus_texts()


@st.composite
def mutated(draw):
    if not CORPUS:
        return draw(GENERATED)
    lines = draw(st.sampled_from(CORPUS)).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "append", "swap"]))
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "insert":
            lines.insert(at, draw(LINES))
        elif op == "delete" and lines:
            del lines[at]
        elif op == "append" and lines:
            lines[at] += draw(st.sampled_from(PIECES + [" \\", "\\"]))
        elif op == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return "\n".join(lines)


@SETTINGS
@given(GENERATED)
def test_generated_dockerfiles_read_as_buildkit_reads_them(reference, text):
    compare(text, reference)


@SETTINGS
@given(mutated())
def test_mutated_corpus_files_read_as_buildkit_reads_them(reference, text):
    compare(text, reference)


@SETTINGS
@given(CORNERS)
def test_deep_json_and_long_lines_read_as_buildkit_reads_them(reference, text):
    compare(text, reference)


def test_the_documented_differences_are_real(reference):
    """Each skipped class is a real difference (else it should be compared, not skipped)."""
    check = "# check=skip=all\n# escape=`\nFROM x\nRUN a `\n  b\n"
    assert mine(check)["instructions"][1]["end"] != reference.ask(check)["instructions"][1]["end"]
    spaced = "FROM x\nRUN <<  EOF\nhi\nEOF\n"
    assert mine(spaced)["instructions"][1]["heredocs"] != reference.ask(spaced)["instructions"][1]["heredocs"]
    trailing = 'FROM x\nCMD ["a"] # b\n'
    assert mine(trailing)["instructions"][1]["json"] is False
    assert reference.ask(trailing)["instructions"][1]["json"] is True
    heredoc = 'FROM x\nRUN ["a", "b"] <<EOF\n'
    assert (mine(heredoc)["ok"], reference.ask(heredoc)["ok"]) == (False, True)
    nested = 'FROM x\nCMD ["a", ["b"]] c\n'
    assert (mine(nested)["ok"], reference.ask(nested)["ok"]) == (True, False)
    assert json_then_text(nested) and not json_then_text('FROM x\nCMD ["a"]\n')
    for modifier, current in (("${A#x}", True), ("${A/a/b}", True), ("${A:#x}", False)):
        text = f"FROM x\nRUN cat <<EOF {modifier}\nhi\nEOF\n"
        assert bool(mine(text)["instructions"][1]["heredocs"]) is current
        assert bool(reference.ask(text)["instructions"][1]["heredocs"]) is not current
        assert version_difference(text)


def test_the_new_documented_differences_are_real_and_dash_forms_are_compared(reference):
    dash = "FROM x\nRUN <<- EOF\nUSER root\nEOF\n"  # the old `<<-?[ \t]+` skip pattern hid this one
    assert not version_difference(dash) and mine(dash)["instructions"][2]["cmd"] == "user"
    compare(dash, reference)
    for text, field in (("#\u00a0escape=`\nFROM x\nRUN a `\nb\n", "end"),
                        ("# escape=`\nFROM x\nRUN --x=a`b true\n", "flags"),
                        ("FROM x\nRUN <<EOF${A:-x}\nhi\nEOF\n", "heredocs")):
        ours, theirs = mine(text), theirs_named(reference.ask(text))
        assert version_difference(text)
        assert ours["ok"] != theirs["ok"] or ours["instructions"][1][field] != theirs["instructions"][1][field], text


CORNERS_OF_ISSUE_30 = [
    "FROM x\nRUN <<'' true\nUSER root\n",  # A
    'FROM x\nRUN <<"" true\nUSER root\n',
    "FROM x\nRUN cat\u00a0<<EOF\nUSER root\nEOF\n",  # B
    "FROM x\nRUN cat\u0085<<EOF\nUSER root\nEOF\n",
    "FROM x\nRUN cat\u3000<<EOF\nUSER root\nEOF\n",
    'FROM x\nRUN echo ${A:-" <<EOF "}\nUSER root\nEOF\n',  # B2
    "# escape= \nFROM x\nUSER root\n",  # C
    "# syntax= \n# escape=`\nFROM x\nRUN a `\nUSER root\n",
    'FROM x\nENTRYPO\u0130NT ["a"]\n',  # D
    "FROM x\nU\u017fER root\n",
    "FROM x\nCMD [1e400]\n",  # E
    "FROM x\nCMD " + "[" * 2000 + "]" * 2000 + "\n",  # G
    "FROM x\nRUN --x=\u00e9 a\n",  # F
    'FROM x\nCMD ["\\ud800","x"]\n',  # H
    'FROM x\nHEALTHCHECK CMD\u2003["a"]\n',  # I
    "\ufeff#" + "a" * 65532 + "\nFROM x\n",  # J
    "FROM x\nRUN " + "a" * 65532,
    "\ufeff\ufeffFROM x\n",
]


@pytest.mark.parametrize("text", CORNERS_OF_ISSUE_30, ids=range(len(CORNERS_OF_ISSUE_30)))
def test_each_corner_of_issue_30_is_compared(reference, text):
    """Current BuildKit and the reference agree on these: they are compared, never skipped."""
    assert not version_difference(text) and reference.ask(text)["ok"] is not None
    compare(text, reference)


@pytest.mark.parametrize("text", [
    "FROM x\nRUN <<EOF 'q\n",  # an unterminated quote: BuildKit's lexer fails, so the line opens no heredoc
    'FROM x\nRUN cat <<EOF "x\necho\n',
    "FROM x\nRUN <<EOF\nEOF\n",
    "FROM x\nONBUILD RUN <<EOF\nhi\nEOF\n",
    'FROM x\nHEALTHCHECK CMD ["curl", "-f", "http://x/"] # probe\n',
    'FROM x\nRUN ["a", "b"] <<EOF\n',  # found by the 100,000-example runs: version differences
    'RUN ["a", "b"] <<EOF\nEOF',
    "FROM alpine:3.6\nRUN valid \\\n<<${\n    continuation\n",  # a bad ${ on the line: no heredoc (fixed)
    'FROM x\nRUN cat <<EOF "${"\nhi\nEOF\n',
    "FROM x\nRUN cat <<EOF ${A:-${B}\nhi\nEOF\n",
    "FROM x\nRUN cat <<EOF ${1x} ${ A}\nhi\nEOF\n",
    'FROM x\nCMD [ "echo", [ "nested json" ] ]python:3.12\n',
    "RUN [1e-400] \x1c",  # found by the 100,000-example run: JSON then text (\x1c is no blank to Go)
    'FROM a\nCMD ["a", 1]\x1c\n',
    "HEALTHCHECK ['y'] [1e-400] python:3.12",
])
def test_disagreements_found_by_the_fuzzer(reference, text):
    """Inputs on which the two parsers once disagreed (fixed in hublint, or a documented difference)."""
    compare(text, reference)
