"""HUB102 latest-tag: a FROM (or a Hub configuration's image) whose tag is ``latest`` or ends in ``-latest``."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.knowledge import frozen_registry, latest_tag, pin_hint
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
    tag_span,
)

RULE = Rule(
    "HUB102",
    "latest-tag",
    "error",
    "A base image uses a latest tag",
    takes=(IMAGE, CONFIG),
    roles=("singleuser", "hub"),
)


def check(inp: ImageInput) -> Iterator[Hit]:
    for stage, ref in external_stages(inp):
        local = base_build(inp, ref.raw) if latest_tag(ref) else None
        if local is not None:
            yield Hit(
                f"base image {shown(stage)} uses `{ref.tag}`, and {local}",
                *tag_span(inp, stage, ref),
                help=OWN_BASE_HELP,
                confidence="weak",
            )
        elif latest_tag(ref):
            yield Hit(
                f"base image {shown(stage)} uses {_what(ref)}",
                *tag_span(inp, stage, ref),
                help=f"{pin_hint(ref)}{passed(stage, inp)}",
                confidence=_frozen(ref),
            )


def _frozen(ref) -> str | None:
    """A frozen ``latest`` no longer moves (HUB104 says the registry is frozen): what is left is that it names no
    version, a weak finding (an info)."""
    return "weak" if ref.tag == "latest" and frozen_registry(ref) else None


def _what(ref) -> str:
    """The tag as the message names it: on docker-stacks' frozen Docker Hub copies ``latest`` stopped moving at
    their last build (HUB104 says where the images went), so it is not called moving there — it still names no
    version."""
    if ref.tag == "latest" and frozen_registry(ref):
        return "`latest` (frozen on Docker Hub): it names no version"
    return f"the moving tag `{ref.tag}`"


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for image, ref in config_images(cfg, tags=True):
        if not latest_tag(ref):
            continue
        local = local_build(inp, image)
        if local is not None:
            yield Hit(
                f"{config_image(image)} uses `{ref.tag}`, and {local}",
                *image.span,
                help=OWN_BUILD_HELP,
                confidence="weak",
            )
            continue
        yield Hit(f"{config_image(image)} uses {_what(ref)}", *image.span, help=pin_hint(ref), confidence=_frozen(ref))
