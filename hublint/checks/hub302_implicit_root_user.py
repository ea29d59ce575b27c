"""HUB302 implicit-root-user: no USER in the chain and the base runs as root."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..lint.hits import Hit


def check(ctx: Context) -> Iterator[Hit]:
    if any(step.instruction.keyword == "USER" for step in ctx.chain_steps):
        return
    if ctx.base_state == "scratch":
        base = "`scratch`"
    elif ctx.base_info is not None and ctx.base_info.user in ("root", "0"):
        base = f"`{ctx.root.image}`"
    else:
        return
    yield Hit(
        f"no USER is set, and the base image {base} runs as root: so does every user's server",
        *ctx.missing_anchor,
        help="create a user and end with `USER 1000`",
    )
