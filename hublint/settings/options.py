"""The settings a configuration file, the command line or the API give: frozen, configuration only.

What is decided per file (its role, the Hub's version found in the deployment, what the deployment says about
it) is not a setting: the workspace puts it in each rule's input (:mod:`hublint.lint.inputs`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..image.spec import ImageSpec
from ..lint.engine import Selection
from ..records import NamedTuple

__all__ = ["Settings", "ImageSpec", "FAIL_ON"]

FAIL_ON = ("error", "warning", "info", "never")
_EMPTY_MAP: Mapping = MappingProxyType({})


class Settings(NamedTuple):
    hub_version: str | None = None
    spawner_cmd: bool = False
    build_args: Mapping[str, str] = _EMPTY_MAP
    target: str | None = None
    context: str | None = None
    select: tuple[str, ...] = ("HUB",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = _EMPTY_MAP  # code -> severity
    fail_on: str = "warning"
    images: Mapping[str, ImageSpec] = _EMPTY_MAP
    inline_ignores: bool = True
    # (folder of the config file, glob, role): the configuration's `roles`
    roles: tuple[tuple[str, str, str], ...] = ()
    respect_gitignore: bool = True
    # (folder, pattern); None: the default list
    exclude: tuple[tuple[str, str], ...] | None = None
    extend_exclude: tuple[tuple[str, str], ...] = ()

    @property
    def selection(self) -> Selection:
        """What the engine needs of the settings: which rules, which severities, whether pragmas count."""
        return Selection(self.select, self.ignore, self.severity, self.inline_ignores)
