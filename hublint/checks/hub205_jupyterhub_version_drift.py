"""HUB205 jupyterhub-version-drift: the image's exact jupyterhub is compatible with the Hub's but not equal."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.versions import hub_compatible
from ._common import config_hub_images, config_where, hub_runs, judged_hub


def check(ctx: Context) -> Iterator[Hit]:
    judged = judged_hub(ctx)
    if judged is None:
        return
    hub_text, hub, precise, facts = judged
    exact = facts.versions.exact()
    if not precise or exact is None or exact == hub or not hub_compatible(exact, hub):
        return
    source = f"`{facts.install.spec}`" if facts.install else f"the base image `{ctx.root.image}`"
    yield Hit(f"{source} gives jupyterhub {exact} while {hub_runs(ctx.options)}: compatible, but any difference "
              f"halves the Hub's redirect-loop limit (4 to 2); match the Hub exactly with {hub_text}", *facts.anchor)


def check_config(cfg, options) -> Iterator[Hit]:
    for image, ref, versions, (hub_text, hub, precise) in config_hub_images(cfg, options):
        exact = versions.exact()
        if not precise or exact is None or exact == hub or not hub_compatible(exact, hub):
            continue
        yield Hit(f"image {config_where(image)} has jupyterhub {exact} while {hub_runs(options)}: compatible, but "
                  "any difference halves the Hub's redirect-loop limit (4 to 2); use an image with jupyterhub "
                  f"{hub_text}", *image.span)
