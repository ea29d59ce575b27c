"""Docker Compose files, read statically: services, their builds, images, environment and command.

Follows the Compose specification (compose-spec: ``services``, ``build`` in its short and long forms,
``args``/``environment`` as mappings or lists, ``env_file``, ``image``, ``command``/``entrypoint``
as strings or lists) and interpolates values with the ``.env`` file next to the compose file
(:mod:`.dotenv`).  Nothing is run: no ``docker compose config``, no shell environment.
"""

from __future__ import annotations

import os

from ..records import NamedTuple
from .dotenv import ENV_TEMPLATE_SUFFIXES, Str, dot_env, env_values, interpolate
from .names import is_compose_name
from .values import ConfigReadError, Span, Value

__all__ = ["ComposeBuild", "Service", "ComposeFile", "read_compose", "is_compose_name"]


class ComposeBuild(NamedTuple):
    context: str | None  # a folder, normalised; None for a remote context
    dockerfile: str | None  # the Dockerfile's path, normalised
    args: dict[str, Str]
    target: str | None
    span: Span  # where `build` is written


class Service(NamedTuple):
    name: str
    build: ComposeBuild | None
    image: Str | None
    environment: dict[str, Str]  # env_file entries, then environment
    command: list[str] | None
    entrypoint: list[str] | None
    volumes: list[str]  # short syntax, interpolated
    span: Span  # where the service's key is written
    path: str  # the compose file
    env_unread: Str | None = None  # an env_file hublint cannot read (unresolved path, not in the repository)

    def runs(self) -> list[str]:
        return [*(self.entrypoint or []), *(self.command or [])]


class ComposeFile(NamedTuple):
    path: str
    services: dict[str, Service]
    env: dict[str, Str]  # the .env file's variables


def _str(value: Value | None, path: str, env: dict[str, Str]) -> Str | None:
    if value is None:
        return None
    v = value.value
    if isinstance(v, bool):
        v = "true" if v else "false"
    if isinstance(v, (int, float)):
        v = str(v)
    if not isinstance(v, str):
        return None
    return interpolate(Str(v, path, value.span), env)


def _split(text: str) -> list[str]:
    import shlex

    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def _argv(value: Value | None, path: str, env: dict[str, Str]) -> list[str] | None:
    if value is None or value.value is None:
        return None
    if isinstance(value.value, list):
        out = []
        for item in value.value:
            s = _str(item, path, env)
            out.append(s.value if s is not None and s.value is not None else "\uffff")
        return out
    s = _str(value, path, env)
    if s is None or s.value is None:
        return None
    return _split(s.value)


def _build_args(value: Value | None, path: str, env: dict[str, Str]) -> dict[str, Str]:
    """``build.args`` as :func:`_pairs` reads them, but a value that is written and cannot be resolved (``NAME:
    base:${UNSET}``) is computed, not unknown: the build passes it, so the ``ARG`` default does not apply (a bare
    ``NAME`` that ``.env`` does not set is the shell's and stays unknown: unset there, compose passes nothing and
    the default applies)."""
    from .imagenames import COMPUTED

    out = _pairs(value, path, env)
    written = _written_names(value)
    return {name: s._replace(value=COMPUTED) if s.value is None and name in written else s for name, s in out.items()}


def _written_names(value: Value | None) -> set[str]:
    """The names of ``args`` that are given a value in the file (not a bare ``NAME`` or ``NAME:`` with nothing)."""
    if value is None:
        return set()
    if isinstance(value.value, dict):
        return {name for name, item in value.value.items() if item.value is not None}
    if isinstance(value.value, list):
        return {i.value.partition("=")[0].strip() for i in value.value if isinstance(i.value, str) and "=" in i.value}
    return set()


def _pairs(value: Value | None, path: str, env: dict[str, Str]) -> dict[str, Str]:
    """``environment``/``args``: a mapping, or a list of ``NAME=value``.  A bare ``NAME`` takes its value from the
    project's environment, as Compose v2 resolves it: the ``.env`` file (or its template, ``env``) when it sets
    ``NAME``, else the shell's, unknown here."""
    out: dict[str, Str] = {}
    if value is None:
        return out
    if isinstance(value.value, dict):
        for name, item in value.value.items():
            if item.value is None:
                out[name] = env.get(name) or Str(None, path, item.span)
                continue
            s = _str(item, path, env)
            if s is not None:
                out[name] = s
    elif isinstance(value.value, list):
        for item in value.value:
            if not isinstance(item.value, str):
                continue
            name, eq, rest = item.value.partition("=")
            if not eq:
                out[name.strip()] = env.get(name.strip()) or Str(None, path, item.span)
                continue
            line, col, end_line, end_col = item.span
            start = col + len(name) + 1
            if end_line == line:  # the value's own text, after `NAME=` (and an opening quote)
                quoted = end_col - col - len(item.value) >= 2
                span = (line, start + (1 if quoted else 0), line, end_col - (1 if quoted else 0))
            else:
                span = item.span
            out[name.strip()] = interpolate(Str(rest, path, span), env)
    return out


def _join(folder: str, rel: str) -> str:
    return os.path.normpath(os.path.join(folder, rel))


def _build(value: Value, folder: str, path: str, env: dict[str, Str]) -> ComposeBuild | None:
    v = value.value
    if isinstance(v, str):
        ctx = _str(value, path, env)
        if ctx is None or ctx.value is None or "://" in ctx.value or ctx.value.startswith("git@"):
            return ComposeBuild(None, None, {}, None, value.span)
        context = _join(folder, ctx.value)
        return ComposeBuild(context, os.path.join(context, "Dockerfile"), {}, None, value.span)
    if not isinstance(v, dict):
        return None
    ctx = _str(v.get("context"), path, env)
    context_rel = ctx.value if ctx is not None else "."
    if context_rel is None or "://" in context_rel or context_rel.startswith("git@"):
        return ComposeBuild(None, None, _build_args(v.get("args"), path, env), None, value.span)
    context = _join(folder, context_rel)
    dockerfile = None
    if "dockerfile_inline" not in v:
        df = _str(v.get("dockerfile"), path, env)
        name = df.value if df is not None else "Dockerfile"
        dockerfile = _join(context, name) if name is not None else None
    target = _str(v.get("target"), path, env)
    return ComposeBuild(
        context,
        dockerfile,
        _build_args(v.get("args"), path, env),
        target.value if target is not None else None,
        value.span,
    )


def read_compose(path: str, text: str, read_text) -> ComposeFile | None:
    """A compose file, or None when the YAML has no ``services`` mapping (not a compose file).

    ``read_text(path) -> str | None`` reads ``.env`` and ``env_file`` files (None when missing)."""
    from .yamlnodes import load

    root = load(text)
    if root is None or not isinstance(root.value, dict):
        return None
    services = root.value.get("services")
    if services is None or not isinstance(services.value, dict):
        return None
    folder = os.path.dirname(path) or "."
    found_env = dot_env(folder, read_text)
    env = env_values(*found_env) if found_env is not None else {}
    out: dict[str, Service] = {}
    for name, svc in services.value.items():
        if not isinstance(svc.value, dict):
            continue
        s = svc.value
        environment, unread = _env_files(s.get("env_file"), folder, path, env, read_text)
        environment.update(_pairs(s.get("environment"), path, env))
        volumes = []
        vols = s.get("volumes")
        if vols is not None and isinstance(vols.value, list):
            for vol in vols.value:
                if isinstance(vol.value, str):
                    vs = _str(vol, path, env)
                    if vs is not None and vs.value is not None:
                        volumes.append(vs.value)
                elif isinstance(vol.value, dict):
                    src, dst = vol.value.get("source"), vol.value.get("target")
                    if dst is not None and isinstance(dst.value, str):
                        volumes.append(f"{src.value if src is not None else ''}:{dst.value}")
        out[name] = Service(
            name=name,
            build=_build(s["build"], folder, path, env) if "build" in s else None,
            image=_str(s.get("image"), path, env),
            environment=environment,
            command=_argv(s.get("command"), path, env),
            entrypoint=_argv(s.get("entrypoint"), path, env),
            volumes=volumes,
            span=svc.span,
            path=path,
            env_unread=unread,
        )
    return ComposeFile(path, out, env)


def _env_files(env_files, folder: str, path: str, env, read_text) -> tuple[dict[str, Str], Str | None]:
    """A service's ``env_file`` entries, in order: their variables, and the first entry hublint cannot read — its
    path holds a variable hublint cannot resolve, or the file is not there (compose refuses to start without
    it, unless ``required: false``: the operator creates it, and it may set anything)."""
    environment: dict[str, Str] = {}
    unread = None
    if env_files is None:
        return environment, unread
    items = env_files.value if isinstance(env_files.value, list) else [env_files]
    for item in items:
        spec = item.value if isinstance(item.value, dict) else {}
        file_value = spec.get("path") if spec else item
        rel = _str(file_value, path, env)
        if rel is None:
            continue
        found = _env_file_text(_join(folder, rel.value), read_text) if rel.value is not None else None
        if found is not None:
            environment.update(env_values(*found, env))
        elif unread is None and _required(spec.get("required")):
            unread = rel
    return environment, unread


def _env_file_text(env_path: str, read_text) -> tuple[str, str] | None:
    """(path, text) of an ``env_file``: the file, else — when it is not there at all — the template the repository
    keeps for it (``.env``: as :func:`~.dotenv.dot_env` finds one; another name: with a template suffix); None when
    neither is there, or when the file is there but cannot be read (encrypted, too large)."""
    text = read_text(env_path)
    if text is not None:
        return env_path, text
    if os.path.lexists(env_path):
        return None  # there, but encrypted, too large or unreadable: its values are unknown, not the template's
    if os.path.basename(env_path) == ".env":
        return dot_env(os.path.dirname(env_path), read_text)
    for suffix in ENV_TEMPLATE_SUFFIXES:
        text = read_text(env_path + suffix)
        if text is not None:
            return env_path + suffix, text
    return None


def _required(node) -> bool:
    """compose's ``env_file`` ``required`` (true when absent; a value hublint cannot read counts as true)."""
    return node is None or (node.value is not False and str(node.value).lower() != "false")


__all__ += ["ConfigReadError"]
