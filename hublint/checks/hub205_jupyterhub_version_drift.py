"""HUB205 jupyterhub-version-drift: the image's exact jupyterhub is compatible with the Hub's but not equal."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.versions import hub_compatible
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import MESSAGE_LIMIT, base_named, clip, config_hub_images, config_where, hub_from, hub_runs, judged_hub
from ._suggest import hub_install

RULE = Rule(
    "HUB205",
    "jupyterhub-version-drift",
    "info",
    "The image's jupyterhub differs slightly from the Hub's",
    takes=(IMAGE, CONFIG),
    premises=("role", "hub"),
)


def check(inp: ImageInput) -> Iterator[Hit]:
    judged = judged_hub(inp)
    if judged is None:
        return
    _hub_text, hub, precise, facts, versions = judged
    exact = versions.exact()
    if not precise or exact is None or exact == hub or not hub_compatible(exact, hub):
        return
    rest = f" gives jupyterhub {exact}, {hub_runs(inp)}: compatible, not equal"
    source = (
        f"`{clip(facts.install.raw.strip(chr(39) + chr(34)) or facts.install.spec, MESSAGE_LIMIT - len(rest) - 2)}`"
        if facts.install
        else base_named(inp, MESSAGE_LIMIT - len(rest))
    )
    yield Hit(
        f"{source}{rest}",
        *facts.anchor,
        help="match the Hub exactly: " + hub_install(inp).removeprefix("install ") + hub_from(inp),
    )


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for image, _ref, versions, (hub_text, hub, precise), _moving in config_hub_images(cfg, inp):
        exact = versions.exact()
        if not precise or exact is None or exact == hub or not hub_compatible(exact, hub):
            continue
        yield Hit(
            f"{config_where(image)} has jupyterhub {exact}, {hub_runs(inp)}: compatible, not equal",
            *image.span,
            help=f"use an image with jupyterhub {hub_text}" + hub_from(inp),
        )
