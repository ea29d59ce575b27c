"""HUB104 frozen-registry: docker-stacks images from Docker Hub, frozen since 2023-10-20."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..dockerfile.expand import is_known
from ..fixes import edit, fix
from ..hits import Hit
from ..image.knowledge import frozen_registry
from ._common import config_images, config_where, external_stages, shown


def _fix(ctx: Context, stage, ref):
    """Unsafe: the same tag may not exist on quay.io (only a few old commit tags were copied)."""
    if stage.image_raw != stage.image:
        return None  # written through a variable
    new = f"quay.io/jupyter/{ref.basename}" + (f":{ref.tag}" if ref.tag else "") + (
        f"@{ref.digest}" if ref.digest else "")
    return fix(f"use `{new}`", "unsafe", edit(ctx, stage.instruction, *stage.image_span, new))


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        if frozen_registry(ref):
            tag = ref.tag if ref.tag and is_known(ref.tag) else None
            new = f"quay.io/jupyter/{ref.basename}" + (f":{tag}" if tag else "")
            yield Hit(f"base image {shown(stage, ctx)} comes from Docker Hub, where docker-stacks images "
                      f"are frozen since 2023-10-20 (no updates, no security fixes); use `{new}` "
                      f"(pick a tag that exists on quay.io)", *ctx.image_span(stage), fix=_fix(ctx, stage, ref))


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref in config_images(cfg):
        if frozen_registry(ref):
            yield Hit(f"image {config_where(image)} comes from Docker Hub, where docker-stacks images are frozen since "
                      f"2023-10-20 (no updates, no security fixes); use `quay.io/jupyter/{ref.basename}` with a tag "
                      "that exists there", *image.span)
