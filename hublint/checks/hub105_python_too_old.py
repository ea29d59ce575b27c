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
    yield Hit(
        f"Python {python} ({where}) is older than {what} requires ({floor})",
        *anchor,
        help=f"use a Python {floor} or newer base{_older(inp, python)}",
    )


def _older(inp: ImageInput, python: str) -> str:
    """The other way out: a jupyterhub that supports the image's Python — the Hub's version when it is known (none
    when it does not support that Python either), else the newest known that does."""
    hub = parse_version(inp.hub_version) if inp.hub_version else None
    if inp.hub_version and hub is None:
        return ""  # a range of Hub versions: no one version to name
    if hub is not None and len(hub.release) >= 3:
        floor = requires_python(inp.hub_version or "")
        fv, pv = parse_version(floor) if floor else None, parse_version(python)
        if fv is not None and pv is not None and pv < fv:
            return ""
        return f", or install the Hub's jupyterhub (`jupyterhub=={inp.hub_version}`)"
    older = newest_for_python(python, hub.major if hub is not None else None)
    if older is None:
        return ""
    which = f"the newest jupyterhub {hub.major}.x known" if hub is not None else "the newest jupyterhub known"
    return f", or pin {which} to support Python {python} (`jupyterhub=={older}`)"
