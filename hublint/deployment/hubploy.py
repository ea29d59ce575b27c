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
from .values import Value, mapping
from .yamlnodes import load

__all__ = ["read_hubploy", "image_specs", "substitution_path"]


def image_specs(images: Value | None) -> list[tuple[Value | None, dict[str, Value]]]:
    """Each image a ``hubploy.yaml``'s ``images`` names, as (its name, its settings): ``images.images[]``, and the
    older ``images.image_name``."""
    spec = mapping(images)
    out: list[tuple[Value | None, dict[str, Value]]] = [(spec["image_name"], spec)] if "image_name" in spec else []
    listed = spec.get("images")
    for item in listed.value if listed is not None and isinstance(listed.value, list) else []:
        if isinstance(item.value, dict):
            out.append((item.value.get("name"), item.value))
    return out


def substitution_path(spec: dict[str, Value]) -> str:
    """Where in the chart's values hubploy sets an image's name and tag: ``helm_substitution_path``
    (``image_config_path`` in older hubploy), ``jupyterhub.singleuser.image`` by default."""
    where = spec.get("helm_substitution_path") or spec.get("image_config_path")
    return where.value if where is not None and isinstance(where.value, str) else "jupyterhub.singleuser.image"


def _purpose(spec: dict[str, Value]) -> str:
    text = substitution_path(spec)
    if text.endswith("singleuser.image"):
        return "singleuser"
    return "hub" if text.endswith("hub.image") else "other"


def read_hubploy(path: str, text: str, exists=None) -> list[BuildDef]:
    """The image builds a ``hubploy.yaml`` declares (raises ConfigReadError when it is not YAML)."""
    exists = exists or os.path.isfile
    folder = os.path.dirname(path)
    out = []
    for name, spec in image_specs(mapping(load(text)).get("images")):
        if name is None or not isinstance(name.value, str) or not name.value:
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
