"""The minimal repros of `../shared/reference/failure-modes-2.md`'s appendix, written from scratch as
`fixtures/repos/fm2-*`: each SPEC.md's "Findings" block (``PATH:LINE:COLUMN CODE SEVERITY``) is what `hublint .`
reports there — severities included (`tests/test_fixture_repos.py` checks the places and codes of every case)."""

import pytest
from conftest import FIXTURES
from test_fixture_repos import run

CASES = sorted(p for p in (FIXTURES / "repos").iterdir() if p.name.startswith("fm2-"))


def _expected(case):
    text = (case / "SPEC.md").read_text()
    block = text.split("## Findings\n```\n", 1)[1].split("```", 1)[0]
    return sorted(tuple(line.split()[:3]) for line in block.splitlines() if line.strip())


def test_every_repro_has_a_case():
    assert {c.name.split("-")[1] for c in CASES} == {"t01", "t02", "t05", "t22", "d1", "d2", "d3", "d4", "d5"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_repro_findings_and_severities(case, tmp_path, monkeypatch):
    report = run(case, tmp_path, monkeypatch)
    got = sorted((f"{f.path}:{f.line}:{f.column}", f.code, f.severity) for f in report.findings)
    assert got == _expected(case)
