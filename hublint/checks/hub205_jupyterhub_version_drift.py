"""HUB205 jupyterhub-version-drift: the image's exact jupyterhub is compatible with the Hub's but not equal."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..image.versions import hub_compatible
from ..lint.hits import Hit
from ._common import config_hub_images, config_where, hub_from, hub_runs, judged_hub
from ._suggest import hub_install


def check(ctx: Context) -> Iterator[Hit]:
    judged = judged_hub(ctx)
    if judged is None:
        return
    _hub_text, hub, precise, facts = judged
    exact = facts.versions.exact()
    if not precise or exact is None or exact == hub or not hub_compatible(exact, hub):
        return
    source = (
        f"`{facts.install.raw.strip(chr(39) + chr(34)) or facts.install.spec}`"
        if facts.install
        else f"the base `{ctx.root.image}`"
    )
    yield Hit(
        f"{source} gives jupyterhub {exact}, {hub_runs(ctx.options)}: compatible, not equal",
        *facts.anchor,
        help="match the Hub exactly: " + hub_install(ctx).removeprefix("install ") + hub_from(ctx.options),
    )


def check_config(cfg, options) -> Iterator[Hit]:
    for image, _ref, versions, (hub_text, hub, precise) in config_hub_images(cfg, options):
        exact = versions.exact()
        if not precise or exact is None or exact == hub or not hub_compatible(exact, hub):
            continue
        yield Hit(
            f"{config_where(image)} has jupyterhub {exact}, {hub_runs(options)}: compatible, not equal",
            *image.span,
            help=f"use an image with jupyterhub {hub_text}" + hub_from(options),
        )
