"""HUB101 untagged-base-image: a FROM (or a Hub configuration's image) with neither tag nor digest."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.knowledge import frozen_registry, pin_hint, untagged
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import (
    OWN_BASE_HELP,
    OWN_BUILD_HELP,
    base_build,
    config_image,
    config_images,
    external_stages,
    local_build,
    passed,
    shown,
)

RULE = Rule(
    "HUB101",
    "untagged-base-image",
    "error",
    "A base image has neither tag nor digest",
    takes=(IMAGE, CONFIG),
    roles=("singleuser", "hub"),
)


# docker-stacks' Docker Hub copies stopped at their last build (2023-10-20): their `latest` names no version but no
# longer moves (HUB104 says where the images went), as HUB102 says of `:latest` written out
_FROZEN = " (`latest`, frozen on Docker Hub)"


def check(inp: ImageInput) -> Iterator[Hit]:
    for stage, ref in external_stages(inp):
        local = base_build(inp, ref.raw) if untagged(ref) else None
        if local is not None:
            yield Hit(
                f"base image {shown(stage)} has no tag, and {local}",
                *inp.image.image_span(stage),
                help=OWN_BASE_HELP,
                confidence="weak",
            )
        elif untagged(ref):
            yield Hit(
                f"base image {shown(stage)} has no tag or digest{_FROZEN if frozen_registry(ref) else ''}",
                *inp.image.image_span(stage),
                help=f"{pin_hint(ref)}{passed(stage, inp)}",
                confidence="weak" if frozen_registry(ref) else None,
            )


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for image, ref in config_images(cfg, tags=True):
        if untagged(ref):
            chart_default = image.where.endswith("singleuser.image.name")
            local = None if chart_default else local_build(inp, image)
            if local is not None:
                yield Hit(
                    f"{config_image(image)} has no tag, and {local}",
                    *image.span,
                    help=OWN_BUILD_HELP,
                    confidence="weak",
                )
                continue
            chart = (
                " (without one the chart uses its own default tag, made for its sample image)" if chart_default else ""
            )
            frozen = frozen_registry(ref) and not chart_default  # z2jh adds its own tag there, not `latest`
            yield Hit(
                f"{config_image(image)} has no tag or digest{_FROZEN if frozen else ''}",
                *image.span,
                help=f"{pin_hint(ref)}{chart}",
                confidence="weak" if frozen else None,
            )
