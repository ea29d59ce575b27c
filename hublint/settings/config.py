"""Configuration: ``.hublint.toml`` or ``[tool.hublint]`` in ``pyproject.toml``, validated.

Discovery starts in the Dockerfile's folder and walks up to the nearest folder that holds a
``.git`` (inclusive).  Keys are kebab-case; an unknown key or a wrong type is a
:class:`ConfigError` naming the key and the file.  CLI lists extend config lists; other CLI
values replace config values.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from types import MappingProxyType

from ..lint.hits import SEVERITIES
from .options import FAIL_ON, ImageSpec, Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["ConfigError", "find_config", "load_config", "build_settings", "KEYS", "API_ONLY", "validate"]


class ConfigError(Exception):
    """A bad configuration file or option (exit status 2)."""


def _str(key, value, where):
    if not isinstance(value, str):
        raise ConfigError(f"{where}: `{key}` must be a string, not {type(value).__name__}")
    return value


def _version(key, value, where):
    """A JupyterHub version (PEP 440: ``5.3.0``, ``5.3``, ``5``): it is compared, and fixes write it into files."""
    value = _str(key, value, where)
    if not is_version(value):
        raise ConfigError(f"{where}: `{key}` must be a version such as 5.3.0, not {value!r}")
    return value


def is_version(text: str) -> bool:
    """Whether ``text`` is a PEP 440 version (nothing a shell would read differently)."""
    from ..image.versions import parse_version

    return bool(text) and text.strip() == text and parse_version(text) is not None


def _bool(key, value, where):
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: `{key}` must be true or false, not {type(value).__name__}")
    return value


def _str_list(key, value, where):
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings")
    return tuple(value)


def _fail_on(key, value, where):
    value = _str(key, value, where)
    if value not in FAIL_ON:
        raise ConfigError(f"{where}: `{key}` must be one of {', '.join(FAIL_ON)}, not {value!r}")
    return value


def _selectors(key, value, where):
    from ..checks.registry import did_you_mean, resolve_selector

    items = _str_list(key, value, where)
    for item in items:
        if resolve_selector(item) is None:
            near = did_you_mean(item) or " (see `hublint --list-rules`)"
            raise ConfigError(f"{where}: `{key}` names an unknown rule {item!r}{near}")
    return items


def _str_table(key, value, where):
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f'{where}: `{key}` must be a table of strings (NAME = "value")')
    return MappingProxyType(dict(value))


def _severity(key, value, where):
    from ..checks.registry import did_you_mean, resolve_selector

    if not isinstance(value, dict):
        raise ConfigError(f'{where}: `{key}` must be a table (CODE = "error"|"warning"|"info")')
    out = {}
    for code, sev in value.items():
        rules = resolve_selector(code)
        if rules is None:
            raise ConfigError(f"{where}: `{key}.{code}` is not a rule code or name{did_you_mean(code)}")
        if sev not in SEVERITIES:
            raise ConfigError(f"{where}: `{key}.{code}` must be one of {', '.join(reversed(SEVERITIES))}, not {sev!r}")
        for rule in rules:
            out[rule.code] = sev
    return MappingProxyType(out)


_IMAGE_KEYS = {"provides", "user", "cmd", "python"}


def _images(key, value, where):
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `{key}` must be a table of images")
    out = {}
    for image, spec in value.items():
        here = f'{key}."{image}"'
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: `{here}` must be a table")
        unknown = set(spec) - _IMAGE_KEYS
        if unknown:
            raise ConfigError(
                f"{where}: unknown key `{here}.{sorted(unknown)[0]}` (known: {', '.join(sorted(_IMAGE_KEYS))})"
            )
        cmd = spec.get("cmd")
        if cmd is not None:
            cmd = _str_list(f"{here}.cmd", cmd, where)
        user = spec.get("user")
        if isinstance(user, int) and not isinstance(user, bool):
            user = str(user)
        out[image] = ImageSpec(
            provides=_str_list(f"{here}.provides", spec.get("provides", []), where),
            user=_str(f"{here}.user", user, where) if user is not None else None,
            cmd=cmd,
            python=_str(f"{here}.python", spec["python"], where) if "python" in spec else None,
        )
    return MappingProxyType(out)


_ROLE_NAMES = ("singleuser", "hub", "other", "auto")


def _roles(key, value, where):
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f'{where}: `{key}` must be a table of globs ("images/hub/**" = "hub")')
    for glob, role in value.items():
        if role not in _ROLE_NAMES[:3]:
            raise ConfigError(f'{where}: `{key}."{glob}"` must be one of singleuser, hub, other, not {role!r}')
    return tuple(("", glob, role) for glob, role in value.items())


def _patterns(key, value, where):
    return tuple(("", p) for p in _str_list(key, value, where))


def _role(key, value, where):
    value = _str(key, value, where)
    if value not in _ROLE_NAMES:
        raise ConfigError(f"{where}: `{key}` must be one of {', '.join(_ROLE_NAMES)}, not {value!r}")
    return None if value == "auto" else value


# config key -> (Settings field, validator)
KEYS: dict[str, tuple[str, Callable[[str, Any, str], Any]]] = {
    "hub-version": ("hub_version", _version),
    "spawner-cmd": ("spawner_cmd", _bool),
    "fail-on": ("fail_on", _fail_on),
    "select": ("select", _selectors),
    "ignore": ("ignore", _selectors),
    "build-args": ("build_args", _str_table),
    "severity": ("severity", _severity),
    "images": ("images", _images),
    "target": ("target", _str),
    "context": ("context", _str),
    "inline-ignores": ("inline_ignores", _bool),
    "roles": ("roles", _roles),
    "respect-gitignore": ("respect_gitignore", _bool),
    "exclude": ("exclude", _patterns),
    "extend-exclude": ("extend_exclude", _patterns),
}
# what the Python API accepts besides the configuration keys (not a setting: the role of the text it lints)
API_ONLY = {"role": ("role", _role)}


def validate(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Config table -> Settings field values."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key `{key}`{_closest_key(key)}")
        field, validator = KEYS[key]
        out[field] = validator(key, value, where)
    return out


def _closest_key(key: str) -> str:
    """ " (did you mean `hub-version`?)" for an unknown key near a known one (``hub_version``, ``fial-on``)."""
    if key.replace("_", "-") in KEYS:
        return f" (did you mean `{key.replace('_', '-')}`?)"
    import difflib

    near = difflib.get_close_matches(key.replace("_", "-"), list(KEYS), n=1, cutoff=0.75)
    return f" (did you mean `{near[0]}`?)" if near else ""


def load_config(path: str | os.PathLike) -> dict[str, Any]:
    import tomllib

    from .files import is_regular, read_regular

    path = os.fspath(path)
    if not is_regular(path):
        raise ConfigError(f"{path}: cannot read config file (not a regular file)")
    raw = read_regular(path, limit=10_000_000)
    if raw is None:
        raise ConfigError(f"{path}: cannot read config file")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if os.path.basename(path) == "pyproject.toml":
        table = data.get("tool", {}).get("hublint", {})
        where = f"{path} [tool.hublint]"
    else:
        table = data
        where = str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    values = validate(table, where)
    folder = os.path.dirname(os.path.abspath(path))
    if "context" in values:
        values["context"] = os.path.realpath(os.path.join(folder, values["context"]))
    for key in ("roles", "exclude", "extend_exclude"):
        if key in values:
            values[key] = tuple((folder, *item[1:]) for item in values[key])
    return values


def _has_hublint_table(pyproject: str) -> bool:
    from .files import read_regular

    raw = read_regular(pyproject, limit=10_000_000)
    return raw is not None and b"[tool.hublint" in raw


def _parents(folder: str):
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def find_config(start: str | os.PathLike, known: dict[str, str | None] | None = None) -> str | None:
    """The config file for a Dockerfile in folder ``start``: nearest upwards, stopping at ``.git``.

    ``known``: folder -> the config file found for it, filled in as folders are visited (a workspace keeps one
    for as long as the files on disk do not change)."""
    known = {} if known is None else known
    visited = []
    found = None
    for folder in _parents(os.path.realpath(start)):
        if folder in known:
            found = known[folder]
            break
        visited.append(folder)
        candidate = os.path.join(folder, ".hublint.toml")
        if os.path.isfile(candidate):
            found = candidate
            break
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _has_hublint_table(candidate):
            found = candidate
            break
        if os.path.exists(os.path.join(folder, ".git")):
            break
    for folder in visited:
        known[folder] = found
    return found


def build_settings(config: Mapping[str, Any], cli: Mapping[str, Any]) -> Settings:
    """Merge config values with CLI values (lists extend, tables merge, scalars replace)."""
    values = dict(config)
    for key, value in cli.items():
        if value is None:
            continue
        if key in ("select", "ignore", "roles", "extend_exclude"):
            if key in ("select", "roles") and key not in config:
                values[key] = tuple(value)
            else:
                values[key] = tuple(values.get(key, ())) + tuple(value)
        elif key in ("build_args", "severity"):  # the command line's entries win
            values[key] = MappingProxyType({**values.get(key, {}), **value})
        else:
            values[key] = value
    return Settings(**values)
