"""HUB105 python-too-old: the final image's Python is below what its jupyterhub requires."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.knowledge import requires_python
from ..image.versions import parse_version
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._suggest import image_python, newest_for_python

RULE = Rule("HUB105", "python-too-old", "error", "The image's Python is older than its jupyterhub requires")


def check(inp: ImageInput) -> Iterator[Hit]:
    hub = inp.image.hub
    if hub is None:
        return
    found = image_python(inp)
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
    what = (
        f"jupyterhub {exact}"
        if exact is not None
        else (
            f"`{hub.versions.text}` (jupyterhub {lowest} or newer)"
            if lowest is not None and hub.versions is not None
            else "jupyterhub"
        )
    )
    older = newest_for_python(python)
    alternative = f", or pin a jupyterhub that supports Python {python} (`jupyterhub=={older}`)" if older else ""
    yield Hit(
        f"Python {python} ({where}) is older than {what} requires ({floor})",
        *anchor,
        help=f"use a Python {floor} or newer base{alternative}",
    )
