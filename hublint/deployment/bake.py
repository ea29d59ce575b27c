"""Bake files (``docker-bake.hcl``, ``docker-bake.json``, ``docker-bake.override.*``) as build definitions.

Each ``target`` builds ``dockerfile`` (default ``Dockerfile``, relative to its ``context``, itself relative to the
folder bake runs in: the bake file's, else a folder above it where the Dockerfile exists) as its ``tags``, with its
``args`` and ``target``, after ``inherits`` are merged and the ``variable`` blocks' defaults substituted
(``${NAME}``; any other interpolation or expression is a computed part).  ``contexts`` entries say what ``FROM
<name>`` means: another target (``target:base``), an image (``docker-image://…``) or a folder.  The files of one
folder are one project, later files overriding earlier ones.  A bake run (``docker buildx bake``,
``docker/bake-action``) builds its targets (groups expanded) with its ``--set`` overrides (``*.tags=…``,
``lab.args.X=…``) as builds of its own.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
import re

from ..records import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any

from .builddefs import MAX_BUILDS, BakeRun, BuildDef, NamedContext, resolve_path
from .dotenv import Str
from .hcl import EXPRESSION, Attr, parse
from .imagenames import COMPUTED
from .names import folders_up
from .values import ConfigReadError, Value

__all__ = ["BakeProject", "read_bake_files", "bake_runs", "is_default_bake_file", "DEFAULT_FILES"]

DEFAULT_FILES = ("docker-bake.json", "docker-bake.hcl", "docker-bake.override.json", "docker-bake.override.hcl")
_INTERPOLATION = re.compile(r"(?<!\$)\$\{([^{}]*)\}")
MAX_INHERITS = 16


def is_default_bake_file(name: str) -> bool:
    return name in DEFAULT_FILES


class _Target(NamedTuple):
    """A target as written: its attributes (name -> (value, line)), the file and line of its block."""

    attrs: dict[str, tuple[Any, int]]
    path: str
    line: int


class BakeProject(NamedTuple):
    """The bake files of one folder, merged: their targets (name -> build) and groups (name -> targets)."""

    folder: str
    files: tuple[str, ...]
    targets: dict[str, BuildDef]
    groups: dict[str, list[str]]


# ---------------------------------------------------------------------------------------------- reading
def _from_hcl(attr: Attr) -> Any:
    v = attr.value
    if isinstance(v, list):
        return [_from_hcl(x) for x in v]
    if isinstance(v, dict):
        return {k: (_from_hcl(x), x.line) for k, x in v.items()}
    return v


def _from_json(value: Value) -> Any:
    v = value.value
    if isinstance(v, list):
        return [_from_json(x) for x in v]
    if isinstance(v, dict):
        return {k: (_from_json(x), x.span[0]) for k, x in v.items()}
    return v


def _sections(path: str, text: str) -> tuple[dict, dict, dict]:
    """(variables name -> (default, line), targets name -> _Target, groups name -> targets) of one file."""
    variables: dict[str, tuple[Any, int]] = {}
    targets: dict[str, _Target] = {}
    groups: dict[str, list[str]] = {}
    if path.endswith(".json"):
        from .yamlnodes import load

        doc = load(text)
        top = doc.value if doc is not None and isinstance(doc.value, dict) else {}
        for name, v in _mapping(top.get("variable")).items():
            default = _mapping(v).get("default")
            variables[name] = (_from_json(default), default.span[0]) if default is not None else (None, v.span[0])
        for name, v in _mapping(top.get("target")).items():
            targets[name] = _Target({k: (_from_json(x), x.span[0]) for k, x in _mapping(v).items()}, path, v.span[0])
        for name, v in _mapping(top.get("group")).items():
            groups[name] = _strings(_from_json(_mapping(v)["targets"]) if "targets" in _mapping(v) else [])
        return variables, targets, groups
    for block in parse(text).blocks:
        label = block.labels[0] if block.labels else None
        if label is None:
            continue
        if block.type == "variable":
            attr = block.attrs.get("default")
            variables[label] = (_from_hcl(attr), attr.line) if attr is not None else (None, block.line)
        elif block.type == "target":
            targets[label] = _Target({k: (_from_hcl(a), a.line) for k, a in block.attrs.items()}, path, block.line)
        elif block.type == "group":
            groups[label] = _strings(_from_hcl(block.attrs["targets"]) if "targets" in block.attrs else [])
    return variables, targets, groups


def _mapping(v: Value | None) -> dict[str, Value]:
    return v.value if v is not None and isinstance(v.value, dict) else {}


def _strings(v: Any) -> list[str]:
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


class _Variables:
    def __init__(self, defaults: dict[str, tuple[Any, int]], path_of: dict[str, str]) -> None:
        self.defaults, self.path_of = defaults, path_of

    def substitute(self, text: Any, depth: int = 0) -> tuple[str, tuple[str, int] | None]:
        """A template with its variables substituted, and where the value is written when it is exactly one
        variable's default."""
        if text is EXPRESSION or not isinstance(text, (str, int, float)) or isinstance(text, bool):
            return (str(text).lower() if isinstance(text, bool) else COMPUTED), None
        text = str(text)
        whole = _INTERPOLATION.fullmatch(text)
        origin = None
        if whole and whole.group(1).strip() in self.defaults:
            name = whole.group(1).strip()
            origin = (self.path_of[name], self.defaults[name][1])

        def sub(m: re.Match) -> str:
            name = m.group(1).strip()
            if name in self.defaults and depth < 8:
                value = self.defaults[name][0]
                return self.substitute(value, depth + 1)[0] if value is not None else ""
            return COMPUTED

        return _INTERPOLATION.sub(sub, text).replace("$${", "${").replace("%%{", "%{"), origin


def read_bake_files(files: list[tuple[str, str]], exists=None) -> BakeProject:
    """The bake files of one folder (in the order bake reads them) as one project; ConfigReadError for a file
    that is neither HCL nor JSON."""
    defaults: dict[str, tuple[Any, int]] = {}
    path_of: dict[str, str] = {}
    written: dict[str, _Target] = {}
    groups: dict[str, list[str]] = {}
    for path, text in files:
        variables, targets, found_groups = _sections(path, text)
        for name, v in variables.items():
            defaults[name], path_of[name] = v, path
        for name, target in targets.items():
            old = written.get(name)
            written[name] = target if old is None else _Target({**old.attrs, **target.attrs}, old.path, old.line)
        groups.update(found_groups)
    folder = os.path.dirname(files[0][0]) if files else "."
    env = _Variables(defaults, path_of)
    merged = {name: _inherited(name, written) for name in written}
    builds: dict[str, BuildDef] = {}
    each: dict[str, tuple[dict, _Variables]] = {}  # a build's attributes and variables (a matrix sets its own)
    for name in list(merged)[:MAX_BUILDS]:
        keys = []
        for key, target_env in _matrix(name, written[name], env, builds):
            build = _target_build(key, merged[name], written[name], folder, target_env, exists)
            if build is not None:
                builds[key], each[key] = build, (merged[name], target_env)
                keys.append(key)
        if keys and keys != [name]:
            groups.setdefault(name, keys)  # a run or group naming the matrix target builds each combination
        if len(builds) >= MAX_BUILDS:
            break
    for key, build in builds.items():
        builds[key] = build._replace(contexts=_contexts(each[key][0], builds, folder, each[key][1]))
    return BakeProject(folder, tuple(p for p, _ in files), builds, groups)


MAX_MATRIX = 64  # combinations of one target's matrix read
MAX_MATRIX_KEYS = 8


def _matrix(name: str, target: _Target, env: _Variables, taken) -> list[tuple[str, _Variables]]:
    """A target's builds: one per combination of the ``matrix`` it writes (each value a list of strings), named by
    its ``name`` attribute (``project-${dir}``), the matrix's values set as variables for everything else; else,
    or when a value cannot be read (a variable, numbers, objects), one build under its own name."""
    matrix = target.attrs.get("matrix", ({}, 0))[0]
    if not isinstance(matrix, dict) or not matrix or len(matrix) > MAX_MATRIX_KEYS:
        return [(name, env)]
    lists = {}
    for var, entry in matrix.items():
        values = entry[0] if isinstance(entry, tuple) else entry
        if not isinstance(values, list) or not values or len(_strings(values)) != len(values):
            return [(name, env)]
        lists[var] = values[:MAX_MATRIX]
    out: list[tuple[str, _Variables]] = []
    for i, combo in enumerate(itertools.islice(itertools.product(*lists.values()), MAX_MATRIX)):
        chosen = dict(zip(lists, combo, strict=True))
        values = {var: (value, target.line) for var, value in chosen.items()}
        sub = _Variables({**env.defaults, **values}, {**env.path_of, **dict.fromkeys(chosen, target.path)})
        key = sub.substitute(target.attrs.get("name", (f"{name}-{i}", 0))[0])[0]
        if COMPUTED in key or key in taken or any(key == k for k, _ in out):
            key = f"{name}[{i}]"  # a name that would replace another target's build
        out.append((key, sub))
    return out


def _inherited(name: str, written: dict[str, _Target], depth: int = 0) -> dict[str, tuple[Any, int]]:
    target = written[name]
    attrs: dict[str, tuple[Any, int]] = {}
    parents = target.attrs.get("inherits", ([], 0))[0]
    for parent in _strings(parents):
        if parent in written and parent != name and depth < MAX_INHERITS:
            for key, value in _inherited(parent, written, depth + 1).items():
                if key == "args" and isinstance(value[0], dict) and isinstance(attrs.get(key, (None,))[0], dict):
                    value = ({**attrs[key][0], **value[0]}, value[1])
                attrs[key] = value
    for key, value in target.attrs.items():
        if key == "args" and isinstance(value[0], dict) and isinstance(attrs.get(key, (None,))[0], dict):
            value = ({**attrs[key][0], **value[0]}, value[1])
        attrs[key] = value
    return attrs


def _target_build(
    name: str, attrs: dict, target: _Target, folder: str, env: _Variables, exists=None
) -> BuildDef | None:
    context_text = env.substitute(attrs.get("context", (".", 0))[0])[0]
    dockerfile_text = env.substitute(attrs.get("dockerfile", ("Dockerfile", 0))[0])[0]
    if "dockerfile-inline" in attrs:
        return None
    # bake resolves paths from the folder it runs in: the bake file's, else one above it where they exist
    # (`docker buildx bake -f docker/docker-bake.hcl` at the repository's root, as CI and scripts run it)
    tried = []
    for cwd in folders_up(folder, 4) if exists is not None else [folder]:
        context = resolve_path(context_text, cwd)
        tried.append((context, resolve_path(dockerfile_text, context) if context is not None else None))
        if tried[-1][1] is None or exists is None or exists(tried[-1][1]):
            break
    else:
        tried.append(tried[0])  # found nowhere: the bake file's folder, as bake run there resolves it
    context, dockerfile = tried[-1]
    if context is None or dockerfile is None:
        return None
    tags = attrs.get("tags", ([], 0))[0]
    names = [env.substitute(t)[0] for t in tags] if isinstance(tags, list) else [COMPUTED]
    args = {}
    for arg, (value, line) in (attrs.get("args", ({}, 0))[0] or {}).items():
        if value is None or arg == COMPUTED:
            continue
        text, origin = env.substitute(value)
        where = f"{target.path}:{line}"
        args[arg] = (
            Str(text, origin[0], (origin[1], 1, origin[1], 1), (where,))
            if origin
            else Str(text, target.path, (line, 1, line, 1))
        )
    stage = attrs.get("target", (None, 0))[0]
    stage_text = env.substitute(stage)[0] if stage is not None else None
    return BuildDef(
        target.path,
        target.line,
        f"bake target `{name}`",
        dockerfile,
        context,
        stage_text if stage_text and COMPUTED not in stage_text else None,
        tuple(n for n in names if n),
        args,
    )


def _contexts(attrs: dict, builds: dict[str, BuildDef], folder: str, env: _Variables) -> dict[str, NamedContext]:
    out = {}
    for name, (value, _) in (attrs.get("contexts", ({}, 0))[0] or {}).items():
        text = env.substitute(value)[0]
        if text.startswith("target:") and text[7:] in builds:
            other = builds[text[7:]]
            out[name] = NamedContext("target", other.dockerfile, other.target)
        elif text.startswith("docker-image://"):
            out[name] = NamedContext("image", text[len("docker-image://") :])
        elif "://" not in text and COMPUTED not in text:
            found = resolve_path(text, folder)
            if found is not None:
                out[name] = NamedContext("folder", found)
    return out


# ---------------------------------------------------------------------------------------------- runs
def bake_runs(projects: list[BakeProject], runs: list[BakeRun]) -> list[BuildDef]:
    """The builds of bake runs that change what a target builds (``--set`` of tags, args, target or
    dockerfile): each a build of its own, written where the run is."""
    out: list[BuildDef] = []
    for run in runs:
        project = _project_of(run, projects)
        if project is None or not run.sets:
            continue
        wanted = _expand_targets(run.targets or ("default",), project)
        if not wanted:
            wanted = list(project.targets)
        for name in wanted:
            build = project.targets.get(name)
            if build is not None:
                out.append(_with_sets(name, build, run))
    return out[:MAX_BUILDS]


def _project_of(run: BakeRun, projects: list[BakeProject]) -> BakeProject | None:
    files = {resolve_path(f, run.cwd) for f in run.files}
    for project in projects:
        if files and files & set(project.files):
            return project
        if not files and project.folder == run.cwd:
            return project
    return None


def _expand_targets(names, project: BakeProject, depth: int = 0) -> list[str]:
    out: list[str] = []
    for name in names:
        if name in project.groups and depth < MAX_INHERITS:
            out.extend(_expand_targets(project.groups[name], project, depth + 1))
        elif name in project.targets:
            out.append(name)
    return list(dict.fromkeys(out))


def _with_sets(name: str, build: BuildDef, run: BakeRun) -> BuildDef:
    tags: list[str] = []
    args = dict(build.args)
    target = build.target
    for item in run.sets:
        key, _, value = item.partition("=")
        pattern, _, field = key.partition(".")
        if not fnmatch.fnmatchcase(name, pattern):
            continue
        if field == "tags":
            tags.append(value)
        elif field.startswith("args."):
            args[field[5:]] = Str(value, run.path, (run.line, 1, run.line, 1))
        elif field == "target":
            target = value if COMPUTED not in value else None
    return build._replace(
        path=run.path,
        line=run.line,
        tool=f"{run.tool}, target `{name}`",
        names=tuple(tags) if tags else build.names,
        args=args,
        target=target,
    )


def read_project(files: list[tuple[str, str]]) -> BakeProject | None:
    """:func:`read_bake_files`, None when a file cannot be read."""
    try:
        return read_bake_files(files)
    except ConfigReadError:
        return None
