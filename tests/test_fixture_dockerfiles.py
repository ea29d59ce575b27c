"""Hand-written, realistic Dockerfiles (fixtures/dockerfiles/<case>/) against their expected findings.

Each case is linted with its folder as build context and ``--hub-version 5.3.0``; ``expected.txt``
holds ``LINE:COLUMN CODE`` lines.  Regenerate after a deliberate change with HUBLINT_UPDATE_GOLDEN=1.
"""

import os

import pytest
from conftest import FIXTURES

import hublint

CASES = sorted(p for p in (FIXTURES / "dockerfiles").iterdir() if (p / "Dockerfile").is_file())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case(case):
    findings = hublint.lint_paths([case / "Dockerfile"], use_config=False, hub_version="5.3.0")
    got = "".join(f"{f.line}:{f.column} {f.code}\n" for f in findings)
    expected = case / "expected.txt"
    if os.environ.get("HUBLINT_UPDATE_GOLDEN"):
        expected.write_text(got)
    assert got == expected.read_text()
