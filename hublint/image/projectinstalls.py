"""Installs from a Python project and its lock file, read from the build context through the COPY that brought them.

- A locked install installs what its lock file says: ``uv sync`` → ``uv.lock`` (the project's dependencies,
  followed through the lock), ``poetry install`` → ``poetry.lock`` (group ``main``), ``pdm sync``/``pdm install`` →
  ``pdm.lock`` (group ``default``), ``pipenv install``/``sync`` → ``Pipfile.lock`` (``default``): each package at its
  locked version.
- Without the lock file (or for ``pip install <folder>``, ``uv pip install -r pyproject.toml``), the project's
  ``pyproject.toml`` ``[project] dependencies`` give the packages and their specifiers.
- The project is the command's working directory (``uv --project``/``--directory``, ``poetry -C``/``--directory``,
  ``pdm -p``/``--project`` move it).

Files are parsed as data (TOML, JSON), never run; one that cannot be read or parsed leaves the install *unknown*.
"""

from __future__ import annotations

import json
import posixpath
import re

from ..dockerfile.expand import UNKNOWN
from ..dockerfile.shell import Command, Word

__all__ = [
    "LOCK_FILES",
    "project_dir",
    "locked_packages",
    "project_dependencies",
    "read_project_install",
    "add_project",
]

# installer -> (sub-commands that install from the lock, the lock file's name)
LOCK_FILES = {
    "uv": ({"sync"}, "uv.lock"),
    "poetry": ({"install", "sync"}, "poetry.lock"),
    "pdm": ({"sync", "install"}, "pdm.lock"),
    "pipenv": ({"install", "sync"}, "Pipfile.lock"),
}
_DIR_OPTIONS = {
    "uv": ("--project", "--directory"),
    "poetry": ("-C", "--directory", "-P", "--project"),
    "pdm": ("-p", "--project"),
}
_MAX_PACKAGES = 5000


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def project_dir(head: str, words: list[Word], cwd: str) -> str | None:
    """The project folder an installer command works on (None: unknown)."""
    folder = cwd
    opts = _DIR_OPTIONS.get(head, ())
    for i, w in enumerate(words):
        name, eq, value = w.value.partition("=")
        if name in opts:
            value = value if eq else (words[i + 1].value if i + 1 < len(words) else "")
            if not value or UNKNOWN in value:
                return None
            folder = posixpath.normpath(posixpath.join(folder, value))
    return None if UNKNOWN in folder else folder


def _toml(text: str) -> dict | None:
    import tomllib

    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None


def locked_packages(lock_name: str, text: str) -> dict[str, str | None] | None:
    """Package -> locked version (None when the lock holds several versions of it) of what a lock file installs
    by default; None when the file cannot be read as that lock."""
    if lock_name == "Pipfile.lock":
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            return None
        default = doc.get("default") if isinstance(doc, dict) else None
        if not isinstance(default, dict):
            return None
        out: dict[str, str | None] = {}
        for name, spec in list(default.items())[:_MAX_PACKAGES]:
            version = spec.get("version") if isinstance(spec, dict) else None
            out[_name(str(name))] = version[2:] if isinstance(version, str) and version.startswith("==") else None
        return out
    doc = _toml(text)
    if doc is None or not isinstance(doc.get("package"), list):
        return None
    packages = [p for p in doc["package"][:_MAX_PACKAGES] if isinstance(p, dict) and isinstance(p.get("name"), str)]
    if lock_name == "uv.lock":
        return _uv_installed(packages)
    wanted = {"poetry.lock": "main", "pdm.lock": "default"}.get(lock_name)
    out = {}
    for p in packages:
        groups = p.get("groups") or ([p["category"]] if isinstance(p.get("category"), str) else None)
        if wanted is not None and isinstance(groups, list) and wanted not in groups:
            continue
        _record(out, _name(p["name"]), p.get("version"))
    return out


def _record(out: dict[str, str | None], name: str, version) -> None:
    version = version if isinstance(version, str) else None
    if name in out and out[name] != version:
        out[name] = None  # several versions for different platforms or Pythons: which one is unknown
    else:
        out[name] = version


def _uv_installed(packages: list[dict]) -> dict[str, str | None]:
    """What ``uv sync`` installs: the workspace projects' (``source`` virtual or editable) dependencies, and
    theirs, through the lock (optional and development groups left out)."""
    by_name: dict[str, list[dict]] = {}
    for p in packages:
        by_name.setdefault(_name(p["name"]), []).append(p)
    roots = [p for p in packages if isinstance(p.get("source"), dict) and ({"virtual", "editable"} & set(p["source"]))]
    todo = list(roots)
    seen: set[str] = {_name(p["name"]) for p in roots}
    out: dict[str, str | None] = {}
    while todo:
        p = todo.pop()
        deps = p.get("dependencies")
        for d in deps if isinstance(deps, list) else ():
            name = _name(str(d.get("name", ""))) if isinstance(d, dict) else ""
            if not name or name in seen:
                continue
            seen.add(name)
            for q in by_name.get(name, ()):
                _record(out, name, q.get("version"))
                todo.append(q)
    return out


def project_dependencies(text: str) -> list[str] | None:
    """``[project] dependencies`` of a ``pyproject.toml`` (PEP 508 strings); None when it has none to read."""
    doc = _toml(text)
    project = doc.get("project") if doc is not None else None
    deps = project.get("dependencies") if isinstance(project, dict) else None
    if not isinstance(deps, list):
        return None
    return [d for d in deps[:_MAX_PACKAGES] if isinstance(d, str)]


def read_project_install(reader, cmd: Command, words: list[Word], stage, steps, idx, cwds) -> bool:
    """A locked or project install (``words``: the command from its program on): its packages recorded as
    installs of ``reader`` (an :class:`~hublint.image.installs.InstallReader`); False when neither the lock file
    nor the project can be read (the install stays unknown)."""
    head = words[0].value.rsplit("/", 1)[-1]
    subs, lock_name = LOCK_FILES.get(head, (set(), ""))
    if not lock_name or len(words) < 2 or words[1].value not in subs:
        return False
    cwd = cwds[idx] if idx < len(cwds) else "/"
    folder = project_dir(head, words[2:], cwd)
    if folder is None:
        return False
    anchor = reader._anchor(cmd, words[0])
    lock_path = posixpath.join(folder, lock_name)
    _full, text = reader._file(lock_path, steps, idx, cwds)
    locked = locked_packages(lock_name, text) if text is not None else None
    if locked is not None:
        from .pep440 import specifier_set
        from .versions import pip_version_set

        for name, version in sorted(locked.items()):
            spec = f"=={version}" if version else ""
            versions = pip_version_set(specifier_set(spec), spec) if version else None
            reader._add("pip", name, versions, f"{name}{spec}", False, anchor, stage, idx, source=lock_path)
        return True
    if head == "pipenv":
        return False
    return add_project(reader, cmd, words[0], folder, stage, steps, idx, cwds)


def add_project(reader, cmd: Command, word: Word, folder: str, stage, steps, idx, cwds) -> bool:
    """The ``[project] dependencies`` of ``folder/pyproject.toml`` (in the image) as installs; False when there is
    no such file to read."""
    from .installs import _parse_pep508
    from .pep440 import specifier_set
    from .versions import pip_version_set

    path = posixpath.join(folder, "pyproject.toml") if not folder.endswith("pyproject.toml") else folder
    _full, text = reader._file(path, steps, idx, cwds)
    deps = project_dependencies(text) if text is not None else None
    if deps is None:
        return False
    anchor = reader._anchor(cmd, word)
    for line in deps:
        req = _parse_pep508(line)
        if req is None:
            continue
        spec = str(req.specifier)
        reader._add("pip", req.name, pip_version_set(specifier_set(spec), spec), line, False, anchor, stage, idx,
                    source=path)  # fmt: skip
    return True
