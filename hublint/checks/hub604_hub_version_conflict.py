"""HUB604 hub-version-conflict: the deployment's files disagree on the Hub's JupyterHub version."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule

RULE = Rule(
    "HUB604",
    "hub-version-conflict",
    "info",
    "The deployment's files disagree on the Hub's version",
    takes=(IMAGE, CONFIG),
    roles=("singleuser", "hub"),
)


def _hits(facts) -> Iterator[Hit]:
    for version, kind, span, chosen, where in facts.hub_conflicts if facts is not None else ():
        yield Hit(
            f"this says the Hub runs jupyterhub {version} ({kind}), but {where} says {chosen}: hublint "
            f"judges the single-user images against {chosen}; make the two agree",
            *span,
        )


def check(inp: ImageInput) -> Iterator[Hit]:
    yield from _hits(inp.facts)


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    yield from _hits(inp.facts)
