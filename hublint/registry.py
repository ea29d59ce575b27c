"""The rule registry: every code, its name, default severity and check — an explicit table.

A rule's page in ``rules/`` carries the same code, name and severity in its front matter
(``tests/test_catalog.py`` keeps them in step).  Checks are imported lazily, so listing
rules or printing a page imports no rule code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module

__all__ = ["Rule", "RULES", "BY_CODE", "BY_NAME", "resolve_selector", "matches"]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    module: str | None  # module under hublint.checks; None for engine-level rules

    @property
    def check(self) -> Callable[..., Iterator]:
        return import_module(f"hublint.checks.{self.module}").check

    @property
    def page(self) -> str:
        return f"{self.code}-{self.name}.md"


RULES: tuple[Rule, ...] = (
    Rule("HUB001", "parse-error", "error", "The file is not a Dockerfile BuildKit can read", None),
    Rule("HUB002", "unknown-code-in-pragma", "warning", "A hublint pragma names an unknown rule", None),
    Rule("HUB101", "untagged-base-image", "error", "A base image has neither tag nor digest",
         "hub101_untagged_base_image"),
)

BY_CODE = {r.code: r for r in RULES}
BY_NAME = {r.name: r for r in RULES}


def resolve_selector(text: str) -> list[Rule] | None:
    """Rules a selector (code, name or code prefix such as ``HUB2``) names; None if it names none."""
    text = text.strip()
    if text in BY_NAME:
        return [BY_NAME[text]]
    upper = text.upper()
    found = [r for r in RULES if r.code.startswith(upper)] if upper.startswith("HUB") else []
    return found or None


def matches(rule: Rule, selectors: tuple[str, ...]) -> bool:
    for sel in selectors:
        if sel == rule.name or (sel.upper().startswith("HUB") and rule.code.startswith(sel.upper())):
            return True
    return False
