"""HUB102 latest-tag: a FROM (or a Hub configuration's image) whose tag is ``latest`` or ends in ``-latest``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.knowledge import latest_tag, pin_hint
from ._common import config_images, config_where, external_stages, shown, tag_span


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        if latest_tag(ref):
            yield Hit(f"base image {shown(stage, ctx)} uses the moving tag `{ref.tag}`: it points at a new "
                      f"image after every release; {pin_hint(ref)}", *tag_span(ctx, stage, ref))


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref in config_images(cfg):
        if latest_tag(ref):
            yield Hit(f"image {config_where(image)} uses the moving tag `{ref.tag}`: users get whatever was pushed "
                      f"last, and nodes disagree; {pin_hint(ref)}", *image.span)
