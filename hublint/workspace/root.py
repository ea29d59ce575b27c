"""Where a repository begins: the nearest folder upwards that holds ``.git``.

Its own module, importing only ``os``: the run cache (:mod:`hublint.cli.cache`) needs it before anything else
is imported.
"""

from __future__ import annotations

import os

__all__ = ["find_root"]


def find_root(path: str) -> str:
    """The repository a path belongs to: the nearest folder upwards holding ``.git``; else the path itself
    (a folder) or its folder (a file)."""
    start = os.path.abspath(path)
    folder = start if os.path.isdir(start) else os.path.dirname(start)
    probe = folder
    while True:
        if os.path.exists(os.path.join(probe, ".git")):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return folder
        probe = parent
