"""HUB206 invalid-requirement: a spec the installer rejects or the shell mangles."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule(
    "HUB206",
    "invalid-requirement",
    "error",
    "A package spec that the installer rejects or the shell mangles",
    roles=("singleuser", "hub"),  # the Hub's own image breaks the same way
)


def check(inp: ImageInput) -> Iterator[Hit]:
    seen = set()
    for problem in inp.image.installs.invalid:
        key = (problem.anchor, problem.message)
        if key not in seen:
            seen.add(key)
            yield Hit(problem.message, *problem.anchor, fix=problem.fix, help=problem.help)
