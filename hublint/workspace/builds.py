"""The build graph: every build definition of the repository read into builds, and what is asked of them.

Build definitions (:data:`~.discover.BUILD_KINDS`): Makefiles and shell scripts, GitHub Actions workflows,
GitLab CI, bake files (and the bake runs that override them), hubploy — besides compose ``build:`` and
chartpress, which :mod:`.graph` reads.  They are read for the deployment, never linted; one that cannot be read
is listed with the reason, without a finding.

Names are compared by :mod:`hublint.deployment.imagenames` (computed parts match anything): a unit's parents are
the units built as the image its ``FROM`` names — tags compared when both are written literally — or named by a
build's named context (``contexts = {base = "target:base"}``); such a base is *local*: its tag is the
pipeline's, not a registry's.  A Dockerfile's build arguments are those its builds pass, merged: a value every
build that passes it agrees on, else a computed one.
"""

from __future__ import annotations

import itertools
import os
import posixpath
import re
from collections.abc import Sequence

from ..deployment.imagenames import COMPUTED, same_image, same_name, split, tagged_apart
from ..deployment.names import is_python_driver, is_shell_script
from ..lazy import pattern
from ..records import TYPE_CHECKING
from .units import Built, Unit, merged_args

_BUILDER = pattern(r"docker|podman|buildah|nerdctl|kaniko|repo2docker|bake", re.I)
_VARIABLE = pattern(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")

if TYPE_CHECKING:
    from ..deployment.builddefs import BakeRun, BuildDef
    from .graph import Deployment

__all__ = ["read_build_definitions", "definition_builds", "parents_of", "local_bases", "spawned_as"]


def _exists(dep: Deployment):
    """Is there a file at the path, in the repository (a path outside it is not looked at; nothing outside is read)?"""
    overrides = dep.sources.overrides
    return lambda p: p in overrides or (dep.inside(p) and os.path.isfile(p))


def read_build_definitions(dep: Deployment) -> None:
    """Read every build definition of the deployment's files into ``dep.build_defs``."""
    from ..deployment.values import ConfigReadError

    exists = _exists(dep)
    bake_files: dict[str, list[tuple[str, str]]] = {}
    runs: list[BakeRun] = []
    calls = _workflow_calls(dep)
    for path, kind in dep.files:
        if kind not in ("build-script", "ci", "bake", "hubploy"):
            continue
        text = dep.sources.text(path)
        if text is None:
            dep.unread[path] = "cannot be read (too large, or not text)"
            continue
        if kind == "build-script" and is_python_driver(os.path.basename(path)):
            continue  # a Python driver: its helm commands are read as releases (graph.py), its builds not yet
        if kind == "build-script" and not is_shell_script(path, text):
            dep.unread[path] = "no shell script (its first line is no shell's #!)"
            continue  # `bin/tool` written in another language, or no script at all
        if kind in ("build-script", "ci") and not _BUILDER.search(text):
            continue  # names no builder: nothing to read (most workflows, most scripts)
        if kind == "bake":
            bake_files.setdefault(os.path.dirname(path), []).append((path, text))
            continue
        try:
            builds, found_runs = _read_one(dep, path, kind, text, exists, calls.get(os.path.abspath(path)))
        except ConfigReadError as exc:
            dep.unread[path] = exc.message
            continue
        except RecursionError:
            dep.unread[path] = "nested too deeply"
            continue
        dep.build_defs.extend(builds)
        runs.extend(found_runs)
    _read_bake(dep, bake_files, runs)
    for path, kind in dep.files:
        if kind == "dockerfile":
            dep.build_defs.extend(_comment_builds(path, dep.sources.text(path) or ""))


# a builder's command in a comment of the Dockerfile (`# docker build -t team/lab:1 .`, `#BUILD: docker buildx build …`)
_COMMENT_BUILD = pattern(
    r"(?m)^[ \t]*#[^\n]*?(?<![\w-])((?:docker|podman)[ \t]+(?:buildx[ \t]+|image[ \t]+)?build[ \t][^\n]*)"
)


def _comment_builds(path: str, text: str) -> list[BuildDef]:
    """The builds a Dockerfile's own comments write out (its author's `docker build -t NAME .`): this file, built
    under those names, with its folder as context — only when the command builds this very file (the default
    `Dockerfile` of context `.`, or `-f` naming this file's name in the context's folder) and names valid images."""
    from ..deployment.buildcli import CliBuild, read_builder
    from ..deployment.builddefs import BuildDef
    from ..deployment.shellwords import lex
    from ..dockerfile.imageref import valid_reference

    out = []
    for m in itertools.islice(_COMMENT_BUILD.finditer(text) if "build" in text else (), 8):
        for words in lex(m.group(1), lambda name: None)[:1]:
            cli = read_builder(words)
            if not isinstance(cli, CliBuild) or cli.context is None:
                continue
            context = posixpath.normpath(cli.context)
            named = cli.file if cli.file is not None else posixpath.join(context, cli.default_file)
            folder_named = posixpath.normpath(posixpath.dirname(named) or ".")
            if posixpath.basename(named) != os.path.basename(path) or folder_named not in (context, "."):
                continue
            names = tuple(w.text for w in cli.tags if valid_reference(w.text))
            if names:
                line = text.count("\n", 0, m.start()) + 1
                folder = os.path.dirname(path)
                out.append(BuildDef(path, line, f"{cli.tool} in a comment", path, folder, cli.target, names))
    return out


MAX_CALLS = 256  # calls of one reusable workflow read, over every calling workflow
_LOCAL_CALL = pattern(r"uses:[ \t]*['\"]?\./")  # a job calling a workflow of the repository


def _workflow_calls(dep: Deployment) -> dict[str, list[dict]]:
    """The inputs each reusable workflow of the repository is called with, by its path (:func:`workflow_calls`)."""
    from ..deployment.values import ConfigReadError

    out: dict[str, list[dict]] = {}
    for path, kind in dep.files:
        text = dep.sources.text(path) if kind == "ci" and "/.github/" in path.replace("\\", "/") else None
        if text is None or _LOCAL_CALL.search(text) is None:
            continue
        from ..deployment.workflows import workflow_calls  # only for a workflow that calls one: start-up

        try:
            for callee, inputs in workflow_calls(path, text).items():
                out.setdefault(callee, []).extend(inputs[: MAX_CALLS - len(out.get(callee, ()))])
        except (ConfigReadError, RecursionError):
            continue  # said when the file is read for its own builds
    return out


def _read_one(
    dep: Deployment, path: str, kind: str, text: str, exists, calls: list[dict] | None = None
) -> tuple[list[BuildDef], list[BakeRun]]:
    if kind == "build-script":
        from ..deployment.buildscripts import read_build_commands

        return read_build_commands(path, text, dep.sources.text, exists)
    if kind == "hubploy":
        from ..deployment.hubploy import read_hubploy

        return read_hubploy(path, text, exists), []
    if os.path.basename(path).startswith(".gitlab-ci"):
        from ..deployment.gitlabci import read_gitlab_ci

        return read_gitlab_ci(path, text, dep.sources.text, exists)
    from ..deployment.workflows import read_workflow

    return read_workflow(path, text, exists, calls)


def _read_bake(dep: Deployment, bake_files: dict[str, list[tuple[str, str]]], runs: list[BakeRun]) -> None:
    if not bake_files:
        return
    from ..deployment.bake import bake_runs, read_bake_files
    from ..deployment.values import ConfigReadError

    projects = []
    for files in bake_files.values():
        readable = []
        for path, text in sorted(files, key=lambda f: _bake_order(os.path.basename(f[0]))):
            try:
                read_bake_files([(path, text)])
            except (ConfigReadError, RecursionError) as exc:
                dep.unread[path] = getattr(exc, "message", "nested too deeply")
                continue
            readable.append((path, text))
        if readable:
            project = read_bake_files(readable, _exists(dep))
            projects.append(project)
            dep.build_defs.extend(project.targets.values())
    dep.build_defs.extend(bake_runs(projects, runs))


def _bake_order(name: str) -> tuple[int, str]:
    from ..deployment.bake import DEFAULT_FILES

    return (DEFAULT_FILES.index(name), name) if name in DEFAULT_FILES else (len(DEFAULT_FILES), name)


def definition_builds(dep: Deployment) -> list[Built]:
    """The builds of the build definitions, as the workspace keeps them."""
    out = []
    for d in dep.build_defs:
        folder = os.path.dirname(d.path)
        if os.path.basename(folder) == "workflows" and os.path.basename(os.path.dirname(folder)) == ".github":
            folder = os.path.dirname(os.path.dirname(folder))  # a workflow's folder is its repository's
        out.append(
            Built(d.dockerfile, d.context, d.target, d.args, d.names, d.origin, d.purpose, folder, None, d.contexts)
        )
    return out


def parents_of(unit: Unit, everyone: Sequence[Unit], tags: bool = False) -> list[Unit]:
    """The units this unit is built on: built as the image its FROM names (computed parts matching; tags
    compared, when both are literal, only with ``tags``; never tags told apart by their words, ``team/x:tls-1``
    and ``team/x:nair-2``), or the target a named context makes its FROM."""
    out = []
    raw, resolved = unit.from_line
    for b in unit.built:
        ctx = b.contexts.get(raw) if raw else None
        if ctx is not None and ctx.kind == "target":
            out += [u for u in everyone if u.path == ctx.value and (ctx.stage is None or u.target in (None, ctx.stage))]
    if resolved and not out:
        same = same_image if tags else same_name
        out += [
            u
            for u in everyone
            if u.built
            for n in _names_of(u)
            if same(resolved, n) and not _public_guess(resolved, n) and not tagged_apart(resolved, n)
        ]
    found: dict[int, Unit] = {}
    for u in out:
        if u is not unit:
            found.setdefault(id(u), u)
    return list(found.values())


def _public_guess(resolved: str, built: str) -> bool:
    """A FROM naming a public image hublint knows (``quay.io/jupyter/scipy-notebook``), matched to a build only
    through a computed part of the built name (``<registry>/scipy-notebook``): the public image, not this one."""
    if COMPUTED not in split(built)[0]:
        return False
    from ..dockerfile.imageref import parse_ref
    from ..image.knowledge import published_name

    return COMPUTED not in resolved and published_name(parse_ref(resolved))


def _names_of(unit: Unit) -> list[str]:
    return [n for b in unit.built for n in b.names]


def local_bases(dep: Deployment, units: Sequence[Unit]) -> set[str]:
    """Normalised names of the bases these units are built on that the build definitions wire in: a named
    context, or a base the repository builds whose ``FROM`` reads a build argument the definitions pass (the
    pipeline's own image; a ``FROM`` that writes a built name literally may pull the registry's image when built
    by hand, and is judged as any other).  Their tags are not judged and their contents are not unknown."""
    from ..dockerfile.imageref import parse_ref

    out: set[str] = set()
    everyone = list(dep.units.values())
    for unit in units:
        for b in unit.built:
            out.update(parse_ref(name).name for name in b.contexts)
        raw, resolved = unit.from_line
        passed = merged_args(unit.built)
        wired = any(name in passed for name in _VARIABLE.findall(raw or ""))
        if wired and resolved and parents_of(unit, everyone, tags=True):
            out.add(parse_ref(resolved).name)
    return out


def spawned_as(names: Sequence[str], spawn_refs: Sequence[str | None]) -> list[int]:
    """Indexes of the spawn references that name one of ``names`` (tags not compared: a spawner names a tag
    the build definition may not write — but one name's images told apart by a word of their tags, ``hub-4.0.2``
    and ``singleuser-4.0.2``, are different images: :func:`.imagenames.tagged_apart`)."""
    return [
        i
        for i, ref in enumerate(spawn_refs)
        if ref and any(same_name(n, ref) and not tagged_apart(n, ref) for n in names)
    ]
