"""HUB502 baked-hub-env: ENV sets a variable that the Hub provides at spawn time."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.model import env_pairs
from ..image.analysis import Context
from ..lint.hits import Hit
from ._hubenv import is_provided


def check(ctx: Context) -> Iterator[Hit]:
    esc = ctx.dockerfile.escape
    for step in ctx.chain_steps:
        ins = step.instruction
        if ins.keyword != "ENV":
            continue
        for key, _, off in env_pairs(ins, esc):
            if is_provided(key):
                yield Hit(
                    f"`{key}` is set by JupyterHub for each server when it starts: an image value is wrong or unused",
                    *ctx.span(ins, off, off + len(key)),
                    help=f"remove `ENV {key}`",
                )
