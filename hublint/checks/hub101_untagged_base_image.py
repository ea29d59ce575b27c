"""HUB101 untagged-base-image: a FROM of an external image with neither tag nor digest."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..expand import is_known
from ..finding import Hit
from ..imageref import parse_ref
from ..knowledge import pin_hint


def check(ctx: Context) -> Iterator[Hit]:
    for stage in ctx.dockerfile.stages:
        if stage.parent is not None or not is_known(stage.image) or stage.image.lower() == "scratch":
            continue
        if not stage.image:
            continue
        ref = parse_ref(stage.image)
        if ref.tag is not None or ref.digest is not None:
            continue
        line, col, end_line, end_col = ctx.span(stage.instruction, *stage.image_span)
        via = f" (from `{stage.image_raw}`)" if stage.image_raw != stage.image else ""
        yield Hit(
            f"base image `{stage.image}`{via} has no tag or digest, so every build may get a different image; "
            f"{pin_hint(ref)}",
            line, col, end_line, end_col,
        )
