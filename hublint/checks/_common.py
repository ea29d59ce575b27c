"""Helpers shared by rule modules."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..dockerfile.expand import is_known
from ..dockerfile.imageref import ImageRef, parse_ref
from ..dockerfile.model import Stage


def external_stages(ctx: Context) -> Iterator[tuple[Stage, ImageRef]]:
    """Every stage built FROM an external image whose name is resolved (not scratch).

    The tag or digest may still hold unknown parts (``jupyter/base-notebook:${TAG}``): rules that
    judge tags must check :func:`hublint.expand.is_known` on them.
    """
    for stage in ctx.dockerfile.stages:
        if stage.parent is not None or not stage.image or stage.image.lower() == "scratch":
            continue
        ref = parse_ref(stage.image)
        if is_known(ref.name):
            yield stage, ref


def via(stage: Stage) -> str:
    return f" (from `{stage.image_raw}`)" if stage.image_raw != stage.image and is_known(stage.image) else ""


def shown(stage: Stage) -> str:
    """The base reference for a message: resolved, with where it came from; as written when partly unknown."""
    if not is_known(stage.image):
        return f"`{stage.image_raw}`"
    return f"`{stage.image}`{via(stage)}"


def tag_span(ctx: Context, stage: Stage, ref: ImageRef) -> tuple[int, int, int, int]:
    """The tag inside the FROM's image reference when it is written literally, else the whole reference."""
    start, end = stage.image_span
    raw = stage.image_raw
    if ref.tag is not None and raw == stage.image and ref.tag_offset is not None:
        return ctx.span(stage.instruction, start + ref.tag_offset, start + ref.tag_offset + len(ref.tag))
    return ctx.image_span(stage)


def config_images(cfg) -> Iterator[tuple[object, ImageRef]]:
    """Image references of a Hub configuration with a resolved name (``os.environ.get`` defaults included)."""
    for image in cfg.images:
        if isinstance(image.ref, str) and image.ref and is_known(image.ref):
            ref = parse_ref(image.ref)
            yield image, ref


def config_where(image) -> str:
    return f"`{image.ref}` ({image.where})"


def judged_hub(ctx: Context):
    """(--hub-version as written, as a Version, the image's jupyterhub facts) when both can be judged, else None."""
    from ..image.versions import parse_version

    text = ctx.options.hub_version
    hub = parse_version(text) if text else None
    facts = ctx.hub
    if hub is None or facts is None or facts.versions is None:
        return None
    return text, hub, facts
