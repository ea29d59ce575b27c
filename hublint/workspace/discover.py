"""Which files of a repository hublint reads, and what kind each is.

Discovery walks folders as operators keep them: hidden folders are skipped (but for ``.github/workflows``, and
the Dockerfiles of ``.devcontainer``, listed as the editor's, not linted), ``.gitignore`` files (at
every level, up to the repository root, plus ``.git/info/exclude``) are respected unless
``respect-gitignore = false``, and the configuration's ``exclude`` (default :data:`DEFAULT_EXCLUDE`) and
``extend-exclude`` patterns — in ``.gitignore`` syntax, relative to the configuration file — leave out
what matches.  Files named on the command line are always read.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator

from ..records import namedtuple
from .root import find_root, holds_git
from .upstream import PACKAGE_FILES, upstream_project

__all__ = [
    "KINDS",
    "BUILD_KINDS",
    "dockerfile_name",
    "kind_of",
    "values_named",
    "find_root",
    "walk",
    "Ignore",
    "DEFAULT_EXCLUDE",
    "YAML_KINDS",
]

DEFAULT_EXCLUDE = ("node_modules", "site-packages", "__pypackages__", "venv", "__pycache__")
KINDS = (
    "dockerfile",
    "hub-config",
    "values",
    "compose",
    "env",
    "chart",
    "chartpress",
    "build-script",
    "ci",
    "bake",
    "hubploy",
    "terraform",
)
# build definitions (and Terraform's chart releases): read for the deployment, never linted
BUILD_KINDS = ("build-script", "ci", "bake", "hubploy", "terraform")
YAML_KINDS = ("values", "compose", "chart", "chartpress")

_DOCKERFILE_PATTERNS = (
    "Dockerfile",
    "Containerfile",
    "Dockerfile.*",
    "Dockerfile-*",
    "Dockerfile_*",
    "Containerfile.*",
    "*.Dockerfile",
    "*_Dockerfile",
    "*-Dockerfile",
    "*.dockerfile",
    "*.Containerfile",
)
_NOT_DOCKERFILES = (
    ".dockerignore",
    ".md",
    ".txt",
    ".rst",
    ".orig",
    ".rej",
    ".bak",
    ".swp",
    ".patch",
    ".diff",
    ".lock",
    ".sha256",
    ".sig",
    ".json",
    ".yml",
    ".yaml",
    ".toml",
    ".py",
    ".sh",
    ".bash",
    # templates a tool renders into a Dockerfile (Jinja, Go templates, ERB, Mustache, autoconf's `.in`): not
    # what is built — `FROM {{ parent }}` is no image
    ".j2",
    ".jinja",
    ".jinja2",
    ".tpl",
    ".tmpl",
    ".template",
    ".gotmpl",
    ".erb",
    ".mustache",
    ".hbs",
    ".in",
)


def dockerfile_name(name: str) -> bool:
    """``Dockerfile`` (and ``dockerfile``, which ``docker build`` falls back to when a context has no
    ``Dockerfile``), ``Dockerfile.*``, ``Dockerfile-*``, ``Dockerfile_*``, ``*.Dockerfile``, ``*.dockerfile``,
    ``Containerfile``, ``Containerfile.*``, ``*.Containerfile`` — not ``Dockerfile.dockerignore``,
    ``Dockerfile.md`` or a template (``Dockerfile.j2``, ``Dockerfile.tmpl``, ``Dockerfile.in``)."""
    if name in ("Dockerfile", "dockerfile", "Containerfile"):
        return True
    if name.endswith(_NOT_DOCKERFILES):
        return False
    return any(fnmatch.fnmatchcase(name, p) for p in _DOCKERFILE_PATTERNS)


# a configuration's name marking it as a copy kept aside: a file manager's duplicate (` copy`, ` copy 2`) or a
# merge tool's leftover (`.orig`); not `-old`, `-backup`, which releases do name (`helm -f values-backup.yaml`)
_KEPT_COPY = re.compile(r"(?i)(?: copy(?: ?\d+)?|[ _.-]orig)\.(?:ya?ml|py)\Z")


def _ci_folder(name: str) -> bool:
    """The hidden folders read: ``.github``, for its ``workflows`` (build definitions), and ``.devcontainer``, for
    its Dockerfiles (listed as the editor's development container, role ``other``)."""
    return name in (".github", DEV_CONTAINER)


DEV_CONTAINER = ".devcontainer"


def is_env_file_name(name: str) -> bool:
    """Is ``name`` an environment file's (read for the deployment; findings resting on its values point at it):
    `.env`, its templates, a compose `env_file` (`hub.env`) and its template (`hub.env.example`)?"""
    from ..deployment.dotenv import ENV_TEMPLATE_SUFFIXES, ENV_TEMPLATES

    if name == ".env" or name in ENV_TEMPLATES or name.endswith(".env"):
        return True
    stem, dot, suffix = name.rpartition(".")
    return bool(dot) and f".{suffix}" in ENV_TEMPLATE_SUFFIXES and stem.endswith(".env")


def _entered(parent: str, name: str) -> bool:
    """Is the folder ``name`` inside a folder named ``parent`` walked?  Not a hidden one (but :func:`_ci_folder`),
    nothing in ``.github`` but ``workflows``, nothing below ``.devcontainer``."""
    if name.startswith(".") and not _ci_folder(name):
        return False
    return not ((parent == ".github" and name != "workflows") or parent == DEV_CONTAINER)


def _may_vendor(folder: str) -> bool:
    """May a package file in ``folder`` mark vendored source (not in ``.devcontainer``, of which only Dockerfiles
    are read)?"""
    return os.path.basename(folder) != DEV_CONTAINER


def _kind_in(parent: str, path: str) -> str | None:
    """A file's kind in a folder named ``parent``: none in ``.github`` itself, only Dockerfiles in ``.devcontainer``."""
    if parent == ".github":
        return None
    kind = kind_of(path)
    return kind if parent != DEV_CONTAINER or kind == "dockerfile" else None


def values_named(path: str) -> bool:
    """Does a YAML file's name say it holds a deployment's values (``values.yaml``, ``config-prod.yaml``,
    ``jupyterhub.yml``, ``hub.yaml``)?  Any other YAML is only guessed at by its keys."""
    return bool(_VALUES_NAME.search(os.path.basename(path)))


_VALUES_NAME = re.compile(r"(?i)values|config|hub|z2jh|helm|deploy")


def kind_of(path: str) -> str | None:
    """A file's kind by its name (YAML files that may be z2jh values are ``values``: their shape decides)."""
    from ..deployment.names import (
        ci_kind,
        is_bake_name,
        is_build_script_name,
        is_chart_name,
        is_compose_name,
        is_helmfile,
        is_hubploy_name,
        is_python_driver,
    )

    name = os.path.basename(path)
    if dockerfile_name(name):
        return "dockerfile"
    parts = path.replace("\\", "/").split("/")
    if ci_kind(parts):
        return "ci"
    if is_bake_name(name):
        return "bake"
    if is_hubploy_name(name):
        return "hubploy"
    if _KEPT_COPY.search(name):
        return None  # `config copy.yaml`, `jupyterhub_config.orig.py`: a copy kept aside, which nothing reads
    if name.endswith(".py"):
        if "jupyterhub_config" in name:
            return "hub-config"
        return "build-script" if is_python_driver(name) else None
    if is_env_file_name(name):
        return "env"
    if name.endswith(".tf"):
        return "terraform"  # its `helm_release` resources (:mod:`hublint.deployment.terraform`)
    if is_helmfile(parts):
        return "chart"  # its releases (:func:`hublint.deployment.releases.read_helmfile_releases`)
    if name.endswith((".yaml", ".yml")):
        if is_compose_name(name):
            return "compose"
        if is_chart_name(name):
            return "chart"
        if name in ("chartpress.yaml", "chartpress.yml"):
            return "chartpress"
        if "templates" in parts[:-1] or name.startswith(("values.schema", ".")) or ".github" in parts:
            return None  # Helm templates, schemas, workflows and dot-files: not values
        return "values"
    if is_build_script_name(name, parts[-2] if len(parts) > 1 else ""):
        return "build-script"
    return None


# --------------------------------------------------------------------------- .gitignore


class _Pattern(namedtuple("_Pattern", "regex negate dir_only")):
    __slots__ = ()


def _translate(pattern: str) -> str:
    """A .gitignore glob (already stripped of ``!``, leading and trailing ``/``) as a regular expression
    over a slash-separated relative path."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                before = i == 0 or pattern[i - 1] == "/"
                after = i + 2 == n or pattern[i + 2] == "/"
                if before and after:
                    if i + 2 == n:
                        out.append(".*")
                        i += 2
                    else:
                        out.append("(?:.*/)?")
                        i += 3
                    continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : end].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _compile(line: str) -> _Pattern | None:
    line = line.rstrip("\n").rstrip("\r")
    if not line.strip() or line.startswith("#"):
        return None
    while line.endswith(" ") and not line.endswith("\\ "):
        line = line[:-1]
    negate = line.startswith("!")
    if negate or line.startswith("\\!") or line.startswith("\\#"):
        line = line[1:]
    dir_only = line.endswith("/")
    line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    line = line.lstrip("/")
    body = _translate(line)
    regex = re.compile(("" if anchored else "(?:.*/)?") + body + r"\Z", re.S)
    return _Pattern(regex, negate, dir_only)


class Ignore:
    """Patterns in ``.gitignore`` syntax relative to ``base``: the last match decides."""

    __slots__ = ("base", "patterns")

    def __init__(self, base: str, lines) -> None:
        self.base = base
        self.patterns = [p for p in (_compile(x) for x in lines) if p is not None]

    def match(self, path: str, is_dir: bool) -> bool | None:
        """True: ignored; False: re-included by a ``!`` pattern; None: no pattern matches."""
        rel = os.path.relpath(path, self.base).replace(os.sep, "/")
        if rel.startswith("../"):
            return None
        verdict = None
        for p in self.patterns:
            if p.dir_only and not is_dir:
                continue
            if p.regex.match(rel):
                verdict = not p.negate
        return verdict


def _read_lines(path: str, root: str | None = None) -> list[str]:
    """An ignore file's lines: a regular file inside the repository only (``settings.files``)."""
    from ..settings.files import read_regular

    raw = read_regular(path, inside=root)
    return raw.decode("utf-8", "replace").splitlines() if raw is not None else []


def _ignored(stack: list[Ignore], path: str, is_dir: bool) -> bool:
    verdict = None
    for ignore in stack:
        v = ignore.match(path, is_dir)
        if v is not None:
            verdict = v
    return bool(verdict)


def _ignores_above(top: str, root: str) -> list[Ignore]:
    """The ignore files that apply from above the walked folder: ``.git/info/exclude`` and the ``.gitignore``
    files of the folders above it, up to the repository root."""
    stack: list[Ignore] = []
    chain, probe = [], top
    while True:
        chain.append(probe)
        if probe == root or os.path.dirname(probe) == probe:
            break
        probe = os.path.dirname(probe)
    for d in reversed(chain[1:]):
        stack.append(Ignore(d, _read_lines(os.path.join(d, ".gitignore"), root)))
    info = os.path.join(root, ".git", "info", "exclude")
    if os.path.isfile(info):
        stack.insert(0, Ignore(root, _read_lines(info, root)))
    return stack


def walk(
    folder: str,
    *,
    gitignore: bool = True,
    exclude: list[Ignore] | None = None,
    errors: list[str] | None = None,
    nested: list[str] | None = None,
    vendored: list[tuple[str, str, str | None]] | None = None,
) -> list[tuple[str, str]]:
    """(path, kind) of every file of a known kind under ``folder``, sorted, as discovery sees them.  With
    ``nested`` (a list), folders below ``folder`` that hold ``.git`` — other repositories — are not entered:
    their absolute paths are appended to it.  A folder below ``folder`` holding a JupyterHub project's source
    (:mod:`.upstream`) is vendored code: its files are left out, and ``(absolute folder, project, version)`` is
    appended to ``vendored`` when given."""
    errors = errors if errors is not None else []
    exclude = exclude or []
    top = os.path.abspath(folder)
    top_root = find_root(top)  # ignore files are read inside the repository only
    stack = _ignores_above(top, top_root) if gitignore else []
    found: list[tuple[str, str]] = []
    upstream: dict[str, tuple[str, str | None]] = {}  # folder -> (project, version)
    rel_base = folder

    def ignores_of(d: str, parent: list[Ignore]) -> list[Ignore]:
        if gitignore and os.path.isfile(os.path.join(d, ".gitignore")):
            return [*parent, Ignore(os.path.abspath(d), _read_lines(os.path.join(d, ".gitignore"), top_root))]
        return parent

    def entries_of(d: str) -> Iterator[os.DirEntry]:
        try:
            return iter(sorted(os.scandir(d), key=lambda e: e.name))
        except OSError as exc:
            errors.append(f"{d}: cannot read folder ({exc.strerror or exc})")
            return iter(())

    # depth first, in name order, without recursion: a folder at any depth is searched
    frames = [(folder, ignores_of(folder, stack), entries_of(folder))]
    while frames:
        d, ignores, entries = frames[-1]
        entry = next(entries, None)
        if entry is None:
            frames.pop()
            continue
        name = entry.name
        full = os.path.join(d, name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            continue
        absolute = os.path.abspath(full)
        if is_dir:
            if not _entered(os.path.basename(d), name):
                continue
            if _ignored(ignores, absolute, True) or _ignored(exclude, absolute, True):
                continue
            if nested is not None and holds_git(absolute):
                nested.append(absolute)
                continue
            frames.append((full, ignores_of(full, ignores), entries_of(full)))
            continue
        if name in PACKAGE_FILES and d != folder and _may_vendor(d) and os.path.abspath(d) not in upstream:
            project = upstream_project(full, top_root)
            if project is not None:  # once per folder (its setup.py and pyproject.toml alike)
                upstream[os.path.abspath(d)] = project
        kind = _kind_in(os.path.basename(d), full)
        if kind is None:
            continue
        if _ignored(ignores, absolute, False) or _ignored(exclude, absolute, False):
            continue
        found.append((full if rel_base != "." else os.path.relpath(full), kind))
    if upstream:
        from ..deployment.names import under

        found = [f for f in found if not any(under(os.path.abspath(f[0]), u) for u in upstream)]
        if vendored is not None:
            vendored.extend((u, *project) for u, project in upstream.items())
    found.sort()
    return found
