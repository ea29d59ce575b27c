"""HUB205 jupyterhub-version-drift: the image's exact jupyterhub is compatible with --hub-version but not equal."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.versions import hub_compatible
from ._common import judged_hub


def check(ctx: Context) -> Iterator[Hit]:
    judged = judged_hub(ctx)
    if judged is None:
        return
    hub_text, hub, facts = judged
    exact = facts.versions.exact()
    if exact is None or exact == hub or not hub_compatible(exact, hub):
        return
    source = f"`{facts.install.spec}`" if facts.install else f"the base image `{ctx.root.image}`"
    yield Hit(f"{source} gives jupyterhub {exact} while the Hub runs {hub_text}: compatible, but any difference "
              f"halves the Hub's redirect-loop limit (4 to 2); match the Hub exactly with {hub_text}", *facts.anchor)
