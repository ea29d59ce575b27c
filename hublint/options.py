"""Resolved lint options: what the CLI, the config file and the Python API agree on."""

from __future__ import annotations

from collections import namedtuple
from types import MappingProxyType

__all__ = ["Options", "ImageSpec", "FAIL_ON"]

FAIL_ON = ("error", "warning", "info", "never")
_EMPTY_MAP = MappingProxyType({})


class ImageSpec(namedtuple("ImageSpec", "provides user cmd python", defaults=((), None, None, None))):
    """A user's declaration of what one of their base images contains (``[images."…"]``)."""

    # provides: tuple[str, ...] = ()
    # user: str | None = None
    # cmd: tuple[str, ...] | None = None
    # python: str | None = None
    __slots__ = ()


class Options(namedtuple(
        "Options", "hub_version spawner_cmd build_args target context select ignore severity fail_on images "
                 "inline_ignores",
        defaults=(None, False, _EMPTY_MAP, None, None, ("HUB",), (), _EMPTY_MAP, "warning", _EMPTY_MAP, True))):
    # hub_version: str | None = None
    # spawner_cmd: bool = False
    # build_args: Mapping[str, str] = {}
    # target: str | None = None
    # context: str | None = None
    # select: tuple[str, ...] = ("HUB",)
    # ignore: tuple[str, ...] = ()
    # severity: Mapping[str, str] = {}
    # fail_on: str = "warning"
    # images: Mapping[str, ImageSpec] = {}
    # inline_ignores: bool = True
    __slots__ = ()
