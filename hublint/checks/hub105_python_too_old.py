"""HUB105 python-too-old: the final image's Python is below what its jupyterhub requires."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.knowledge import requires_python
from ..image.versions import parse_version


def _python(ctx: Context):
    """(version, anchor, where) of the final image's Python, if known: a conda install wins over the base."""
    pythons = sorted((i for i in ctx.installs.installs if i.manager == "conda" and i.name == "python"),
                     key=lambda i: i.order)
    if pythons:
        last = pythons[-1]
        low = last.versions.lowest_major_minor() if last.versions is not None else None
        if last.versions is None or low is None:
            return None
        return f"{low.major}.{low.minor}", last.anchor, f"`{last.spec}`"
    info = ctx.base_info
    if info is not None and info.python:
        return info.python, ctx.image_span(ctx.root), f"base image `{ctx.root.image}`"
    return None


def check(ctx: Context) -> Iterator[Hit]:
    hub = ctx.hub
    if hub is None:
        return
    found = _python(ctx)
    if found is None:
        return
    python, anchor, where = found
    exact = hub.versions.exact() if hub.versions is not None else None
    lowest = hub.versions.lowest_major_minor() if hub.versions is not None and exact is None else None
    # an exact pin needs its own floor; a range cannot go below its lowest bound's floor; else 3.6
    floor = requires_python(str(exact or lowest)) if (exact or lowest) is not None else "3.6"
    if floor is None:
        return
    pv, fv = parse_version(python), parse_version(floor)
    if pv is None or fv is None or pv >= fv:
        return
    if exact is not None:
        why = f"jupyterhub {exact} requires Python >= {floor}"
    elif lowest is not None:
        why = f"`{hub.versions.text}` needs jupyterhub {lowest} or newer, which requires Python >= {floor}"
    else:
        why = f"jupyterhub needs Python >= {floor} (and current releases need 3.10)"
    yield Hit(f"Python {python} ({where}) is too old: {why}; use a newer Python or pin a jupyterhub "
              f"that supports Python {python}", *anchor)
