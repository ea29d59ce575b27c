"""HUB103 moving-tag: a known Jupyter image with a tag that every build re-points; a branch-like spawn image tag."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..image.knowledge import branch_tag, frozen_registry, moving_tag, pin_hint
from ..lint.hits import Hit
from ._common import config_images, config_where, external_stages, passed, shown, tag_span


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        if moving_tag(ref) and not frozen_registry(ref):  # a frozen Docker Hub copy moves no more: HUB104 says it
            yield Hit(
                f"base image {shown(stage)} uses `{ref.tag}`, a tag that moves",
                *tag_span(ctx, stage, ref),
                help=f"{pin_hint(ref)}{passed(stage, ctx)}",
            )


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref in config_images(cfg):
        if moving_tag(ref) and not frozen_registry(ref):
            yield Hit(
                f"spawn image {config_where(image)} uses `{ref.tag}`, a tag that moves", *image.span, help=pin_hint(ref)
            )
        elif branch_tag(ref):
            yield Hit(
                f"spawn image {config_where(image)} uses `{ref.tag}`, a branch tag rebuilt on every push",
                *image.span,
                help=pin_hint(ref),
            )
