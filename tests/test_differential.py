"""Differential fuzzing: hublint's parser against BuildKit's own (PyPI `dockerfile`, run in a child process:
tests/buildkit_reference.py), on generated Dockerfiles and on mutations of the corpora.  Compared: accept or
reject, and for each instruction the keyword, ONBUILD's sub-instruction, exec (JSON) form, line range, flags
and heredocs.  The reference's crashes and hangs are "no verdict".

The `dockerfile` package wraps an older BuildKit (the one shared/corpus/syntax/EXPECTED.jsonl records); where
current BuildKit reads a file differently, hublint follows current BuildKit and the input is not compared:
- a `# check=` line is a parser directive now (so an `# escape=` after it still counts);
- blanks after `<<` (`RUN <<  EOF`) open a heredoc now;
- a JSON array followed by other text (`CMD ["a"] # b`) is shell form now (``json.Unmarshal``);
- the shell lexer run for heredoc detection (whose failure leaves a line without heredocs) knows the
  pattern modifiers now (`${A#x}`, `${A%%x}`, `${A/a/b}`) and rejects `${A:#x}`, `${A:%x}`.
Both parsers rejecting an input is agreement, whatever their messages.

Derandomized, HUBLINT_FUZZ_EXAMPLES examples per property (default 150); the README gives the long run.
"""

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

from hublint.dockerfile.syntax import ParseError, scan

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


def mine(text: str) -> dict:
    try:
        tree = scan(text)
    except ParseError as exc:
        return {"ok": False, "error": exc.message}
    return {"ok": True, "instructions": [
        {"cmd": i.keyword, "sub": i.sub.keyword if i.sub else None, "json": (i.sub or i).json,
         "start": i.start_line, "end": i.end_line, "flags": list(i.flags),
         "heredocs": [[h.name, h.content] for h in i.heredocs], "args": (i.sub or i).args}
        for i in tree.instructions]}


_CHECK = re.compile(r"^[ \t]*#[ \t]*check[ \t]*=", re.M | re.I)
_SPACED_HEREDOC = re.compile(r"<<-?[ \t]+-?[\"']?[A-Za-z_]")
_PATTERN_MODIFIER = re.compile(r"\$\{(?:[A-Za-z0-9_]+|[@*#?$!0-]):?[#%/]")


_DECODER = json.JSONDecoder()


def json_then_text(text: str) -> bool:
    """Is there a JSON array followed, on its line, by other text?  The reference's decoder stops after the
    array (so it reads exec form, or rejects a nested array); current BuildKit's ``json.Unmarshal`` fails and the
    line is shell form (and may open a heredoc)."""
    for m in re.finditer(r"\[", text):
        try:
            _, end = _DECODER.raw_decode(text, m.start())
        except ValueError:
            continue
        rest = text[end:].split("\n", 1)[0]
        if rest.strip():
            return True
    return False


def version_difference(text: str) -> bool:
    """Does the input hit one of the documented differences between current BuildKit and the reference's?"""
    return bool(_CHECK.search(text) or _SPACED_HEREDOC.search(text) or
                ("<<" in text and _PATTERN_MODIFIER.search(text)))


def compare(text: str, reference: Reference) -> None:
    theirs = reference.ask(text)
    if theirs is None or version_difference(text):
        return
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
         "EXPOSE", "VOLUME", "SHELL", "HEALTHCHECK", "STOPSIGNAL", "from", "run", "Run", "MAINTAINER", "BOGUS"]
PIECES = ["python:3.12", "a AS b", "echo hi", "--mount=type=cache,target=/x", "--from=a", "--chown=1:1",
          '["a", "b"]', "[\"x\"]", "['y']", "A=1", "A=1 B=2", "A", "$A", "${A:-x}", "<<EOF", "<<-EOF", "<<'EOF'",
          '<<"X"', "a \\", "\\", "\\\\", "`", "# c", "#", "x # y", "&& \\", "'q", '"q', "\t", "  ", "CMD x", "RUN y",
          "--interval=5s CMD true", "--network=none", "8888/tcp", "/srv", "1000:100", "--", "-", "="]
LINES = st.one_of(
    st.builds(lambda k, p: f"{k} {' '.join(p)}", st.sampled_from(WORDS), st.lists(st.sampled_from(PIECES), max_size=4)),
    st.sampled_from(["", " ", "\t", "# comment", "#", "EOF", "X", "  EOF", "\\", "# escape=`", "# escape=\\",
                     "# syntax=docker/dockerfile:1", "  \\", "line one", "}"]),
    st.text(alphabet=st.sampled_from(list("ab #\\\t\"'[]{}=$<>-`\r")), max_size=12),
)
GENERATED = st.lists(LINES, min_size=0, max_size=12).map("\n".join)


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
])
def test_disagreements_found_by_the_fuzzer(reference, text):
    """Inputs on which the two parsers once disagreed (fixed in hublint, or a documented difference)."""
    compare(text, reference)
