"""HUB101 untagged-base-image: a FROM of an external image with neither tag nor digest."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..knowledge import pin_hint
from ._common import external_stages, shown


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        if ref.tag is None and ref.digest is None:
            yield Hit(f"base image {shown(stage)} has no tag or digest, so every build may get a "
                      f"different image; {pin_hint(ref)}", *ctx.image_span(stage))
