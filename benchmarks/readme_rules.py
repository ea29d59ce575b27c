"""Rewrite the rule table of README.md from the registry (tests/test_rule_pages.py checks it is in sync)."""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hublint.checks.registry import RULES  # noqa: E402


def table() -> str:
    return "| code | name | severity | summary |\n|---|---|---|---|\n" + "".join(
        f"| {r.code} | {r.name} | {r.severity} | {r.summary} |\n" for r in RULES)


if __name__ == "__main__":
    readme = (ROOT / "README.md").read_text()
    start = readme.index("| code | name | severity | summary |")
    end = readme.index("\n\n", start) + 1
    (ROOT / "README.md").write_text(readme[:start] + table() + readme[end:])
