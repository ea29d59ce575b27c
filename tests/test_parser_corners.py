"""Where a Dockerfile parser that is almost BuildKit's lets `USER root` through: each corner as current BuildKit
reads it (its Go source: frontend/dockerfile/parser, frontend/dockerfile/shell/lex.go, encoding/json, bufio), with
the expected reading written out.  tests/test_differential.py compares the same inputs with BuildKit's parser
itself where the version it wraps agrees with the current one."""

import json
import subprocess
import sys

import pytest

import hublint
from hublint.dockerfile.syntax import NOT_STRING_ARRAY, ParseError, decode, decode_detail, go_lower, scan


def keywords(text):
    return [i.keyword for i in scan(text).instructions]


# --------------------------------------------------------------------------- A: `<<''` opens nothing


@pytest.mark.parametrize("word", ["<<''", '<<""', "<<-''", '<<-""', "<<''''"])
def test_an_empty_quoted_heredoc_word_opens_no_heredoc(word):
    # the lexer drops a quote-only word (ProcessWords adds a word only when its buffer is not empty)
    tree = scan(f"FROM a\nRUN {word} true\nUSER root\n")
    assert keywords(f"FROM a\nRUN {word} true\nUSER root\n") == ["FROM", "RUN", "USER"]
    assert tree.instructions[1].heredocs == ()


# --------------------------------------------------------------------------- B: unicode blanks split words


@pytest.mark.parametrize("blank", ["\u00a0", "\u0085", "\u3000", "\u2003", "\u1680", "\u205f", "\v", "\f"])
def test_a_unicode_blank_before_heredoc_opens_it(blank):
    tree = scan(f"FROM a\nRUN cat{blank}<<EOF\nUSER root\nEOF\n")
    assert [i.keyword for i in tree.instructions] == ["FROM", "RUN"]
    assert [(h.name, h.content) for h in tree.instructions[1].heredocs] == [("EOF", "USER root\n")]


@pytest.mark.parametrize("other", ["\u200b", "\x1c", "\ufeff", "\u180e"])
def test_a_character_go_does_not_call_blank_does_not_split(other):
    # \x1c is a blank for Python's str.isspace(), not for Go's unicode.IsSpace
    assert keywords(f"FROM a\nRUN cat{other}<<EOF\nUSER root\nEOF\n") == ["FROM", "RUN", "USER", "EOF"]


@pytest.mark.parametrize(("line", "names"), [
    ('RUN echo ${A:-" <<EOF "}', ["EOF"]),  # the expansion's text is split again: `<<EOF` is a word
    ("RUN echo ${A:- <<EOF}", ["EOF}"]),
    ("RUN <<EOF${A:-x}", []),  # a nested ${…} resets the word being built: the word is `${A:-x}`
    ('RUN <<"${A:-x}"', []),
    ("RUN ${A:-x}<<EOF", []),  # one word, `${A:-x}<<EOF`: it does not start with `<<`
    ("RUN << EOF", ["EOF"]),
    ("RUN <<\tEOF", ["EOF"]),
    ("RUN <<- EOF", []),  # `<<-` is the word: no heredoc
    ("RUN << -EOF", ["-EOF"]),
    ("RUN \\<<EOF", []),  # the escape stays in the word (raw escapes)
    ("RUN '<<EOF'", []),
    ("RUN 3<<EOF", ["EOF"]),
    ("RUN \u0663<<EOF", []),  # Go's \d is ASCII
    ("RUN <<\ufeffEOF", ["EOF"]),  # text/scanner skips a BOM at the start of what it reads
])
def test_heredoc_words_as_buildkits_lexer_splits_them(line, names):
    rest = "".join(f"\n{n}" for n in names)
    tree = scan(f"FROM a\n{line}{rest}\n")
    assert [h.name for h in tree.instructions[1].heredocs] == names


def test_a_heredoc_word_the_lexer_rejects_fails_the_file():
    # `${A:-" <<EOF'x "}` yields the word `<<EOF'x`; lexing `EOF'x` fails, and heredocsFromLine returns the error
    with pytest.raises(ParseError, match="failed to process") as info:
        scan("FROM a\nRUN echo ${A:-\" <<EOF'x \"}\nEOF'x\n")
    assert info.value.line == 2


def test_deeply_nested_expansions_are_lexed_without_recursion():
    line = "RUN " + "${A:-" * 10000 + " <<EOF " + "}" * 10000
    tree = scan(f"FROM a\n{line}\nUSER root\nEOF\n")
    assert [h.name for h in tree.instructions[1].heredocs] == ["EOF"]


# --------------------------------------------------------------------------- C: directive values


@pytest.mark.parametrize("line", ["# escape= ", "# escape=\t", "# escape =  ", "#escape=\r "])
def test_an_escape_directive_of_blanks_is_rejected(line):
    with pytest.raises(ParseError, match="invalid escape token"):
        scan(f"{line}\nFROM a\n")


def test_a_blank_syntax_directive_is_still_a_directive():
    # `# syntax= ` has the value " ": the `# escape=` after it still counts
    tree = scan("# syntax= \n# escape=`\nFROM a\nRUN a `\nUSER root\n")
    assert tree.escape == "`" and keywords("# syntax= \n# escape=`\nFROM a\nRUN a `\nUSER root\n") == ["FROM", "RUN"]
    assert tree.directives[0] == ("syntax", " ", 1)


def test_an_empty_directive_value_ends_the_directives():
    assert scan("# syntax=\n# escape=`\nFROM a\n").escape == "\\"


@pytest.mark.parametrize("blank", ["\u00a0", "\u3000", "\v"])
def test_any_unicode_blank_may_follow_the_directive_hash(blank):
    assert scan(f"#{blank}escape=`\nFROM a\nRUN a `\nUSER root\n").escape == "`"


# --------------------------------------------------------------------------- D: Go's strings.ToLower


@pytest.mark.parametrize(("written", "keyword"), [
    ("ENTRYPOİNT", "ENTRYPOINT"), ("WORKDİR", "WORKDIR"), ("HEALTHCHEC\u212a", "HEALTHCHECK"), ("usEr", "USER"),
    ("UſER", "UſER"), ("entrypoınt", "entrypoınt"), ("ſHELL", "ſHELL"),
])
def test_instruction_names_fold_as_go_lowercases_them(written, keyword):
    assert keywords(f"FROM a\n{written} x\n")[1] == keyword


def test_a_folded_entrypoint_has_its_exec_form():
    ins = scan('FROM a\nENTRYPOİNT ["start.sh"]\n').instructions[1]
    assert (ins.keyword, ins.json, ins.value) == ("ENTRYPOINT", True, ("start.sh",))


def test_go_lower():
    assert go_lower("ENTRYPOİNT") == "entrypoint" and go_lower("UſER") == "uſer" and go_lower("ΣΑΣ") == "σασ"


def test_a_long_s_user_is_not_judged_as_user():
    found = hublint.lint_text("FROM quay.io/jupyter/base-notebook:2025-01-06\nUſER root\n", role="singleuser")
    assert "HUB301" not in {f.code for f in found}
    found = hublint.lint_text("FROM quay.io/jupyter/base-notebook:2025-01-06\nUSER root\n", role="singleuser")
    assert "HUB301" in {f.code for f in found}


# --------------------------------------------------------------------------- E, G, H: encoding/json


@pytest.mark.parametrize("array", ["[1e400]", "[-1e400]", '["a", 1e400]', "[" + "1" * 400 + "]",
                                   '[{"a": 1e999}]', "[[1e400]]"])
def test_a_number_out_of_float64_range_makes_shell_form(array):
    ins = scan(f"FROM a\nCMD {array}\n").instructions[1]
    assert (ins.json, ins.value) == (False, (array,))


@pytest.mark.parametrize("array", ["[1]", "[1e-400]", "[null]", "[[]]", '["a", {"b": 1}]'])
def test_a_json_array_of_other_things_than_strings_is_rejected(array):
    with pytest.raises(ParseError, match=NOT_STRING_ARRAY):
        scan(f"FROM a\nCMD {array}\n")


@pytest.mark.parametrize(("depth", "ok"), [(1000, False), (2000, False), (10000, False), (10001, True)])
def test_deep_json_is_read_to_go_s_depth(depth, ok):
    text = f"FROM a\nCMD {'[' * depth}{']' * depth}\n"
    if ok:  # deeper than encoding/json's 10,000: not JSON, shell form
        assert scan(text).instructions[1].json is False
    else:
        with pytest.raises(ParseError, match=NOT_STRING_ARRAY):
            scan(text)


@pytest.mark.parametrize("text", ["[" * 990, "[" * 2000 + "]" * 1999, "[" * 2000 + "]" * 2000 + " x"])
def test_deep_json_that_is_not_json_is_shell_form(text):
    assert scan(f"FROM a\nCMD {text}\n").instructions[1].json is False


@pytest.mark.parametrize(("escaped", "value"), [
    ("\\ud800", "\ufffd"), ("\\udc00\\ud800", "\ufffd\ufffd"), ("\\ud83d\\ude00", "\U0001f600"),
    ("a\\ud800\\ud800\\udc00", "a\ufffd\U00010000"),
])
def test_a_lone_surrogate_in_json_is_the_replacement_character(escaped, value):
    ins = scan(f'FROM a\nCMD ["{escaped}", "x"]\n').instructions[1]
    assert ins.value == (value, "x")


def test_a_raw_surrogate_in_text_never_leaves_the_parser():
    tree = scan("FROM a\nRUN echo \ud800\nLABEL a=\udfff\n")
    for ins in tree.instructions:
        ins.original.encode("utf-8") and "".join(ins.value).encode("utf-8")


# --------------------------------------------------------------------------- F, I: read byte by byte


@pytest.mark.parametrize(("line", "flags", "args"), [
    ("RUN --x=\u00e9 a", ("--x=\u00c3\u00a9",), "a"),  # é is C3 A9: two runes
    ("RUN --mount=\u00e0 b", ("--mount=\u00c3",), "b"),  # à is C3 A0, and 0xA0 is a blank
    ("RUN --a=\u2005b c", ("--a=\u00e2\u0080",), "b c"),  # U+2005 is E2 80 85: 0x85 is a blank
    ("RUN --a=\u2003b c", ("--a=\u00e2\u0080\u0083b",), "c"),  # U+2003 (E2 80 83) is none
    ("RUN --a\u00a0--b c", ("--a\u00c2", "--b"), "c"),  # U+00A0 is C2 A0: `--a` then Â, then the blank
    ('RUN --x="\u00e9 \u00e9" a', ("--x=\u00c3\u00a9 \u00c3\u00a9",), "a"),
])
def test_flags_are_read_byte_by_byte(line, flags, args):
    ins = scan(f"FROM a\n{line}\n").instructions[1]
    assert (ins.flags, ins.args) == (flags, args)


def test_flags_use_the_files_escape_token():
    ins = scan("# escape=`\nFROM a\nRUN --x=a`b\\c true\n").instructions[1]
    assert ins.flags == ("--x=ab\\c",)


@pytest.mark.parametrize(("line", "json_form", "value"), [
    ('HEALTHCHECK CMD\u2003["a"]', False, ('CMD\u2003["a"]',)),  # E2 80 83: no blank byte
    ('HEALTHCHECK CMD ["a"]', True, ("CMD", "a")),
    ('HEALTHCHECK CMD\u2005["a"]', True, ("CMD\ufffd", "a")),  # 0x85 ends the type inside U+2005
])
def test_healthcheck_type_is_split_byte_by_byte(line, json_form, value):
    ins = scan(f"FROM a\n{line}\n").instructions[1]
    assert (ins.json, ins.value) == (json_form, value)


# --------------------------------------------------------------------------- J: bufio.Scanner's 64 KiB


@pytest.mark.parametrize(("raw", "ok"), [
    (b"\xef\xbb\xbf#" + b"a" * 65531 + b"\nFROM a\n", True),  # BOM + 65,532 bytes
    (b"\xef\xbb\xbf#" + b"a" * 65532 + b"\nFROM a\n", False),  # BOM + 65,533 bytes: the BOM counts
    (b"#" + b"a" * 65534 + b"\nFROM a\n", True),  # 65,535 bytes and its newline fill the 64 KiB buffer
    (b"#" + b"a" * 65535 + b"\nFROM a\n", False),
    (b"FROM a\n#" + b"a" * 65534, True),  # a last line without newline: the same 65,535
    (b"FROM a\n#" + b"a" * 65535, False),
    (b"FROM a\nRUN " + "\u00e9".encode() * 32765 + b"\n", True),  # 65,534 bytes of text
    (b"FROM a\nRUN " + "\u00e9".encode() * 32766 + b"\n", False),
    (b"FROM a\nRUN " + b"\xe9" * 65531 + b"\n", True),  # latin-1: one byte a character, not two
    (b"FROM a\nRUN " + b"\xe9" * 65532 + b"\n", False),
])
def test_line_length_is_counted_in_the_files_bytes(raw, ok):
    if ok:
        assert hublint.parse(raw).instructions
    else:
        with pytest.raises(ParseError, match="line greater than max allowed size of 65535|no instructions"):
            hublint.parse(raw)


def test_a_plain_string_is_counted_in_its_utf8_bytes():
    with pytest.raises(ParseError):
        scan("\ufeff#" + "a" * 65532 + "\nFROM a\n")
    assert scan("\ufeff#" + "a" * 65531 + "\nFROM a\n").instructions


def test_buildkit_removes_one_byte_order_mark():
    tree = hublint.parse(b"\xef\xbb\xbf\xef\xbb\xbfFROM a\nUSER root\n")
    assert [i.keyword for i in tree.instructions] == ["\ufeffFROM", "USER"]  # an unknown instruction, then USER
    assert [i.keyword for i in hublint.parse(b"\xef\xbb\xbfFROM a\n").instructions] == ["FROM"]
    assert decode_detail(b"\xef\xbb\xbfFROM a\n")[1:] == ("utf-8", b"\xef\xbb\xbf")


def test_a_latin1_file_is_read_as_go_reads_its_bytes():
    # a lone byte 0xA0 is no blank to Go (invalid UTF-8); C2 A0 (U+00A0) is one
    raw = b"FROM a\nRUN echo \xe9 \\\n\xa0# x\nUSER root\n"
    assert [i.keyword for i in hublint.parse(raw).instructions] == ["FROM", "RUN", "USER"]
    raw = b"FROM a\nRUN cat\xc2\xa0<<EOF\nUSER root\nEOF\n\xe9\n"
    tree = hublint.parse(raw)
    assert tree.tree.latin1 and [i.keyword for i in tree.instructions][:2] == ["FROM", "RUN"]
    assert [h.name for h in tree.instructions[1].heredocs] == ["EOF"]
    raw = b"FROM a\n\xc2\xa0USER root\n\xe9\n"
    assert [i.keyword for i in hublint.parse(raw).instructions][:2] == ["FROM", "USER"]
    # a heredoc name with an invalid byte is U+FFFD to Go: it never matches its line
    with pytest.raises(ParseError, match="unterminated heredoc"):
        hublint.parse(b"FROM a\nRUN <<E\xe9\nx\nE\xe9\n")
    assert decode(b"\xe9").codec == "latin-1"


# --------------------------------------------------------------------------- ONBUILD ONBUILD …


def test_a_chain_of_onbuild_is_read_without_recursion():
    tree = scan("FROM a\n" + "ONBUILD " * 8000 + "RUN x\nUSER root\n")
    assert [i.keyword for i in tree.instructions] == ["FROM", "ONBUILD", "USER"]
    assert tree.instructions[1].sub.keyword == "ONBUILD"
    with pytest.raises(ParseError, match=NOT_STRING_ARRAY):  # every level is read, as BuildKit's parser does
        scan("FROM a\n" + "ONBUILD " * 3000 + "CMD [1]\n")


# --------------------------------------------------------------------------- one bad file, every format


FORMATS = ["full", "concise", "json", "sarif", "github", "gitlab", "checkstyle"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bad_file_is_one_finding_in_every_format_and_the_others_are_reported(tmp_path, fmt):
    good = "FROM quay.io/jupyter/base-notebook:2025-01-06\nUSER root\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD " + "[" * 990)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "Dockerfile").write_text(
        'FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD ["\\ud800", "x"]\nUSER root\n')
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "Dockerfile").write_text(good)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:2025-01-06\nCMD [[[" + "[" * 2000
                                                 + "]" * 2003 + "\nUSER root\n")
    r = subprocess.run([sys.executable, "-m", "hublint", "--no-cache", "--no-config", "--role", "singleuser",
                        "--format", fmt, "a", "b", "c", "d"], cwd=tmp_path, capture_output=True, timeout=120)
    err = r.stderr.decode()
    assert r.returncode == 1 and "internal error" not in err and "Traceback" not in err, err
    out = r.stdout.decode("utf-8")  # valid UTF-8: no lone surrogate reached the output
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    if fmt == "json":
        by_path = {}
        for f in json.loads(out)["findings"]:
            by_path.setdefault(f["path"].split("/")[0], []).append(f["code"])
        assert by_path["d"] == ["HUB001"]  # BuildKit rejects the 2,003-deep array
        assert "HUB301" in by_path["b"] and "HUB301" in by_path["c"] and "HUB001" not in by_path["a"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_surrogate_escape_in_a_deployment_file_reaches_no_output(tmp_path, fmt):
    """YAML and Python have "\\ud800" escapes too: they are U+FFFD when read (as Go's decoders give them)."""
    (tmp_path / "values.yaml").write_text('singleuser:\n  image:\n    name: "\\ud800x"\n    tag: "1"\n')
    (tmp_path / "docker-compose.yml").write_text(
        'services:\n  hub:\n    image: "\\ud800/x:1"\n    environment:\n      DOCKER_NOTEBOOK_IMAGE: "\\ud800y:latest"\n')
    (tmp_path / "jupyterhub_config.py").write_text('c.DockerSpawner.image = "\\ud800z:latest"\nc.Spawner.cmd = ["\\udfff"]\n')
    (tmp_path / ".env").write_text('A="\\ud800"\n')
    r = subprocess.run([sys.executable, "-m", "hublint", "--no-cache", "--no-config", "--format", fmt, "."],
                       cwd=tmp_path, capture_output=True, timeout=120)
    err = r.stderr.decode()
    assert r.returncode in (0, 1) and "internal error" not in err and "Traceback" not in err, err
    out = r.stdout.decode("utf-8")
    if fmt == "json":
        assert "\ufffd" in out or "\\ufffd" in out
