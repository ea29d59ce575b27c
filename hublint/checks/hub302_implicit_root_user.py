"""HUB302 implicit-root-user: no USER in the chain and the base runs as root.

As HUB301: when the container switches to another user before the server starts (:func:`._startup.leaves_root`),
the finding says the container starts as root, on a weak premise."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._startup import leaves_root

RULE = Rule("HUB302", "implicit-root-user", "warning", "No USER is set and the base image runs as root", finished=True)


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.facts is not None and inp.facts.user_set_by:
        return  # the spawner decides the container's user, not the image
    if any(step.instruction.keyword == "USER" for step in inp.image.chain_steps):
        return
    if inp.image.base_state == "scratch":
        base = "`scratch`"
    elif inp.image.base_info is not None and inp.image.base_info.user in ("root", "0"):
        base = f"`{inp.image.root.image}`"
    else:
        return
    switch = leaves_root(inp)
    if switch is not None:
        yield Hit(
            f"no USER is set (the base runs as root), but {switch}",
            *inp.image.missing_anchor,
            help="create a user and end with `USER 1000`",
            confidence="weak",
        )
        return
    yield Hit(
        f"no USER is set, and the base image {base} runs as root: so does every user's server",
        *inp.image.missing_anchor,
        help="create a user and end with `USER 1000`",
    )
