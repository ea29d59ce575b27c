"""Resolved lint options: what the CLI, the config file and the Python API agree on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["Options", "ImageSpec", "FAIL_ON"]

FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True, slots=True)
class ImageSpec:
    """A user's declaration of what one of their base images contains (``[images."…"]``)."""

    provides: tuple[str, ...] = ()
    user: str | None = None
    cmd: tuple[str, ...] | None = None
    python: str | None = None


@dataclass(frozen=True, slots=True)
class Options:
    hub_version: str | None = None
    spawner_cmd: bool = False
    build_args: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    target: str | None = None
    context: str | None = None
    select: tuple[str, ...] = ("HUB",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: str = "warning"
    images: Mapping[str, ImageSpec] = field(default_factory=lambda: MappingProxyType({}))
    inline_ignores: bool = True
