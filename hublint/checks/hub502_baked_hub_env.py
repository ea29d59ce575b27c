"""HUB502 baked-hub-env: ENV sets a variable that the Hub provides at spawn time."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..dockerfile.model import env_pairs
from ..hits import Hit
from ._hubenv import is_provided


def check(ctx: Context) -> Iterator[Hit]:
    esc = ctx.dockerfile.escape
    for step in ctx.chain_steps:
        ins = step.instruction
        if ins.keyword != "ENV":
            continue
        for key, _, off in env_pairs(ins, esc):
            if is_provided(key):
                yield Hit(f"`{key}` is set by JupyterHub for each server when it starts; a value baked into the image "
                          "is at best overridden and at worst used when the server is started by hand or by another "
                          f"spawner (wrong user, URL or prefix); remove `ENV {key}`",
                          *ctx.span(ins, off, off + len(key)))
