"""Where a repository begins: the nearest folder upwards that holds ``.git`` (a folder, or a file as in
submodules and worktrees); a folder below it that holds ``.git`` is another repository.

Its own module, importing only ``os``: the run cache (:mod:`hublint.cli.cache`) needs it before anything else
is imported.
"""

from __future__ import annotations

import os

__all__ = ["find_root", "holds_git"]


def holds_git(folder: str) -> bool:
    """Is ``folder`` the top of a repository (``.git`` folder, or ``.git`` file of a submodule or worktree)?"""
    return os.path.exists(os.path.join(folder, ".git"))


def find_root(path: str, fallback: str | None = None) -> str:
    """The repository a path belongs to: the nearest folder upwards holding ``.git``; else ``fallback`` (the
    folder being linted) when given, else the path itself (a folder) or its folder (a file)."""
    start = os.path.abspath(path)
    folder = start if os.path.isdir(start) else os.path.dirname(start)
    probe = folder
    while True:
        if holds_git(probe):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return os.path.abspath(fallback) if fallback is not None else folder
        probe = parent
