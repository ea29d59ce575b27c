"""A deployment file as the rules see it: a Hub configuration read from its text, the part of a configuration
whose text one file holds, the spawn images a compose or ``.env`` file writes, and the one line ``--show-roles``
says about a configuration."""

from __future__ import annotations

import os

from ..records import TYPE_CHECKING

if TYPE_CHECKING:
    from ..deployment.hubconfig import HubConfig
    from .graph import Deployment

__all__ = ["read_hub_config", "describe_config", "view_of", "spawn_config"]


def read_hub_config(text: str, path: str) -> HubConfig | None:
    """A Hub configuration (``jupyterhub_config.py`` or z2jh values); raises ConfigReadError; None if not one."""
    from ..deployment.chartvalues import read_z2jh_values
    from ..deployment.hubconfig import read_python_config

    if path.endswith(".py"):
        return read_python_config(text)
    return read_z2jh_values(text)


def describe_config(cfg, kind: str, path: str) -> str:
    n = sum(1 for i in cfg.images if not getattr(i, "hub", False))
    images = f"{n} spawn image{'s' if n != 1 else ''}"
    if n != len(cfg.images):
        images += " (and the Hub's image)"
    everything = getattr(cfg, "all_images", ())
    elsewhere = sorted(
        {os.path.relpath(i.origin.path, os.path.dirname(os.path.abspath(path))) for i in everything if i.origin}
    )
    if elsewhere:
        images += f" (and {len(everything) - n} whose value is set in {', '.join(elsewhere)})"
    if kind == "values":
        where = f" (under {cfg.prefix.rstrip('.')})" if cfg.prefix else ""
        return f"zero-to-jupyterhub values{where}: {images}"
    if kind == "hub-config":
        return f"Hub configuration: {images}"
    return f"sets {images}"


def view_of(cfg, path: str | None, dep: Deployment | None = None):
    """A configuration's images whose text is written in this file (an image read from the environment is
    reported where its value is written: the compose file or ``.env``).  A values file's image whose tag every
    release naming the file sets after it (:meth:`Deployment.tag_set_later`) is the reference deployed: the name
    written here with the later tag (unknown when that tag is not written in a values file), marked so that the
    tag rules leave it alone — the tag written here, or its absence, is not the one deployed.  A name written
    without a tag, under a wrapper chart (daskhub, binderhub) whose own values tag that image, is deployed with the
    wrapper's tag (:func:`_wrapper_image`)."""
    import copy

    view = copy.copy(cfg)
    view.images = [i for i in cfg.images if i.origin is None or os.path.abspath(i.origin.path) == path]
    if dep is not None and path is not None and cfg.kind == "z2jh":
        view.images = [_deployed(dep, cfg, path, i) for i in view.images]
    view.all_images = cfg.images
    return view


def _deployed(dep: Deployment, cfg, path: str, image):
    from ..deployment.values import UNKNOWN_VALUE

    where = image.where[len(cfg.prefix) :]
    for key in ("singleuser.image", "hub.image"):
        if where.startswith(key + ".") and where.count(".") == 2:
            layered, tag = dep.tag_set_later(path, key)
            node = cfg.z2jh.get(key)
            name = node.value.get("name") if node is not None and isinstance(node.value, dict) else None
            if layered:
                known = tag is not None and name is not None and isinstance(name.value, str)
                ref = f"{name.value}:{tag}" if known else UNKNOWN_VALUE  # type: ignore[union-attr]
                return image._replace(ref=ref, tag_elsewhere=True)
            wrapped = _wrapper_image(dep, path) if key == "singleuser.image" and where.endswith(".name") else None
            if wrapped is not None and name is not None and wrapped[0].rsplit(":", 1)[0] == name.value:
                # the wrapper chart's own values tag this image: Helm merges that tag under the name written here
                return image._replace(ref=wrapped[0], where=f"{image.where} (tag from the {wrapped[1]})")
    return image


def spawn_config(dep: Deployment, path: str | None):
    """The spawn images (and pulled Hub images) whose text a compose or ``.env`` file holds, as a configuration
    the image rules check."""
    from ..deployment.hubconfig import HubConfig, ImageValue

    if path is None:
        return None
    cfg = HubConfig("compose")
    for s in dep.spawns:
        if os.path.abspath(s.path) == path and s.ref:
            config = os.path.relpath(s.config, os.path.dirname(path))
            cfg.images.append(ImageValue(s.ref, s.span, f"{s.where} in {config}"))
    for svc in dep.hub_services:
        if svc.build is None and svc.image is not None and svc.image.value and os.path.abspath(svc.image.path) == path:
            cfg.images.append(ImageValue(svc.image.value, svc.image.span, f"the Hub service `{svc.name}`", hub=True))
    return cfg if cfg.images else None


def _wrapper_image(dep: Deployment, path: str) -> tuple[str, str] | None:
    """The single-user image the wrapper chart (daskhub, binderhub) of every release naming values file ``path``
    sets in its own values, and which release says so — when they all agree (None otherwise)."""
    from ..deployment.chartversions import wrapper_image

    found: set[tuple[str, str]] = set()
    for release in dep.releases:
        if path not in {os.path.abspath(v.value) for v in release.values if v.value is not None}:
            continue
        version = release.version.value if release.version is not None else None
        image = wrapper_image(release.chart, version) if version else None
        if image is None:
            return None
        found.add((image, f"{release.chart} chart {version}"))
    return next(iter(found)) if len(found) == 1 else None
