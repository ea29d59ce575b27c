"""HUB603 deprecated-spawner-option: ``c.DockerSpawner.container_image`` or ``image_whitelist``."""

from __future__ import annotations

from collections.abc import Iterator

from ..hits import Hit

_RENAMED = {"container_image": "image", "image_whitelist": "allowed_images"}


def check_config(cfg, options) -> Iterator[Hit]:
    for (cls, trait), (_, target_span) in sorted(cfg.traits.items()):
        if trait in _RENAMED and cls.endswith("Spawner"):
            yield Hit(f"`c.{cls}.{trait}` is a deprecated alias of `c.{cls}.{_RENAMED[trait]}`: it may be removed "
                      f"in any DockerSpawner release; use `c.{cls}.{_RENAMED[trait]}`", *target_span)
