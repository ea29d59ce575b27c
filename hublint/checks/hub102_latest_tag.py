"""HUB102 latest-tag: a FROM (or a Hub configuration's image) whose tag is ``latest`` or ends in ``-latest``."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..image.knowledge import latest_tag, pin_hint
from ..lint.hits import Hit
from ._common import config_images, config_where, external_stages, passed, shown, tag_span


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        if latest_tag(ref):
            yield Hit(
                f"base image {shown(stage)} uses the moving tag `{ref.tag}`",
                *tag_span(ctx, stage, ref),
                help=f"{pin_hint(ref)}{passed(stage, ctx)}",
            )


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref in config_images(cfg):
        if latest_tag(ref):
            yield Hit(
                f"spawn image {config_where(image)} uses the moving tag `{ref.tag}`", *image.span, help=pin_hint(ref)
            )
