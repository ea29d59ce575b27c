"""HUB103 moving-tag: a known Jupyter image with a tag that every build re-points."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.knowledge import branch_tag, frozen_registry, moving_tag, pin_hint
from ._common import config_images, config_where, external_stages, shown, tag_span


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        if moving_tag(ref) and not frozen_registry(ref):  # a frozen Docker Hub copy moves no more: HUB104 says it
            yield Hit(f"base image {shown(stage, ctx)} uses the moving tag `{ref.tag}`: the publisher "
                      f"re-points it at every new build, so rebuilding gives a different image; "
                      f"{pin_hint(ref)}", *tag_span(ctx, stage, ref))


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref in config_images(cfg):
        if moving_tag(ref) and not frozen_registry(ref):
            yield Hit(f"image {config_where(image)} uses the moving tag `{ref.tag}`: the publisher re-points it at "
                      f"every new build; {pin_hint(ref)}", *image.span)
        elif branch_tag(ref):
            yield Hit(f"spawn image {config_where(image)} uses `{ref.tag}`, a tag named like a branch: it is rebuilt "
                      f"on every push, so users get a different image from one server start to the next; "
                      f"{pin_hint(ref)}", *image.span)
