"""HUB204 jupyterhub-version-mismatch: no jupyterhub version the image admits is compatible with the Hub's."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import (
    MESSAGE_LIMIT,
    admits,
    base_named,
    clip,
    config_hub_images,
    config_where,
    hub_from,
    hub_runs,
    judged_hub,
    moving_base_hub,
    passed_into,
)
from ._pinfix import pin_fix
from ._suggest import hub_install

RULE = Rule(
    "HUB204",
    "jupyterhub-version-mismatch",
    "error",
    "The image's jupyterhub cannot match the Hub's version",
    takes=(IMAGE, CONFIG),
    premises=("role", "hub"),
)


def consequence(versions, hub) -> str:
    """What really happens (jupyterhub/_version.py, log-messages.md F1.6–F1.7): across the 2.0 change — the Hub
    passes options only in the environment, and revokes older tokens — logins fail; otherwise the Hub logs a
    version warning at each spawn (and tolerates fewer redirects, F1.5)."""
    low = versions.lowest_major_minor()
    image_below, image_above = versions.below_major(2), low is not None and low.major >= 2
    if (image_below and hub.major >= 2) or (image_above and hub.major < 2):
        return "across the 2.0 change, logins fail"
    return "the Hub warns at each spawn"


def _rule(hub, precise: bool) -> str:
    if hub.major >= 5 or not precise:
        return f"{hub.major}.x"
    return f"{hub.major}.{hub.minor}.x"


def check(inp: ImageInput) -> Iterator[Hit]:
    judged = judged_hub(inp)
    if judged is None:
        return
    _hub_text, hub, precise, facts, versions = judged
    if admits(versions, inp):
        return
    moving = moving_base_hub(inp) is not None  # a moving `latest`: what a build gets now
    rest = (
        f"{' now' if moving else ''} gives jupyterhub {versions.shown}, {hub_runs(inp)}: {consequence(versions, hub)}"
    )
    room = max(MESSAGE_LIMIT - len(rest) - 2, 16)
    source = (
        f"`{clip(facts.install.raw.strip(chr(39) + chr(34)) or facts.install.spec, room)}`"
        if facts.install
        else base_named(inp, MESSAGE_LIMIT - len(rest))
    )
    yield Hit(
        f"{source}{rest}",
        *facts.anchor,
        fix=pin_fix(inp, facts.install) if facts.install else None,
        help=(
            hub_install(inp, "conda" if facts.install and facts.install.manager == "conda" else None)
            if facts.install
            else f"use a base image with jupyterhub {_rule(hub, precise)}, or " + hub_install(inp)
        )
        + hub_from(inp)
        + (passed_into(facts.install.raw, inp) if facts.install else ""),
        confidence="weak" if moving else None,  # the image may have been built when the tag held an older one
    )


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for image, _ref, versions, (hub_text, hub, precise), moving in config_hub_images(cfg, inp):
        if admits(versions, inp):
            continue
        has = "now has" if moving else "has"  # a moving `latest`: what a pull gets now, a weak premise
        yield Hit(
            f"{config_where(image)} {has} jupyterhub {versions.shown}, {hub_runs(inp)}: {consequence(versions, hub)}",
            *image.span,
            help=f"use an image with jupyterhub {_rule(hub, precise)}" + (hub_from(inp) or f" (the Hub's {hub_text})"),
            confidence="weak" if moving else None,
        )
