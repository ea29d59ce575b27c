"""Property-based tests: no input makes hublint crash.

``hublint.parse`` raises nothing but ``ParseError``; ``hublint.lint_text`` raises nothing at all —
on arbitrary text, arbitrary bytes, and mutations of the syntax and real-world corpora.

In CI (``CI`` set) the examples are derandomized, so a run is repeatable.  A longer local run:

    HUBLINT_FUZZ_EXAMPLES=100000 python -m pytest tests/test_fuzz.py -p no:cacheprovider
"""

import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from conftest import SHARED  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import hublint  # noqa: E402
from hublint.dockerfile.syntax import ParseError, decode  # noqa: E402

EXAMPLES = int(os.environ.get("HUBLINT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")) or EXAMPLES <= 150,
                suppress_health_check=list(HealthCheck), database=None)


def _corpus() -> list[str]:
    texts = []
    for folder in ("corpus/syntax", "corpus/syntax-probes", "corpus/real"):
        path = SHARED / folder
        if path.is_dir():
            for f in sorted(path.iterdir()):
                if f.is_file() and f.suffix not in (".jsonl", ".tsv"):  # not a stray .hublint_cache
                    texts.append(decode_safely(f.read_bytes()))
    texts += [
        "FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN pip install 'jupyterhub==5.3.0'\nUSER ${NB_UID}\n",
        "ARG B=python:3.12\nFROM $B AS a\nRUN <<EOF\npip install jupyterhub\nEOF\nFROM a\nCMD [\"jupyter\", \"lab\"]\n",
        "# escape=`\nFROM a\nENV X=${Y:-`$z}\nONBUILD RUN <<-X cat\n\tx\n\tX\n",
    ]
    return texts


def decode_safely(raw: bytes) -> str:
    try:
        return decode(raw)
    except ParseError:
        return raw.decode("latin-1")


CORPUS = _corpus()
PIECES = ["\\", "\\\n", "<<EOF", "<<-EOF\n", "EOF\n", "${A:-", "${A:+", "${", "}", "$", "'", '"', "\x00", "\r",
          "\r\n", "\ud800", "\udfff", "--mount=type=bind,source=x,target=/y ", "--from=0 ", "# hublint ignore=HUB1\n",
          "# hublint global ignore=X\n", "# escape=`\n", "# syntax=x\n", "[", "]", '["a", 1]', "\n", " ", "\t",
          "FROM ", "RUN ", "CMD ", "ONBUILD ", "USER root\n", "ARG A\n", "ENV A", "pip install ", "jupyterhub>=4 ",
          "mamba install -y ", "sh -c '", "COPY --from=", "HEALTHCHECK CMD ", "\ufeff", "\u00a0", "`"]

mutation = st.lists(st.tuples(st.sampled_from(["insert", "delete", "truncate"]), st.integers(0, 10**6),
                              st.sampled_from(PIECES), st.integers(1, 50)), min_size=1, max_size=8)


def mutate(text: str, ops) -> str:
    for op, pos, piece, length in ops:
        at = pos % (len(text) + 1)
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + length:]
        else:
            text = text[:at]
    return text


def check_parse(text):
    try:
        hublint.parse(text)
    except ParseError as exc:
        assert exc.line >= 1 and exc.column >= 1 and exc.message


def check_lint(text, **options):
    findings = hublint.lint_text(text, **options)
    for f in findings:
        assert f.line >= 1 and f.column >= 1 and f.end_line >= f.line
        f.to_json()


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    check_parse(text)
    check_lint(text)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_both_ways(raw):
    check_lint(raw)  # hublint's own decoding
    try:
        hublint.parse(raw)
    except ParseError:
        pass
    check_lint(raw.decode("utf-8", "surrogateescape"))
    check_lint(raw.decode("latin-1"))


@FUZZ
@given(st.sampled_from(range(len(CORPUS))), mutation)
def test_corpus_mutations(index, ops):
    text = mutate(CORPUS[index], ops)
    check_parse(text)
    check_lint(text, hub_version="5.3.0")


@FUZZ
@given(st.lists(st.sampled_from(PIECES + ["a", "b", "=", ":", "-", "1"]), max_size=60))
def test_piece_soup(pieces):
    text = "".join(pieces)
    check_parse(text)
    check_lint(text, hub_version="4.1.6", spawner_cmd=True)


def test_corpus_is_loaded_when_shared_is_present():
    if (SHARED / "corpus").is_dir():
        assert len(CORPUS) > 200
    else:
        assert len(CORPUS) == 3


CONFIG_PIECES = ["c = get_config()\n", "c.DockerSpawner.image = ", "c.KubeSpawner.profile_list = [", "{", "}", "[", "]",
                 "'quay.io/jupyter/base-notebook'", '"x:latest"', "os.environ.get('A', ", ")", "f'{A}'", " + ", ",",
                 "\n", "c.Spawner.cmd = 'a b'\n", "import os\n", "\x00", "\ud800", "(", "lambda: 1", "\t", "#",
                 "singleuser:\n", "  image:\n", "    name: ", "    tag: ", "  cmd: null\n", "- ", ": ", "&a ", "*a",
                 "!!python/object/apply:os.system ['x']", "'", '"', "hub:\n  config:\n    KubeSpawner:\n"]


@FUZZ
@given(st.lists(st.sampled_from(CONFIG_PIECES), max_size=40), st.sampled_from(["jupyterhub_config.py", "values.yaml"]))
def test_hub_configs_never_crash(pieces, path):
    check_lint("".join(pieces), path=path)
