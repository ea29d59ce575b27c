"""hubploy's layout as a build definition: ``deployments/<name>/hubploy.yaml`` names the deployment's images,
which hubploy builds from folders of the deployment (``images.images[].path``, default ``image/``; the older
``images.image_name`` likewise).

The image is the deployment's user image unless ``helm_substitution_path`` names another place of the chart's
values (``…hub.image``: the Hub).  A name without a tag is tagged by hubploy with the last commit of its folder:
a computed tag.
"""

from __future__ import annotations

import os

from .builddefs import BuildDef, repo2docker_source
from .imagenames import COMPUTED, split
from .values import Value
from .yamlnodes import load

__all__ = ["read_hubploy"]


def _mapping(v: Value | None) -> dict[str, Value]:
    return v.value if v is not None and isinstance(v.value, dict) else {}


def _purpose(spec: dict[str, Value]) -> str:
    where = spec.get("helm_substitution_path") or spec.get("image_config_path")  # the older hubploy's name
    text = where.value if where is not None and isinstance(where.value, str) else "jupyterhub.singleuser.image"
    if text.endswith("singleuser.image"):
        return "singleuser"
    return "hub" if text.endswith("hub.image") else "other"


def read_hubploy(path: str, text: str, exists=None) -> list[BuildDef]:
    """The image builds a ``hubploy.yaml`` declares (raises ConfigReadError when it is not YAML)."""
    exists = exists or os.path.isfile
    images = _mapping(_mapping(load(text)).get("images"))
    folder = os.path.dirname(path)
    specs: list[tuple[Value, dict[str, Value]]] = []
    legacy = images.get("image_name")
    if legacy is not None:
        specs.append((legacy, images))
    listed = images.get("images")
    for item in listed.value if listed is not None and isinstance(listed.value, list) else []:
        name = _mapping(item).get("name")
        if name is not None:
            specs.append((name, _mapping(item)))
    out = []
    for name, spec in specs:
        if not isinstance(name.value, str) or not name.value:
            continue
        where = spec.get("path")
        sub = where.value if where is not None and isinstance(where.value, str) else "image"
        context = os.path.normpath(os.path.join(folder, sub))
        dockerfile = repo2docker_source(context, exists)
        if dockerfile is None:
            continue
        ref = name.value if split(name.value)[1] is not None else f"{name.value}:{COMPUTED}"
        out.append(BuildDef(path, name.span[0], "hubploy", dockerfile, context, None, (ref,), {}, {}, _purpose(spec)))
    return out
