"""Stages, chains, feeders and variable resolution as Docker does them (parse-gaps Appendix B)."""

import pytest

import hublint
from hublint.dockerfile.expand import UNKNOWN, expand


def images(text, **build_args):
    return [s.image for s in hublint.parse(text, build_args or None).stages]


def final_env(text, **build_args):
    return hublint.parse(text, build_args or None).stages[-1].env


@pytest.mark.parametrize(("text", "expected"), [
    ("ARG TAG=3.18\nFROM alpine:$TAG", ["alpine:3.18"]),
    ("ARG TAG=3.18\nFROM alpine:${TAG}", ["alpine:3.18"]),
    ("ARG REG=docker.io\nARG IMG=$REG/library/alpine\nFROM $IMG", ["docker.io/library/alpine"]),
    ("ARG IMG=alpine\nFROM --platform=$BUILDPLATFORM $IMG AS b", ["alpine"]),
    ("FROM a\nARG TAG=9\nFROM b:$TAG", ["a", "b:" + UNKNOWN]),
    ("FROM binaries-$TARGETOS", ["binaries-linux"]),
    ("ARG V\nFROM a:${V:-latest}", ["a:latest"]),
    ("ARG V\nFROM a${V:+-$V}:1", ["a:1"]),
    ("ARG V\nFROM a:$V", ["a:" + UNKNOWN]),
    ("FROM a:${UNDECLARED:-x}", ["a:" + UNKNOWN]),
    ("ARG V=\nFROM a:${V:-latest}", ["a:latest"]),
    ('ARG V="3.11"\nFROM python:${V}-slim', ["python:3.11-slim"]),
])
def test_from_resolution(text, expected):
    assert images(text) == expected


def test_build_arg_overrides_global_default():
    assert images("ARG TAG=1\nFROM a:$TAG", TAG="2") == ["a:2"]


def test_in_stage_arg_scoping():
    df = hublint.parse("ARG V=1\nFROM a\nARG V=2\nENV X=$V")
    assert df.stages[0].env["X"] == "2"
    df = hublint.parse("ARG V=1\nFROM a\nARG V\nENV X=$V")
    assert df.stages[0].env["X"] == "1"
    df = hublint.parse("ARG V=1\nFROM a\nENV X=$V")
    assert df.stages[0].env["X"] == UNKNOWN


@pytest.mark.parametrize(("text", "name", "value"), [
    ("FROM a\nENV abc=hello\nENV abc=bye def=$abc", "def", "hello"),
    ("FROM a\nENV A=x\nENV B=${A}y", "B", "xy"),
    ("FROM a\nENV A=1\nENV B=${A:+set}", "B", "set"),
    ("FROM a\nENV A=x\nENV B=\\$A", "B", "$A"),
    ('FROM a\nENV A=x\nENV B="\\$A"', "B", "$A"),
    ("FROM a\nENV A=x\nENV B='$A'", "B", "$A"),
    ("FROM a\nENV A hello world", "A", "hello world"),
    ("# escape=`\nFROM a\nENV P=C:\\Windows\\System32", "P", "C:\\Windows\\System32"),
    ("# escape=`\nFROM a\nENV A=x\nENV B=`$A", "B", "$A"),
])
def test_env_resolution(text, name, value):
    assert final_env(text)[name] == value


def test_heredoc_body_is_data():
    df = hublint.parse("FROM a\nRUN <<EOF\nFROM evil\nENV X=1\nEOF\n")
    assert [s.image for s in df.stages] == ["a"]
    assert "X" not in df.stages[0].env


def test_arg_several_names():
    df = hublint.parse("FROM a\nARG A B=2\nENV X=$B")
    assert df.stages[0].env["X"] == "2"


def test_chain_and_feeders():
    text = ("FROM python:3.12 AS builder\nRUN pip install x\n"
            "FROM quay.io/jupyter/base-notebook:2025-01-06 AS base\n"
            "FROM base AS final\nCOPY --from=builder /opt /opt\n"
            "FROM alpine:3 AS unrelated\n")
    df = hublint.parse(text)
    chain = df.chain("final")
    assert [s.name for s in chain] == ["base", "final"]
    assert [s.name for s in df.feeders(chain)] == ["builder"]
    assert df.final().name == "unrelated"
    assert chain[-1].env["NB_USER"] == "jovyan"  # ENV of the known docker-stacks base


def test_stage_reference_is_case_insensitive_and_by_index():
    df = hublint.parse("FROM a:1 AS Build\nFROM build\nCOPY --from=0 / /\n")
    assert df.stages[1].parent is df.stages[0]
    assert df.copy_from(df.stages[1].steps[0]) is df.stages[0]


@pytest.mark.parametrize(("word", "env", "expected"), [
    ("${T%.*}", {"T": "3.11.2"}, "3.11"),
    ("${T%%.*}", {"T": "3.11.2"}, "3"),
    ("${T#*.}", {"T": "3.11.2"}, "11.2"),
    ("${T##*.}", {"T": "3.11.2"}, "2"),
    ("${T/1/x}", {"T": "3.11"}, "3.x1"),
    ("${A:-${B:-deep}}", {"A": "", "B": ""}, "deep"),
    ("${A-w}", {"A": ""}, ""),
    ("${A+w}", {"A": ""}, "w"),
    ("$1", {}, UNKNOWN),
    ("${unterminated", {}, UNKNOWN),
])
def test_expand_modifiers(word, env, expected):
    assert expand(word, env) == expected


def test_deeply_nested_modifiers_are_bounded():
    word = "${A:-" * 500 + "x" + "}" * 500
    assert expand(word, {"A": ""}) in ("x", UNKNOWN)


def test_unset_build_args_in_run_stay_unknown():
    # in FROM, ${V:-w} is w when V has no value; in ENV/RUN a build argument is expected, so it stays unknown
    df = hublint.parse("FROM a:1\nARG V\nENV X=${V:-default} Y=${V:+==$V}\n")
    assert df.stages[0].env["X"] == UNKNOWN and df.stages[0].env["Y"] == UNKNOWN


@pytest.mark.parametrize(("line", "opens"), [
    ("RUN cat <<EOF ${A:-x}", True),
    ("RUN cat <<EOF ${A#x} ${A/a/b}", True),  # current BuildKit's pattern modifiers
    ("RUN cat <<EOF ${A", False),  # BuildKit's lexer fails on the line ("missing '}'"): no heredoc
    ('RUN cat <<EOF "${"', False),
    ("RUN cat <<EOF ${}", False),
    ("RUN cat <<EOF ${A:#x}", False),  # "unsupported modifier"
    ("RUN cat <<EOF ${1x}", False),
    ("RUN cat <<EOF 'q", False),
    ("RUN cat <<EOF '${'", True),  # no expansion inside single quotes
])
def test_a_line_the_lexer_rejects_opens_no_heredoc(line, opens):
    from hublint.dockerfile.syntax import scan

    tree = scan(f"FROM a\n{line}\nhi\nEOF\n")
    run = tree.instructions[1]
    assert bool(run.heredocs) is opens
    assert len(tree.instructions) == (2 if opens else 4)  # else `hi` and `EOF` are instructions
