"""HUB204 jupyterhub-version-mismatch: no jupyterhub version the image admits is compatible with --hub-version."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ._common import judged_hub
from ._pinfix import pin_fix


def check(ctx: Context) -> Iterator[Hit]:
    judged = judged_hub(ctx)
    if judged is None:
        return
    hub_text, hub, facts = judged
    if facts.versions.admits_compatible(hub):
        return
    rule = (f"same major version ({hub.major}.x)" if hub.major >= 5
            else f"same major.minor version ({hub.major}.{hub.minor}.x)")
    source = f"`{facts.install.spec}`" if facts.install else f"the base image `{ctx.root.image}`"
    if facts.install is None:
        advice = f"use a base image with jupyterhub {hub_text}, or install `jupyterhub=={hub_text}`"
    elif facts.install.manager == "pip":
        advice = f"install `jupyterhub=={hub_text}`"
    else:
        advice = f"install `{facts.install.name}={hub_text}`"
    yield Hit(f"{source} gives jupyterhub {facts.versions.text or 'of another version'}, but the Hub runs "
              f"{hub_text}: the Hub and the single-user server need the {rule}, or logins fail with redirect loops; "
              f"{advice}", *facts.anchor, fix=pin_fix(ctx, facts.install) if facts.install else None)
