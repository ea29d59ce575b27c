"""HUB502 baked-hub-env: ENV sets a variable that the Hub provides at spawn time."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.model import env_pairs
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._hubenv import is_provided

RULE = Rule("HUB502", "baked-hub-env", "warning", "ENV sets a variable the Hub provides at spawn time")


def check(inp: ImageInput) -> Iterator[Hit]:
    esc = inp.image.dockerfile.escape
    for step in inp.image.chain_steps:
        ins = step.instruction
        if ins.keyword != "ENV":
            continue
        for key, _, off in env_pairs(ins, esc):
            if is_provided(key):
                yield Hit(
                    f"`{key}` is set by JupyterHub for each server when it starts: an image value is wrong or unused",
                    *inp.image.span(ins, off, off + len(key)),
                    help=f"remove `ENV {key}`",
                )
