"""HUB206 invalid-requirement: a spec the installer rejects or the shell mangles."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..lint.hits import Hit


def check(ctx: Context) -> Iterator[Hit]:
    seen = set()
    for problem in ctx.installs.invalid:
        key = (problem.anchor, problem.message)
        if key not in seen:
            seen.add(key)
            yield Hit(problem.message, *problem.anchor, fix=problem.fix, help=problem.help)
