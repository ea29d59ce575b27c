"""Every rule has a page; every page's examples are executed (bad: exactly the marked findings; good: none)."""

import json
import re

import pytest

import hublint
from hublint.checks.pages import page
from hublint.checks.registry import RULES

REQUIRED = ("What it does", "Why is this bad?", "Example", "Use instead")


def _examples():
    out = []
    for rule in RULES:
        for i, ex in enumerate(page(rule.code).examples):
            out.append(pytest.param(rule.code, ex, id=f"{rule.code}-{ex.kind}-{i}"))
    return out


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_each_page_is_prose_and_examples_under_the_rules_own_title(rule):
    p = page(rule.code)
    assert not p.text.startswith("+++"), "a page declares nothing: the rule's module does (RULE = Rule(...))"
    for section in REQUIRED:
        assert section in p.sections, f"{rule.page} lacks ## {section}"
    kinds = {ex.kind for ex in p.examples}
    assert kinds == {"bad", "good"}, f"{rule.page} needs bad and good examples"
    assert p.body.startswith(f"# {rule.name} ({rule.code})")


def test_pages_and_registry_are_one_to_one():
    import importlib.resources

    shipped = sorted(p.name for p in importlib.resources.files("hublint.catalog").iterdir() if p.name.endswith(".md"))
    assert shipped == sorted(r.page for r in RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    assert all(re.fullmatch(r"HUB\d{3}", r.code) for r in RULES)


@pytest.mark.parametrize(("code", "example"), _examples())
def test_page_example(code, example, tmp_path, monkeypatch):
    options = {k.replace("-", "_"): v for k, v in example.options.items()}
    if example.files:  # a small repository: lint it at its root, as `hublint .` does
        repo = tmp_path / "repo"
        (repo / ".git").mkdir(parents=True)
        links = dict(example.links)
        for path, source, _ in example.files:
            (repo / path).parent.mkdir(parents=True, exist_ok=True)
            if path in links:  # a link: the block is its target's text
                target = (repo / path).parent / links[path]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(source)
                (repo / path).symlink_to(links[path])
            else:
                (repo / path).write_text(source)
        monkeypatch.chdir(repo)
        got = sorted((f.path, f.code, f.line) for f in hublint.lint_paths(["."], use_config=False, **options))
        want = sorted((path, c, line) for path, _, exp in example.files for c, line in exp)
        if example.kind == "good":
            assert got == []
        else:
            assert got == want
            assert any(c == code for _, c, _ in want), "a bad example must show its own rule"
        return
    findings = hublint.lint_text(example.source, path=example.path, **options)
    got = sorted((f.code, f.line) for f in findings)
    if example.kind == "bad":
        assert got == list(example.expected)
        assert any(c == code for c, _ in example.expected), "a bad example must show its own rule"
    else:
        assert got == []


def test_explain_prints_the_page(run_cli):
    status, out, _ = run_cli("--explain", "untagged-base-image")
    assert status == 0
    assert out == page("HUB101").shown


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_explain_shows_no_test_markers(rule, run_cli):
    """`--explain` and hover show a page without the tests' `# expect:` lines, and nothing else is taken out:
    the page's other lines, examples included, are all there, in order."""
    from hublint.server.session import _page_text

    status, out, _ = run_cli("--explain", rule.code)
    assert status == 0 and "# expect" not in out
    marker = re.compile(r"\s*#\s*expect:\s*[A-Z0-9, ]+\s*")
    assert out.splitlines() == [x for x in page(rule.code).body.splitlines() if not marker.fullmatch(x)]
    assert _page_text(rule.code) == out


def test_sarif_help_shows_no_test_markers(run_cli, tmp_path):
    """SARIF's rule help is the page as `--explain` prints it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:2025-01-06\n")
    _, out, _ = run_cli("--format", "sarif", "--no-config", str(tmp_path / "Dockerfile"))
    helps = {r["id"]: r["help"] for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert sorted(helps) == sorted(r.code for r in RULES)
    for code, help_ in helps.items():
        assert help_ == {"text": page(code).shown, "markdown": page(code).shown} and "# expect" not in help_["text"]


def test_readme_rule_table_is_in_sync():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    table = "| code | name | severity | summary |\n|---|---|---|---|\n" + "".join(
        f"| {r.code} | {r.name} | {r.severity} | {r.summary} |\n" for r in RULES)
    assert table in readme


def test_every_page_names_its_source():
    """"Why is this bad?" is written from a source, and the page says which: a closing `Source:` paragraph naming
    a file of an upstream repository (in backticks) or a document."""
    import re

    from conftest import ROOT

    for page in sorted((ROOT / "rules").glob("HUB*.md")):
        text = page.read_text()
        why = re.search(r"^## Why is this bad\?\n(.*?)(?=^## |\Z)", text, re.S | re.M)
        assert why, page.name
        last = why.group(1).strip().split("\n\n")[-1]
        assert re.match(r"Sources?: ", last), f"{page.name}: the Why section does not end with its source"
        assert re.search(r"`[^`]+[/.][^`]+`|https?://", last), f"{page.name}: the source names no file or address"
