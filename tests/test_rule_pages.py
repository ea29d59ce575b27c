"""Every rule has a page; every page's examples are executed (bad: exactly the marked findings; good: none)."""

import re

import pytest

import hublint
from hublint.pages import page
from hublint.registry import RULES

REQUIRED = ("What it does", "Why is this bad?", "Example", "Use instead")


def _examples():
    out = []
    for rule in RULES:
        for i, ex in enumerate(page(rule.code).examples):
            out.append(pytest.param(rule.code, ex, id=f"{rule.code}-{ex.kind}-{i}"))
    return out


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_page_front_matter_matches_registry(rule):
    p = page(rule.code)
    assert (p.code, p.name, p.severity, p.summary) == (rule.code, rule.name, rule.severity, rule.summary)
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
def test_page_example(code, example):
    findings = hublint.lint_text(example.source, path=example.path,
                                 **{k.replace("-", "_"): v for k, v in example.options.items()})
    got = sorted((f.code, f.line) for f in findings)
    if example.kind == "bad":
        assert got == list(example.expected)
        assert any(c == code for c, _ in example.expected), "a bad example must show its own rule"
    else:
        assert got == []


def test_explain_prints_the_page(run_cli):
    status, out, _ = run_cli("--explain", "untagged-base-image")
    assert status == 0
    assert out == page("HUB101").body


def test_readme_rule_table_is_in_sync():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    table = "| code | name | severity | summary |\n|---|---|---|---|\n" + "".join(
        f"| {r.code} | {r.name} | {r.severity} | {r.summary} |\n" for r in RULES)
    assert table in readme
