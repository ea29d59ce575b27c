"""HUB103 moving-tag: a known Jupyter image with a tag that every build re-points; a branch-like spawn image tag;
a spawn image pulled `IfNotPresent` whose word tag (`stable`) a build definition of the repository builds again."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.knowledge import branch_tag, frozen_registry, latest_tag, moving_tag, pin_hint
from ..lazy import pattern
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
            moved, until = _moves(ref, inp.image.images)
            yield Hit(
                f"base image {shown(stage)} uses `{ref.tag}`, {moved}",
                *tag_span(inp, stage, ref),
                help=f"{_stopped(until)}{pin_hint(ref)}{passed(stage, inp)}",
                confidence="weak" if until else None,
            )


def _moves(ref, images) -> tuple[str, str | None]:
    """How the message says the tag moves, and the day it stopped when builds no longer push it: it moved while
    they had it (an image built then may be any of those builds), but no longer moves — a weak finding."""
    from ..image.knowledge import lookup, stopped_moving

    until = stopped_moving(ref, lookup(ref, images))
    if until:
        return "a tag that moved", until
    return "a tag that moves", None


def _stopped(until: str | None) -> str:
    """For the help: when builds stopped pushing the tag, and why it still matters."""
    if not until:
        return ""
    return f"builds stopped pushing it on {until}, but an image built before may hold any of its builds: "


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for image, ref in config_images(cfg, tags=True):
        if moving_tag(ref) and not frozen_registry(ref):
            moved, until = _moves(ref, inp.images)
            yield Hit(
                f"{config_image(image)} uses `{ref.tag}`, {moved}",
                *image.span,
                help=f"{_stopped(until)}{pin_hint(ref)}",
                confidence="weak" if until else None,
            )
        elif branch_tag(ref) and not image.hub:  # a spawn image's users meet a new image
            yield Hit(
                f"{config_image(image)} uses `{ref.tag}`, a branch tag rebuilt on every push",
                *image.span,
                help=pin_hint(ref),
            )
        elif image.pull == "IfNotPresent" and not latest_tag(ref):
            built = _rebuilt_here(inp, ref)
            if built is not None:
                yield Hit(
                    f"{config_image(image)} is pulled `IfNotPresent`, and `{ref.tag}` is rebuilt here: nodes keep "
                    "the old image",
                    *image.span,
                    help=f"{built} builds it again: give each build its own tag (a date, the commit), or pull "
                    "it `Always`",
                )


_VERSIONED = pattern(r"v?\d|[0-9a-f]{7,}\Z")


def _rebuilt_here(inp: ConfigInput, ref) -> str | None:
    """Where a build definition of the repository builds the reference's exact name and tag, when the tag is a
    word that each build reuses (``stable``, ``lab``) rather than one that names a version or a commit (a
    ``1.4.2``, ``2025.01.1`` or ``3f9c2e1`` tag is a new tag per release, even when a script builds it)."""
    from ..deployment.imagenames import split

    facts = inp.facts
    tag = ref.tag or ""
    if facts is None or not facts.built_tags or not tag or _VERSIONED.match(tag):
        return None
    name, _ = split(ref.raw.partition("@")[0])
    return next((where for built, where in facts.built_tags if built == f"{name}:{tag}"), None)
