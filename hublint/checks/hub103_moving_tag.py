"""HUB103 moving-tag: a known Jupyter image with a tag that every build re-points; a branch-like spawn image tag."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.knowledge import branch_tag, frozen_registry, moving_tag, pin_hint
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import config_image, config_images, external_stages, passed, shown, tag_span

RULE = Rule(
    "HUB103",
    "moving-tag",
    "warning",
    "A Jupyter base image uses a tag that every build re-points",
    takes=(IMAGE, CONFIG),
    roles=("singleuser", "hub"),
)


def check(inp: ImageInput) -> Iterator[Hit]:
    for stage, ref in external_stages(inp):
        if moving_tag(ref) and not frozen_registry(ref):  # a frozen Docker Hub copy moves no more: HUB104 says it
            yield Hit(
                f"base image {shown(stage)} uses `{ref.tag}`, a tag that moves",
                *tag_span(inp, stage, ref),
                help=f"{pin_hint(ref)}{passed(stage, inp)}",
            )


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for image, ref in config_images(cfg):
        if moving_tag(ref) and not frozen_registry(ref):
            yield Hit(f"{config_image(image)} uses `{ref.tag}`, a tag that moves", *image.span, help=pin_hint(ref))
        elif branch_tag(ref):
            yield Hit(
                f"{config_image(image)} uses `{ref.tag}`, a branch tag rebuilt on every push",
                *image.span,
                help=pin_hint(ref),
            )
