"""HUB101 untagged-base-image: a FROM (or a Hub configuration's image) with neither tag nor digest."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..image.knowledge import pin_hint, untagged
from ..lint.hits import Hit
from ._common import config_images, config_where, external_stages, passed, shown


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        if untagged(ref):
            yield Hit(
                f"base image {shown(stage)} has no tag or digest",
                *ctx.image_span(stage),
                help=f"{pin_hint(ref)}{passed(stage, ctx)}",
            )


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref in config_images(cfg):
        if untagged(ref):
            chart = (
                " (without one the chart uses its own default tag, made for its sample image)"
                if image.where.endswith("singleuser.image.name")
                else ""
            )
            yield Hit(
                f"spawn image {config_where(image)} has no tag or digest", *image.span, help=f"{pin_hint(ref)}{chart}"
            )
