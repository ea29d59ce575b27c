"""What a rule is: its identity (declared once, in its module as ``RULE = Rule(...)``) and its checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..records import NamedTuple
from .hits import Hit

__all__ = ["Rule", "Checker", "IMAGE", "CONFIG", "resolve_selector", "matches"]

IMAGE = "image"  # the rule judges a Dockerfile's build target: ``check(inp: ImageInput)``
CONFIG = "config"  # it judges a deployment file's image references or settings: ``check_config(inp: ConfigInput)``


class Rule(NamedTuple):
    """A rule's identity.  ``takes``: what it judges (:data:`IMAGE`, :data:`CONFIG`; nothing for the engine's
    own HUB001/HUB002); ``roles``: the image roles it judges (single-user rules judge single-user images only,
    the image-tag rules also Hub images, nothing judges ``other`` images); ``finished``: it is about what the
    finished image must have (jupyterhub, a server, a CMD, a non-root user), so a single-user base that
    another image of the repository builds on is not judged; ``premises``: what its findings rest on (their
    confidence is the weakest one's certainty)."""

    code: str
    name: str
    severity: str  # the default: "error" | "warning" | "info"
    summary: str
    takes: tuple[str, ...] = (IMAGE,)
    roles: tuple[str, ...] = ("singleuser",)
    finished: bool = False
    # what a finding of the rule rests on, besides the facts it reads itself: "role" (the image's role),
    # "hub" (where the Hub's version comes from); a finding is as sure as the weakest of them
    premises: tuple[str, ...] = ("role",)

    @property
    def page(self) -> str:
        """The file name of its page in ``rules/`` (shipped as :mod:`hublint.catalog`)."""
        return f"{self.code}-{self.name}.md"


class Checker(NamedTuple):
    """A rule and the functions of its module that judge each kind of input (None: it does not take it)."""

    rule: Rule
    check: Callable[..., Iterator[Hit]] | None = None
    check_config: Callable[..., Iterator[Hit]] | None = None


def resolve_selector(rules: Sequence[Rule], text: str) -> list[Rule] | None:
    """The rules a selector (a code, a name or a code prefix such as ``HUB2``) names; None if it names none."""
    text = text.strip()
    for r in rules:
        if r.name == text:
            return [r]
    upper = text.upper()
    found = [r for r in rules if r.code.startswith(upper)] if upper.startswith("HUB") else []
    return found or None


def closest(rules: Sequence[Rule], text: str) -> str | None:
    """The rule code or name nearest to a selector that names none (``HUB31`` → ``HUB301``, ``root-usr`` →
    ``root-user``), for a "did you mean"; None when none is near."""
    import difflib

    text = text.strip()
    if text.upper().startswith("HUB"):
        found = difflib.get_close_matches(text.upper(), [r.code for r in rules], n=1, cutoff=0.75)
    else:
        found = difflib.get_close_matches(text.lower(), [r.name for r in rules], n=1, cutoff=0.75)
    return found[0] if found else None


def did_you_mean(rules: Sequence[Rule], text: str) -> str:
    """ " (did you mean `HUB301`?)" for a selector that names no rule, or "" when no rule is near."""
    near = closest(rules, text)
    return f" (did you mean `{near}`?)" if near else ""


def matches(rule: Rule, selectors: tuple[str, ...]) -> bool:
    """Does one of the selectors (codes, names, code prefixes) name the rule?"""
    for sel in selectors:
        if sel == rule.name or (sel.upper().startswith("HUB") and rule.code.startswith(sel.upper())):
            return True
    return False
