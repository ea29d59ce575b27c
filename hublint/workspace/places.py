"""One path base per output: where a finding's file, and every path inside its message, is shown from.

- For machines (``json``, ``sarif``, ``github``, ``gitlab``, ``checkstyle``): relative to the repository root —
  the folder holding ``.git`` above the working folder when the file is in that repository, else the one above
  the file (:func:`hublint.workspace.root.holds_git`).  A file in no repository is named as for people.
- For people (``full``, ``concise``, the Python API, the language server): a file as it was named — relative to
  the working folder, as ruff and git show them — and the paths in its message relative to the working folder
  too.  A file named by an absolute path (editors, the Python API) has the paths of its message relative to its
  repository root (in no repository: the folder argument it was found in, else its own folder): an absolute
  path in a message is only noise.

A rule's message may name another file of the deployment: where the Hub's version is written, where the
spawner's command is set (``(jupyterhub_config.py:7)``), where a build argument comes from (``.env:2 →
Makefile:4``).  The workspace writes such a path *marked* (:func:`mark`: the absolute path between two
private-use characters); the report shows it on the base of the finding it belongs to (:func:`shown`), so a
marked path never reaches an output.
"""

from __future__ import annotations

import os

from .root import holds_git

__all__ = ["mark", "mark_origin", "shown", "Bases"]

OPEN, CLOSE = "\ue000", "\ue001"


def mark(path: str) -> str:
    """``path`` (absolute, or relative to the working folder) as a marked path for a message."""
    return f"{OPEN}{os.path.abspath(path)}{CLOSE}"


def mark_origin(origin: str) -> str:
    """``path:line`` (or ``path:line (what)``) with its path marked; a text without ``:`` stays as it is."""
    path, sep, rest = origin.partition(":")
    return f"{mark(path)}{sep}{rest}" if sep and path else origin


def shown(text: str, base: str | None, posix: bool = False) -> str:
    """``text`` with each marked path relative to the folder ``base`` (None: absolute); ``posix``: with ``/``
    between folders whatever the system's separator (machine formats)."""
    if OPEN not in text:
        return text
    out = []
    rest = text
    while True:
        before, sep, after = rest.partition(OPEN)
        out.append(before)
        if not sep:
            return "".join(out)
        path, closed, rest = after.partition(CLOSE)
        if not closed:  # never written so: keep the text readable
            out.append(path)
            return "".join(out)
        relative = os.path.relpath(path, base) if base is not None else path
        out.append(relative.replace(os.sep, "/") if posix else relative)


def _repository(path: str) -> str | None:
    """The nearest folder at or above ``path`` that holds ``.git`` (None: in no repository)."""
    probe = path if os.path.isdir(path) else os.path.dirname(path)
    while True:
        if holds_git(probe):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return None
        probe = parent


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class Bases:
    """The bases of the paths of a run started in ``cwd`` (see the module's docstring); ``folders``: the folder
    arguments that are in no repository."""

    def __init__(self, cwd: str, folders: tuple[str, ...] = ()) -> None:
        self.cwd = os.path.abspath(cwd)
        self.primary = _repository(self.cwd)
        self.folders = sorted({os.path.abspath(f) for f in folders}, key=len, reverse=True)  # deepest first
        self._known: dict[str, str | None] = {}

    def _absolute(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, path))

    def root(self, path: str) -> str | None:
        """The repository root machine formats name ``path`` (as named) from; None: in no repository."""
        path = self._absolute(path)
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        if folder not in self._known:
            primary = self.primary
            self._known[folder] = primary if primary is not None and _under(folder, primary) else _repository(folder)
        return self._known[folder]

    def for_people(self, path: str) -> str:
        """The folder the paths in the message of a finding on ``path`` (as named) are relative to, for people."""
        if path == "-" or not os.path.isabs(path):
            return self.cwd
        root = self.root(path)
        if root is not None:
            return root
        return next((f for f in self.folders if _under(path, f)), os.path.dirname(path))

    def for_machines(self, path: str) -> tuple[str, str | None]:
        """(``path`` as machine formats name it, the repository root it is relative to — None: in no repository,
        named as for people)."""
        root = self.root(path) if path != "-" else None
        if root is None:
            return path, None
        return os.path.relpath(self._absolute(path), root).replace(os.sep, "/"), root
