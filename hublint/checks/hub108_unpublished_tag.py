"""HUB108 unpublished-tag: a known image's tag that was never published on that registry."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.knowledge import lookup
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import built_as, config_image, config_images, external_stages, shown, tag_span

RULE = Rule(
    "HUB108",
    "unpublished-tag",
    "error",
    "A known image's tag was never published on that registry",
    takes=(IMAGE, CONFIG),
    roles=("singleuser", "hub"),
)


def _why(info) -> str:
    reasons = [s for s in info.sources if s]
    return f" ({reasons[0]})" if reasons else ""


def _inferred(info) -> bool:
    """Does the tag's absence rest only on how hublint reconstructs the CI that would have built its commit (a
    skip marker, a later push tip, a cancelled run, a paths filter), which a build started by hand bypassed more
    than once — not on what the history shows (no such tags, another registry then)?"""
    from ..image.dockerstacks import NEVER_BUILT

    return (info.exists_reason or "").startswith(NEVER_BUILT)


def check(inp: ImageInput) -> Iterator[Hit]:
    for stage, ref in external_stages(inp):
        info = lookup(ref, inp.image.images) if ref.tag and "\uffff" not in ref.tag else None
        if info is not None and info.exists is False:
            never = "likely never" if _inferred(info) else "never"
            yield Hit(
                f"base image {shown(stage)} was {never} published on {ref.registry}{_why(info)}",
                *tag_span(inp, stage, ref),
                help="pick a tag that exists there: the build cannot pull this one",
                confidence="weak" if never != "never" else None,
            )


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for image, ref in config_images(cfg, tags=True):
        info = lookup(ref, inp.images) if ref.tag and "\uffff" not in ref.tag else None
        if info is not None and info.exists is False and not built_as(inp, image.ref):
            never = "likely never" if _inferred(info) else "never"
            yield Hit(
                f"{config_image(image)} was {never} published on {ref.registry}{_why(info)}",
                *image.span,
                help="pick a tag that exists there: every spawn fails to pull this one",
                confidence="weak" if never != "never" else None,
            )
