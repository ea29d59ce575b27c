"""Readable findings: a short message (what is wrong), the fix in `help`, never an internal sentinel; and the
precision fixes of the real corpus (each wrong class named in the precision issue stays gone)."""

import json
import re

import pytest
from conftest import ROOT, SHARED, shared_dir

import hublint

LIMIT = 120


def _fixture_findings():
    return hublint.lint_paths([str(ROOT / "fixtures")])


def _corpus_findings():
    corpus = shared_dir("corpus", "real")
    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix not in (".tsv", ".md"))
    return [f for p in files for f in hublint.lint_paths([str(p)], role="singleuser")]


# a place a message names (`jupyterhub_config.py:7`, `deploy/.env:2`): its length is the repository's layout and
# the output's path base (docs/usage.md, "Paths"), not the message's — it counts as a short name
_PLACE = re.compile(r"[^\s`(),]+:\d+(?=[\s`),]|$)")


def _length(message: str) -> int:
    return len(_PLACE.sub("file:1", message))


def _check(findings):
    assert findings
    longest = max(findings, key=lambda f: _length(f.message))
    assert _length(longest.message) <= LIMIT, f"{longest.code}: {longest.message}"
    for f in findings:
        text = f.message + (f.help or "")
        assert "\uffff" not in text and "\ufffe" not in text, f
        assert "\n" not in text, f
        if f.code != "HUB001":  # a parse error says what BuildKit rejects; every other rule says how to fix it
            assert f.help, f"{f.code} has no help: {f.message}"
        if f.fix is not None:
            assert f.help, f


def test_fixture_messages_are_short_and_have_help():
    _check(_fixture_findings())


def test_real_corpus_messages_are_short_and_have_help():
    _check(_corpus_findings())


def test_repository_corpus_messages_are_short():
    repos = shared_dir("corpus", "repos")
    _check([f for r in sorted(p for p in repos.iterdir() if p.is_dir()) for f in hublint.lint_paths([str(r)])])


def test_help_in_every_format(run_cli, tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:latest\n")
    _, out, _ = run_cli("--format", "json", "--role", "singleuser", str(tmp_path / "Dockerfile"))
    (f,) = [f for f in json.loads(out)["findings"] if f["code"] == "HUB102"]
    assert f["help"].startswith("pin a dated tag")
    _, out, _ = run_cli("--format", "concise", "--role", "singleuser", str(tmp_path / "Dockerfile"))
    line = next(x for x in out.splitlines() if "HUB102" in x)
    assert " — pin a dated tag" in line and line.endswith("(latest-tag)")
    _, out, _ = run_cli("--format", "full", "--role", "singleuser", str(tmp_path / "Dockerfile"))
    assert "= help: pin a dated tag" in out and "= why: hublint --explain HUB102" in out
    _, out, _ = run_cli("--format", "sarif", "--role", "singleuser", str(tmp_path / "Dockerfile"))
    (result,) = [r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "HUB102"]
    assert "pin a dated tag" in result["message"]["markdown"]


# ---- the wrong classes of the precision issue, on the real corpus (the corpus is for measuring; each class
# also has a regression test written from scratch in tests/rules/)

def _corpus_file(name):
    path = shared_dir("corpus", "real") / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    return {(f.line, f.code): f for f in hublint.lint_paths([str(path)], role="singleuser")}


def test_hub208_no_suggestion_before_1_1_and_none_over_condas_hub():
    assert (93, "HUB208") not in _corpus_file("jupyter__docker-stacks__base-notebook__Dockerfile")
    assert not [k for k in _corpus_file("minrk__singleuser-image__Dockerfile") if k[1] == "HUB208"]
    found = _corpus_file("lihebi__jupyterhub-deploy-docker__mylab__Dockerfile.nix")
    # `npm cache clean` in the same RUN is there only for conda's nodejs: the switch is right, the help says to
    # drop it too
    assert found[(68, "HUB208")].help.endswith("and drop `npm cache clean --force` (no nodejs then)")


def test_hub407_names_the_add_that_brings_the_script():
    found = _corpus_file("jupyter-server__enterprise_gateway__etc__docker__nb2kg__Dockerfile")
    f = found[(19, "HUB407")]
    assert "`ADD` (line 23)" in f.message and "no COPY" not in f.message


def test_no_wrong_class_left_in_the_repositories():
    """HUB504 against the deployment's mounts and Binder, HUB602 with spawners that use args: the rows of
    NOISE.tsv for those classes are gone."""
    repos = shared_dir("corpus", "repos")
    rows = [line.split("\t") for line in (repos / "NOISE.tsv").read_text().splitlines()[1:] if line.strip()]
    for repo, path, code, line, *_ in rows:
        if code not in ("HUB504", "HUB602"):
            continue
        found = {(f.path, f.line, f.code) for f in hublint.lint_paths([str(repos / repo)])}
        assert (str(repos / repo / path), int(line), code) not in found, (repo, path, code, line)


assert SHARED  # conftest names the shared folder
