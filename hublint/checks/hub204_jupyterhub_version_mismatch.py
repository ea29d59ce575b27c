"""HUB204 jupyterhub-version-mismatch: no jupyterhub version the image admits is compatible with the Hub's."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..image.versions import hub_admits
from ..lint.hits import Hit
from ._common import config_hub_images, config_where, hub_from, hub_runs, judged_hub
from ._pinfix import pin_fix
from ._suggest import hub_install


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


def check(ctx: Context) -> Iterator[Hit]:
    judged = judged_hub(ctx)
    if judged is None:
        return
    _hub_text, hub, precise, facts = judged
    if hub_admits(facts.versions, hub, precise):
        return
    source = (
        f"`{facts.install.raw.strip(chr(39) + chr(34)) or facts.install.spec}`"
        if facts.install
        else f"the base `{ctx.root.image}`"
    )
    yield Hit(
        f"{source} gives jupyterhub {facts.versions.shown}, {hub_runs(ctx.options)}: "
        f"{consequence(facts.versions, hub)}",
        *facts.anchor,
        fix=pin_fix(ctx, facts.install) if facts.install else None,
        help=(
            hub_install(ctx, "conda" if facts.install and facts.install.manager == "conda" else None)
            if facts.install
            else f"use a base image with jupyterhub {_rule(hub, precise)}, or " + hub_install(ctx)
        )
        + hub_from(ctx.options),
    )


def check_config(cfg, options) -> Iterator[Hit]:
    for image, _ref, versions, (hub_text, hub, precise) in config_hub_images(cfg, options):
        if hub_admits(versions, hub, precise):
            continue
        yield Hit(
            f"{config_where(image)} has jupyterhub {versions.shown}, {hub_runs(options)}: {consequence(versions, hub)}",
            *image.span,
            help=f"use an image with jupyterhub {_rule(hub, precise)}"
            + (hub_from(options) or f" (the Hub's {hub_text})"),
        )
