"""Image references whose name is only partly known (``jupyter/${VARIANT}-notebook``, ``${REGISTRY}/jupyter/…``):
family and registry decided from the literal parts, where the unknown part cannot change them.

General rule: a reference's registry and family come from its literal parts; a variable part that only picks
one image of a family (the docker-stacks variant) leaves the family and the registry known, while what the
image contains (its jupyterhub, its python) stays unknown.  Names that are fully known are the image
knowledge's (:mod:`.knowledge`).
"""

from __future__ import annotations

from ..dockerfile.expand import UNKNOWN
from ..dockerfile.imageref import parse_ref
from ..lazy import pattern

__all__ = ["docker_stacks_registry"]

_STACKS_NAME = pattern("[a-z0-9\uffff]+(?:[-_.][a-z0-9\uffff]+)*-notebook\\Z|docker-stacks-foundation\\Z")


def docker_stacks_registry(image: str) -> str | None:
    """For a reference with an unknown part in its name that is a docker-stacks image whatever that part is
    (``jupyter/<…>-notebook``, ``jupyter/docker-stacks-foundation``): its registry — ``docker.io`` (written or
    implied), ``quay.io``…, or ``""`` when the registry part is itself unknown; None otherwise (not docker-stacks,
    or fully known: the image knowledge decides those)."""
    if not image:
        return None
    ref = parse_ref(image)
    if UNKNOWN not in ref.name:
        return None
    parts = ref.path.split("/")
    if len(parts) == 2:
        registry = ref.registry
    elif len(parts) == 3 and ref.registry == "docker.io" and UNKNOWN in parts[0]:
        registry = ""  # `${REGISTRY}/jupyter/…`: the registry is the unknown part
    else:
        return None
    if parts[-2] != "jupyter" or not _STACKS_NAME.match(parts[-1]):
        return None
    return "" if UNKNOWN in registry else registry
