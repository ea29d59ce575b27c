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


def _how(info) -> str:
    return "likely never " if _inferred(info) else "never "


def _inferred(info) -> str | None:
    """ "weak" when the tag's absence rests on how hublint reconstructs the CI that would have built its commit (a
    skip marker, a later push tip, a cancelled run, a paths filter: "never built: …"), which a build started by
    hand bypassed more than once; None when the history shows it (no such tags, another registry then)."""
    return "weak" if (info.exists_reason or "").startswith("never built: ") else None


def check(inp: ImageInput) -> Iterator[Hit]:
    for stage, ref in external_stages(inp):
        info = lookup(ref, inp.image.images) if ref.tag and "\uffff" not in ref.tag else None
        if info is not None and info.exists is False:
            yield Hit(
                f"base image {shown(stage)} was {_how(info)}published on {ref.registry}{_why(info)}",
                *tag_span(inp, stage, ref),
                help="pick a tag that exists there: the build cannot pull this one",
                confidence=_inferred(info),
            )


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for image, ref in config_images(cfg, tags=True):
        info = lookup(ref, inp.images) if ref.tag and "\uffff" not in ref.tag else None
        if info is not None and info.exists is False and not built_as(inp, image.ref):
            yield Hit(
                f"{config_image(image)} was {_how(info)}published on {ref.registry}{_why(info)}",
                *image.span,
                help="pick a tag that exists there: every spawn fails to pull this one",
                confidence=_inferred(info),
            )
