"""HUB104 frozen-registry: docker-stacks images from Docker Hub, frozen since 2023-10-20."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..dockerfile.imageref import parse_ref
from ..image.analysis import Context
from ..image.knowledge import frozen_registry, lookup
from ..lint.fixes import edit, fix
from ..lint.hits import Hit
from ._common import config_images, config_where, external_stages, shown


def _fix(ctx: Context, stage, ref):
    """Unsafe: the same tag may not exist on quay.io (only a few old commit tags were copied)."""
    if stage.image_raw != stage.image:
        return None  # written through a variable
    new = (
        f"quay.io/jupyter/{ref.basename}"
        + (f":{ref.tag}" if ref.tag else "")
        + (f"@{ref.digest}" if ref.digest else "")
    )
    start, end = stage.image_span
    return fix(f"use `{new}`", "unsafe", edit(ctx, stage.instruction, start, end, new))


def _help(ref, options) -> str:
    """Where to move: the same tag on quay.io when it was published there, else the repository with a current tag."""
    tag = ref.tag if ref.tag and is_known(ref.tag) else None
    repo = f"quay.io/jupyter/{ref.basename}"
    if tag is None:
        return f"use `{repo}` with a dated tag"
    info = lookup(parse_ref(f"{repo}:{tag}"), options.images)
    if info is not None and info.exists is False:
        return f"use `{repo}` with a current tag (`{tag}` was never published there)"
    if (info is not None and info.exists) or tag == "latest":
        return f"use `{repo}:{tag}`"
    return f"use `{repo}:{tag}` if that tag exists there, or a current one"


def check(ctx: Context) -> Iterator[Hit]:
    for stage, ref in external_stages(ctx):
        if frozen_registry(ref):
            yield Hit(
                f"{shown(stage, ctx)} is on Docker Hub, frozen since 2023-10-20",
                *ctx.image_span(stage),
                fix=_fix(ctx, stage, ref),
                help=_help(ref, ctx.options),
            )


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref in config_images(cfg):
        if frozen_registry(ref):
            yield Hit(
                f"spawn image {config_where(image)} is on Docker Hub, frozen since 2023-10-20",
                *image.span,
                help=_help(ref, options),
            )
