"""The user's home and the volumes mounted over it: the mount model HUB504 (files copied into the home),
HUB507 (the home is not where the volume is) and HUB508 (installs into the home) share."""

from __future__ import annotations

import posixpath
import re

from ..dockerfile.expand import is_known
from ..lint.inputs import ImageInput

__all__ = ["homes", "mounted", "inside", "overlaps"]


def homes(inp: ImageInput) -> set[str]:
    """The folders a home volume usually covers: ``/home/jovyan``, and the final image's ``$HOME`` under
    ``/home/``."""
    found = {"/home/jovyan"}
    final = inp.image.final
    if final is not None:
        home = final.env.get("HOME")
        if home and is_known(home) and home.startswith("/home/"):
            found.add(home.rstrip("/"))
    return found


def _pattern(path: str) -> str:
    """A container path as a regular expression: a template part (``{username}``) matches one folder name."""
    return re.sub(r"\\\{[^{}]*\\\}", "[^/]+", re.escape(posixpath.normpath(path)))


def inside(path: str, folder: str) -> bool:
    """Is ``path`` ``folder`` or below it (either may hold ``{…}`` templates, each one folder name)?"""
    path = posixpath.normpath(path)
    if posixpath.normpath(folder) == "/":
        return path.startswith("/")
    if "{" in path:
        return (
            re.match(_pattern(path) + r"\Z", posixpath.normpath(folder)) is not None
            or re.match(_pattern(folder) + r"(?:/|\Z)", path) is not None
        )
    return re.match(_pattern(folder) + r"(?:/|\Z)", path) is not None


def mounted(full: str, mounts: tuple[str, ...]) -> str | None:
    """The configured mount (a container path, perhaps a template like ``/home/{username}``) that holds ``full``."""
    for mount in mounts:
        if re.match(_pattern(mount) + r"(?:/|\Z)", full):
            return mount
    return None


def overlaps(path: str, mounts: tuple[str, ...]) -> bool:
    """Does ``path`` lie in a mount, or hold one?"""
    return any(inside(path, m) or inside(m, path) for m in mounts)
