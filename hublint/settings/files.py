"""Reading the files that steer a run (``.hublint.toml``, ``pyproject.toml``, ``.gitignore``, ``.git/info/exclude``):
only a regular file is read — a link to a pipe, a device or ``/dev/stdin`` is not (it could block the run or
never end) — without blocking, up to a size limit; with ``inside``, only a file whose real path is in that folder
(a link out of the repository is not followed)."""

from __future__ import annotations

import os
import stat

__all__ = ["read_regular", "is_regular"]

LIMIT = 1_000_000


def is_regular(path: str, inside: str | None = None) -> bool:
    """Is ``path`` (links followed) a regular file — and, with ``inside``, one whose real path is in that folder?"""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
    except (OSError, ValueError):
        return False
    if inside is None:
        return True
    real, top = os.path.realpath(path), os.path.realpath(inside)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def read_regular(path: str, limit: int = LIMIT, inside: str | None = None) -> bytes | None:
    """The first ``limit`` bytes of a regular file (see the module's docstring); None when it is not one or cannot
    be read."""
    if not is_regular(path, inside):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between the check and the open
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(limit)
    except OSError:
        return None
    finally:
        os.close(fd)
