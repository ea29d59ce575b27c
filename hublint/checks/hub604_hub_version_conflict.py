"""HUB604 hub-version-conflict: the deployment's files disagree on the Hub's JupyterHub version."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..lint.hits import Hit


def _hits(facts) -> Iterator[Hit]:
    for version, kind, span, chosen, where in facts.hub_conflicts if facts is not None else ():
        yield Hit(
            f"this says the Hub runs jupyterhub {version} ({kind}), but {where} says {chosen}: hublint "
            f"judges the single-user images against {chosen}; make the two agree",
            *span,
        )


def check(ctx: Context) -> Iterator[Hit]:
    yield from _hits(ctx.options.facts)


def check_config(cfg, options) -> Iterator[Hit]:
    yield from _hits(options.facts)
