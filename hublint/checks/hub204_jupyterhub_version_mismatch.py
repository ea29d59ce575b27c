"""HUB204 jupyterhub-version-mismatch: no jupyterhub version the image admits is compatible with the Hub's."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.versions import hub_admits
from ._common import config_hub_images, config_where, hub_runs, judged_hub
from ._pinfix import pin_fix


def _rule(hub, precise: bool) -> str:
    if hub.major >= 5 or not precise:
        return f"same major version ({hub.major}.x)"
    return f"same major.minor version ({hub.major}.{hub.minor}.x)"


def check(ctx: Context) -> Iterator[Hit]:
    judged = judged_hub(ctx)
    if judged is None:
        return
    hub_text, hub, precise, facts = judged
    if hub_admits(facts.versions, hub, precise):
        return
    source = f"`{facts.install.spec}`" if facts.install else f"the base image `{ctx.root.image}`"
    if facts.install is None:
        advice = f"use a base image with jupyterhub {hub_text}, or install `jupyterhub=={hub_text}`"
    elif facts.install.manager == "pip":
        advice = f"install `jupyterhub=={hub_text}`"
    else:
        advice = f"install `{facts.install.name}={hub_text}`"
    yield Hit(f"{source} gives jupyterhub {facts.versions.shown or 'of another version'}, but {hub_runs(ctx.options)}: "
              f"the Hub and the single-user server need the {_rule(hub, precise)}, or logins fail with redirect "
              f"loops; {advice}", *facts.anchor, fix=pin_fix(ctx, facts.install) if facts.install else None)


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref, versions, (hub_text, hub, precise) in config_hub_images(cfg, options):
        if hub_admits(versions, hub, precise):
            continue
        yield Hit(f"image {config_where(image)} has jupyterhub {versions.shown}, but {hub_runs(options)}: the Hub "
                  f"and the single-user server need the {_rule(hub, precise)}, or logins fail with redirect loops; "
                  f"use an image with jupyterhub {hub_text}", *image.span)
