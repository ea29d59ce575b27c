"""HUB101 untagged-base-image: a FROM (or a Hub configuration's image) with neither tag nor digest."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.knowledge import pin_hint, untagged
from ._common import config_images, config_where, external_stages, shown


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        if untagged(ref):
            yield Hit(f"base image {shown(stage, ctx)} has no tag or digest, so every build may get a "
                      f"different image; {pin_hint(ref)}", *ctx.image_span(stage))


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref in config_images(cfg):
        if untagged(ref):
            chart = (" (the chart then uses its own default tag, made for its sample image)"
                     if image.where == "singleuser.image.name" else "")
            yield Hit(f"image {config_where(image)} has no tag or digest{chart}, so each node may pull a different "
                      f"image: \"Make sure to pick a tag!\"; {pin_hint(ref)}", *image.span)
