"""YAML files as positioned values, read safely and with bounded work.

PyYAML's composer (libyaml's when it is installed) builds the node tree; nothing is constructed
beyond null, booleans, numbers and strings (dates and other tags stay as written, as Helm reads
values), so no YAML tag can create objects; a value encrypted in place (``!vault``, ``ENC[…]``) is
unknown.  Aliases are shared nodes in that tree: turning it into
values visits an aliased node once per reference, which an alias bomb ("billion laughs") makes
exponential — so every visit counts against :data:`MAX_VISITS`, and a file over the budget is an
error, never a hang.  Merge keys (``<<``) are applied as YAML 1.1 does; a key written twice in one
mapping is an error (Docker Compose and GitHub Actions reject it too) — except where the file is read as Helm
reads values (``last_wins``): Helm keeps the last one, and so does hublint.
"""

from __future__ import annotations

from typing import Any

from .names import no_surrogates
from .values import UNKNOWN_VALUE, ConfigReadError, Value, encrypted_value

__all__ = ["load", "load_all", "MAX_VISITS", "MAX_BYTES", "ConfigReadError"]

MAX_VISITS = 200_000  # nodes visited while converting one file, aliases counted each time they are used
MAX_BYTES = 10_000_000  # a deployment file larger than this is not read
MAX_DEPTH = 200

_MERGE = "tag:yaml.org,2002:merge"


def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def compose(text: str):
    """The node tree of the first YAML document (None for an empty file); ConfigReadError when it is not YAML."""
    import yaml

    if len(text) > MAX_BYTES:
        raise ConfigReadError(f"file too large to read ({len(text):,} characters; hublint reads up to {MAX_BYTES:,})")
    text = no_surrogates(str(text))  # the C parser takes exactly a str (not the subclass a BOM file decodes to)
    try:
        loader = _loader()(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            return _first_document(text)
        raise _error(exc) from None
    except yaml.YAMLError as exc:
        raise _error(exc) from None
    except RecursionError:
        raise ConfigReadError("not valid YAML: nested too deeply") from None
    except (ValueError, UnicodeError) as exc:
        raise ConfigReadError(f"not valid YAML: {exc}") from None


def _first_document(text: str):
    import yaml

    loader = _loader()(text)
    try:
        return loader.get_node() if loader.check_node() else None
    except yaml.YAMLError as exc:
        raise _error(exc) from None
    finally:
        loader.dispose()


def _error(exc) -> ConfigReadError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return ConfigReadError(f"not valid YAML: {problem}", mark.line + 1 if mark else 1, mark.column + 1 if mark else 1)


def _span(node) -> tuple[int, int, int, int]:
    s, e = node.start_mark, node.end_mark
    return s.line + 1, s.column + 1, e.line + 1, e.column + 1


_SCALARS: dict[str, Any] = {}


def _scalar(node):
    """null, booleans and numbers typed (YAML 1.1, as PyYAML's safe loader and Helm read them); the rest as written."""
    from yaml.constructor import ConstructorError, SafeConstructor

    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return UNKNOWN_VALUE if encrypted_value(node.value) else no_surrogates(node.value)  # a "\ud800" escape
    if tag == "!vault" or tag.startswith("!encrypted"):
        return UNKNOWN_VALUE  # an ansible-vault (or similar) value encrypted in place
    constructor = _SCALARS.get("c")
    if constructor is None:
        constructor = _SCALARS["c"] = SafeConstructor()
    try:
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return constructor.construct_yaml_bool(node)
        if tag == "tag:yaml.org,2002:int":
            return constructor.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:float":
            return constructor.construct_yaml_float(node)
    except (ConstructorError, ValueError, OverflowError):
        return node.value
    return node.value


class _Budget:
    __slots__ = ("left",)

    def __init__(self, visits: int) -> None:
        self.left = visits

    def spend(self, node) -> None:
        self.left -= 1
        if self.left < 0:
            line = node.start_mark.line + 1
            raise ConfigReadError(
                f"YAML aliases expand to more than {MAX_VISITS:,} values; hublint stops reading "
                "this file (an alias bomb?)",
                line,
                node.start_mark.column + 1,
            )


def to_value(node, budget: _Budget | None = None, depth: int = 0, last_wins: bool = False) -> Value:
    import yaml

    budget = budget or _Budget(MAX_VISITS)
    budget.spend(node)
    span = _span(node)
    if depth > MAX_DEPTH:
        raise ConfigReadError("not valid YAML: nested too deeply", span[0], span[1])
    if isinstance(node, yaml.ScalarNode):
        return Value(_scalar(node), span)
    if isinstance(node, yaml.SequenceNode):
        return Value([to_value(n, budget, depth + 1, last_wins) for n in node.value], span)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Value] = {}
        merged: dict[str, Value] = {}
        for k, v in node.value:
            if k.tag == _MERGE:
                for source in v.value if isinstance(v, yaml.SequenceNode) else [v]:
                    value = to_value(source, budget, depth + 1, last_wins)
                    if isinstance(value.value, dict):
                        for mk, mv in value.value.items():
                            merged.setdefault(mk, mv)
                continue
            if not isinstance(k, yaml.ScalarNode):
                budget.spend(k)
                continue
            key = (
                no_surrogates(k.value)
                if k.tag == "tag:yaml.org,2002:str"
                else str(_scalar(k)).lower()
                if k.tag == "tag:yaml.org,2002:bool"
                else str(k.value)
            )
            if key in out and not last_wins:
                line, col = k.start_mark.line + 1, k.start_mark.column + 1
                raise ConfigReadError(
                    f"the key `{key}` is written twice in one mapping (Docker Compose rejects that)", line, col
                )
            out.pop(key, None)  # Helm's order: the last one, where it stands
            out[key] = to_value(v, budget, depth + 1, last_wins)
        for mk, mv in merged.items():
            out.setdefault(mk, mv)
        return Value(out, span)
    return Value(UNKNOWN_VALUE, span)


def load(text: str, last_wins: bool = False) -> Value | None:
    """The first document of a YAML file as a :class:`Value` tree; None for an empty file.

    Raises :class:`ConfigReadError` (with line and column) for text that is not YAML, a file over
    the size bound, or aliases that expand past the visit budget."""
    node = compose(text)
    if node is None:
        return None
    try:
        return to_value(node, last_wins=last_wins)
    except RecursionError:
        raise ConfigReadError("not valid YAML: nested too deeply") from None


def load_all(text: str, limit: int = 64) -> list[Value]:
    """Every document of a YAML stream (``---``-separated; empty ones left out, at most ``limit``) as
    :class:`Value` trees, sharing one visit budget.  Raises :class:`ConfigReadError` as :func:`load` does."""
    import yaml

    if len(text) > MAX_BYTES:
        raise ConfigReadError(f"file too large to read ({len(text):,} characters; hublint reads up to {MAX_BYTES:,})")
    budget = _Budget(MAX_VISITS)
    out: list[Value] = []
    loader = _loader()(text)
    try:
        while len(out) < limit and loader.check_node():
            node = loader.get_node()
            if node is not None:
                out.append(to_value(node, budget))
    except yaml.YAMLError as exc:
        raise _error(exc) from None
    except RecursionError:
        raise ConfigReadError("not valid YAML: nested too deeply") from None
    except (ValueError, UnicodeError) as exc:
        raise ConfigReadError(f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return out
