"""Writing files: fixed Dockerfiles and reports, atomically (a reader never sees half a file).

A temporary file is written beside the target (``.hublint-<pid>-<random>.tmp``: a rename is atomic only within
a file system) and renamed over it.  A run killed between the two leaves that temporary file behind; the next
write in the same folder removes the ones whose process is gone.  A fix is written only over the bytes it was
computed from: a file edited while hublint ran is left alone (:class:`FileChanged`).
"""

from __future__ import annotations

import os

__all__ = ["write_atomic", "FileChanged"]

_PREFIX = ".hublint-"
_SUFFIX = ".tmp"


class FileChanged(Exception):
    """The file no longer holds what hublint read: someone edited it while hublint ran."""


def write_atomic(path: str, data: bytes, expect: bytes | None = None) -> None:
    """Replace ``path`` with ``data``: a temporary file in the same folder, renamed over it; mode kept.

    ``expect``: the bytes the file must still hold when it is replaced (else :class:`FileChanged`)."""
    import stat
    import tempfile

    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    _remove_stale(folder)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:  # a new file (a report): the usual mode
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{_PREFIX}{os.getpid()}-", suffix=_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if expect is not None and _current(target) != expect:
            raise FileChanged(path)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _current(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _remove_stale(folder: str) -> None:
    """Temporary files of earlier runs whose process is gone (killed between writing and renaming)."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(_PREFIX) and n.endswith(_SUFFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True
