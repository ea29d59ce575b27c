"""What every build definition says, in one shape: which Dockerfile is built, from which context, as which names,
with which build arguments, target and named contexts, and where the definition is written.

The readers (:mod:`.buildscripts` for Makefiles and shell scripts, :mod:`.workflows` for GitHub Actions,
:mod:`.gitlabci`, :mod:`.bake`, :mod:`.hubploy`) each return :class:`BuildDef` records; the workspace turns them
into its builds.  A part computed at build time is :data:`~.imagenames.COMPUTED` in names, paths and values.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import MappingProxyType

from ..records import NamedTuple
from .dotenv import Str
from .imagenames import COMPUTED, shown

__all__ = ["BuildDef", "BakeRun", "NamedContext", "resolve_path", "repo2docker_source", "MAX_BUILDS"]

_NONE: Mapping = MappingProxyType({})
MAX_BUILDS = 2000  # build definitions kept per file: a generated file with more says nothing more


class NamedContext(NamedTuple):
    """What ``FROM <name>`` means when a build passes a named context: ``kind`` is ``target`` (another build of
    the same definition: ``value`` its Dockerfile, ``stage`` its target), ``image`` (``value`` a reference) or
    ``folder`` (``value`` a path)."""

    kind: str
    value: str
    stage: str | None = None


class BuildDef(NamedTuple):
    """One build: ``dockerfile`` and ``context`` are absolute and normalised; ``names`` are image references
    (computed parts as :data:`COMPUTED`); ``args`` are the build arguments with where each value is written
    (``Str.value`` None: passed without a value, taken from the builder's environment); ``purpose`` is
    ``singleuser``/``hub``/``other`` when the definition itself says what the image is for; ``path``/``line``:
    where the definition is written, ``tool`` what it is (for reasons: "`docker build`", "bake target `lab`")."""

    path: str
    line: int
    tool: str
    dockerfile: str
    context: str
    target: str | None = None
    names: tuple[str, ...] = ()
    args: Mapping[str, Str] = _NONE
    contexts: Mapping[str, NamedContext] = _NONE
    purpose: str | None = None

    @property
    def origin(self) -> str:
        names = ", ".join(shown(n) for n in self.names[:3]) + (", …" if len(self.names) > 3 else "")
        return f"{self.path}:{self.line} ({self.tool}{' as ' + names if names else ''})"


class BakeRun(NamedTuple):
    """A bake run (``docker buildx bake``, ``docker/bake-action``): the bake ``files`` it reads (empty: the
    default names in ``cwd``), its ``targets`` (empty: ``default``), its ``sets`` (``TARGET.KEY=VALUE``)."""

    path: str
    line: int
    tool: str
    cwd: str
    files: tuple[str, ...]
    targets: tuple[str, ...]
    sets: tuple[str, ...]


def repo2docker_source(repo: str, exists) -> str | None:
    """The Dockerfile repo2docker builds from a repository folder: in ``binder/`` or ``.binder/`` when one of
    them exists (its configuration folder), else at the top; None when there is none (repo2docker then writes
    its own from environment files, which hublint does not lint)."""
    for config in ("binder", ".binder"):
        folder = os.path.join(repo, config)
        if exists(os.path.join(folder, "Dockerfile")):
            return os.path.join(folder, "Dockerfile")
        if os.path.isdir(folder):
            return None
    top = os.path.join(repo, "Dockerfile")
    return top if exists(top) else None


def resolve_path(path: str, cwd: str | None) -> str | None:
    """``path`` (as the definition writes it) from the folder ``cwd``: absolute and normalised; None when a part
    of it is computed, it is a URL or standard input, or it is relative to an unknown folder."""
    if not path or COMPUTED in path or path == "-" or "://" in path or path.startswith("git@"):
        return None
    if os.path.isabs(path):
        return os.path.normpath(path)
    if cwd is None:
        return None
    return os.path.normpath(os.path.join(cwd, path))


def apply_retags(builds: list[BuildDef], retags: list) -> list[BuildDef]:
    """The builds with the tags later commands give them (:class:`.buildcli.Retag`): ``docker tag SOURCE TAG``
    tags the build named ``SOURCE``; ``imagetools create -t NAME:TAG`` tags the build pushed as ``NAME``."""
    from .imagenames import same_image, same_name, split

    def literal(ref: str) -> bool:  # a name written out (its tag may be computed): `team/lab:$TAG`
        return bool(ref) and COMPUTED not in split(ref)[0]

    retags = [r for r in retags[:MAX_BUILDS] if (r.source is None or literal(r.source)) and any(map(literal, r.tags))]
    if not retags:
        return builds
    by_name: dict[str, list] = {}  # the retags by the literal name they name (a source's, or a tag's own)
    for r in retags:
        for ref in [r.source] if r.source is not None else [t for t in r.tags if literal(t)]:
            by_name.setdefault(split(ref)[0], []).append(r)
    out = []
    for b in builds:
        added = []
        near = [r for n in b.names if literal(n) for r in by_name.get(split(n)[0], ())]
        if any(not literal(n) for n in b.names):
            near += retags  # a computed name may be any of them
        for r in dict.fromkeys(near):
            if r.source is not None:
                hit = any(same_image(n, r.source) for n in b.names)
            else:
                hit = any(same_name(n, t) for n in b.names for t in r.tags if literal(t))
            if hit:
                added += [t for t in r.tags if literal(t)]
        out.append(b._replace(names=tuple(dict.fromkeys([*b.names, *added]))) if added else b)
    return out
