"""The Hub's own configuration, read statically: ``jupyterhub_config.py`` (Python ``ast``) and
zero-to-jupyterhub values files (YAML nodes with their positions).

Nothing is imported, executed or evaluated: values are read from literals, simple concatenations
and f-strings of known constants, module-level names bound to those, and
``os.environ.get(NAME, DEFAULT)`` / ``os.getenv(NAME, DEFAULT)`` (the default).  Anything else is
unknown.

What a value may grow to is bounded, so that ``a = a + a`` forty times is not a terabyte: a string longer than
:data:`MAX_STRING` characters is unknown (computed only when its length is known to fit), and so is a list or
mapping of more than :data:`MAX_NODES` values, counted as a reader walks them (``a = [a, a]`` forty times is a
trillion), or nested deeper than :data:`MAX_NESTING`.
"""

from __future__ import annotations

from collections import namedtuple

from .names import no_surrogates

__all__ = ["HubConfig", "Value", "read_python_config", "read_z2jh_values", "UNKNOWN_VALUE", "ConfigReadError"]

Span = tuple[int, int, int, int]


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN_VALUE = _Unknown()
MAX_STRING = 65536
MAX_NODES = 10_000
MAX_NESTING = 50
TYPE_CHECKING = False
if TYPE_CHECKING:
    import ast
    from typing import Any
else:
    ast = None  # the `ast` module, once read_python_config has imported it


class UnknownKey(str):
    """A dict key hublint cannot compute (``{os.environ["X"] + "/data": "/home/jovyan/data"}``): the entry is
    kept, since its value may be known; the key shows as ``…``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "…"

    __str__ = __repr__


class ConfigReadError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, max(1, line), max(1, column)


class Value(namedtuple("Value", "value span origin", defaults=(None,))):
    """A configuration value (str, int, bool, None, list of Value, dict of key -> Value, or UNKNOWN_VALUE)
    and where it is written.  ``origin``: for a value read from the environment (``os.environ[…]``), the
    :class:`hublint.deployment.dotenv.Str` it resolved to — written in another file (compose, ``.env``)."""

    __slots__ = ()

    def plain(self):
        v = self.value
        if isinstance(v, list):
            return [x.plain() for x in v]
        if isinstance(v, dict):
            return {k: x.plain() for k, x in v.items()}
        return v


class ImageValue(namedtuple("ImageValue", "ref span where origin", defaults=(None,))):
    """An image reference (str, or UNKNOWN_VALUE) found in the configuration; ``origin`` as for :class:`Value`."""

    __slots__ = ()


class HubConfig:
    """Traits set in a Hub configuration: ``(class, trait) -> (Value, span of the assignment target)``."""

    def __init__(self, kind: str, prefix: str = "") -> None:
        self.kind = kind  # "python" | "z2jh" | "compose" | "env"
        self.prefix = prefix  # z2jh: where the chart's values sit in a wrapper chart's values ("basehub.jupyterhub.")
        self.traits: dict[tuple[str, str], tuple[Value, Span]] = {}
        self.images: list[ImageValue] = []
        self.z2jh_cmd: Value | None = None  # singleuser.cmd (None when absent)
        self.z2jh_cmd_present = False
        self.z2jh: dict[str, Value] = {}  # z2jh: singleuser.defaultUrl, singleuser.storage, hub.image, …
        self.env_names: set[str] = set()  # python: environment variables the configuration reads

    def get(self, cls: str, trait: str):
        return self.traits.get((cls, trait))

    def traits_named(self, trait: str) -> list:
        """Every (class, value) that sets ``trait``, whatever the class."""
        return [(cls, value) for (cls, name), (value, _) in self.traits.items() if name == trait]

    def spawner_cmd_declared(self) -> bool:
        """Does this configuration set the command the single-user server is started with?"""
        if self.kind == "z2jh":
            # absent: the chart's default `jupyterhub-singleuser`; null: the image's CMD
            if not self.z2jh_cmd_present:
                return True
            return self.z2jh_cmd is not None and self.z2jh_cmd.value is not None
        for (cls, trait), (value, _) in self.traits.items():
            if trait == "cmd" and cls.endswith("Spawner") and value.value is not None:
                return True
        return False

    def spawner_cmd(self) -> Value | None:
        """The single-user command this configuration sets (z2jh: the chart default when absent), if any."""
        if self.kind == "z2jh" and not self.z2jh_cmd_present:
            return Value([Value("jupyterhub-singleuser", (1, 1, 1, 1))], (1, 1, 1, 1))
        best = None
        for (cls, trait), (value, _) in self.traits.items():
            # a subclass's section beats Spawner's (traitlets' MRO)
            if (
                trait == "cmd"
                and cls.endswith("Spawner")
                and value.value is not None
                and (best is None or cls != "Spawner")
            ):
                best = value
        return best

    def trait(self, trait: str, classes: tuple[str, ...] = ("Spawner",)) -> Value | None:
        """A spawner trait's value: the most specific section that sets it (``c.DockerSpawner.x`` over
        ``c.Spawner.x``)."""
        best = None
        for (cls, name), (value, _) in self.traits.items():
            if name == trait and (cls in classes or cls.endswith("Spawner")) and (best is None or cls != "Spawner"):
                best = value
        return best


_IMAGE_TRAITS = {"image", "container_image"}
_IMAGE_LIST_TRAITS = {"allowed_images", "image_whitelist"}


def _collect_images(cfg: HubConfig, cls: str, trait: str, value: Value) -> None:
    where = f"{cls}.{trait}"
    if trait in _IMAGE_TRAITS:
        _image(cfg, value, where)
    elif trait in _IMAGE_LIST_TRAITS:
        if isinstance(value.value, list):
            for item in value.value:
                _image(cfg, item, where)
        elif isinstance(value.value, dict):
            for key, item in value.value.items():
                _image(cfg, item, f"{where}[{key!r}]")
    elif trait in ("profile_list", "profileList"):
        _profiles(cfg, value, where)


def _profiles(cfg: HubConfig, value: Value, where: str) -> None:
    if not isinstance(value.value, list):
        return
    for i, profile in enumerate(value.value):
        if not isinstance(profile.value, dict):
            continue
        override = profile.value.get("kubespawner_override")
        if override is not None and isinstance(override.value, dict) and "image" in override.value:
            _image(cfg, override.value["image"], f"{where}[{i}].kubespawner_override.image")
        options = profile.value.get("profile_options")
        if options is not None and isinstance(options.value, dict):
            for name, option in options.value.items():
                choices = option.value.get("choices") if isinstance(option.value, dict) else None
                if choices is None or not isinstance(choices.value, dict):
                    continue
                for key, choice in choices.value.items():
                    over = choice.value.get("kubespawner_override") if isinstance(choice.value, dict) else None
                    if over is not None and isinstance(over.value, dict) and "image" in over.value:
                        _image(cfg, over.value["image"], f"{where}[{i}].profile_options.{name}.choices.{key}")


def _image(cfg: HubConfig, value: Value, where: str) -> None:
    v = value.value
    if isinstance(v, str) or v is UNKNOWN_VALUE:
        cfg.images.append(ImageValue(v, value.span, where, value.origin))


# --------------------------------------------------------------------------- jupyterhub_config.py


class _PyReader:
    def __init__(self, text: str, environ=None) -> None:
        self.environ = environ or {}  # name -> dotenv.Str: the Hub's environment as the deployment sets it
        self.env_names: set[str] = set()
        self.text = text
        self.lines = text.split("\n")
        self.names: dict[str, Value] = {}
        self.config_names = {"c"}
        self.os_names = {"os"}
        self.environ_names: set[str] = set()
        self.getenv_names: set[str] = set()
        self.sizes: dict[int, tuple[object, int, int]] = {}  # id(list or dict) -> (it, values in it, nesting)
        self.starts: dict[int, Any] = {}  # line -> UTF-8 offset of each character (None: ASCII)

    def col(self, line: int, byte_col: int) -> int:
        """ast columns are UTF-8 byte offsets; findings use code points (1-based)."""
        if line not in self.starts:
            src = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            if src.isascii():
                self.starts[line] = None
            else:
                from array import array
                from itertools import accumulate

                widths = (1 if c < "\x80" else 2 if c < "\u0800" else 3 if c < "\U00010000" else 4 for c in src)
                self.starts[line] = array("q", accumulate(widths, initial=0))
        offsets = self.starts[line]
        if offsets is None:
            return byte_col + 1
        from bisect import bisect_left

        return bisect_left(offsets, byte_col) + 1

    def bounded(self, items, span: Span) -> Value:
        """A list or mapping value, or unknown when walking it would visit over MAX_NODES values or it nests
        deeper than MAX_NESTING (its parts may be shared: ``a = [a, a]``)."""
        size, depth = 1, 0
        for item in items.values() if isinstance(items, dict) else items:
            inner = item.value
            if isinstance(inner, (list, dict)):
                known = self.sizes.get(id(inner))
                if known is None:
                    return Value(UNKNOWN_VALUE, span)
                size += known[1]
                depth = max(depth, known[2])
            else:
                size += 1
            if size > MAX_NODES:
                return Value(UNKNOWN_VALUE, span)
        if depth + 1 > MAX_NESTING:
            return Value(UNKNOWN_VALUE, span)
        self.sizes[id(items)] = (items, size, depth + 1)
        return Value(items, span)

    def span(self, node: ast.AST) -> Span:
        line: int = getattr(node, "lineno", 1)
        col: int = getattr(node, "col_offset", 0)
        end_line = getattr(node, "end_lineno", line) or line
        return (
            line,
            self.col(line, col),
            end_line,
            self.col(end_line, getattr(node, "end_col_offset", col + 1) or col + 1),
        )

    # ---- values
    def value(self, node: ast.AST, depth: int = 0) -> Value:
        span = self.span(node)
        if depth > 50:
            return Value(UNKNOWN_VALUE, span)
        if isinstance(node, ast.Constant):
            c = node.value
            if isinstance(c, str):
                return Value(no_surrogates(c), span)  # a "\ud800" escape
            return Value(c if isinstance(c, (int, float, bool, type(None))) else UNKNOWN_VALUE, span)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return self.bounded([self.value(e, depth + 1) for e in node.elts], span)
        if isinstance(node, ast.Dict):
            out = {}
            for i, (k, v) in enumerate(zip(node.keys, node.values, strict=True)):
                if k is None:
                    continue
                key = self.value(k, depth + 1).value
                if not isinstance(key, (str, int)):
                    key = UnknownKey(f"\uffff{i}")
                out[key] = self.value(v, depth + 1)
            return self.bounded(out, span)
        if isinstance(node, ast.Name):
            known = self.names.get(node.id)
            return Value(known.value, span, known.origin) if known is not None else Value(UNKNOWN_VALUE, span)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for part in node.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    parts.append(no_surrogates(part.value))
                elif isinstance(part, ast.FormattedValue) and part.conversion == -1 and part.format_spec is None:
                    inner = self.value(part.value, depth + 1).value
                    if not isinstance(inner, (str, int)):
                        return Value(UNKNOWN_VALUE, span)
                    parts.append(str(inner))
                else:
                    return Value(UNKNOWN_VALUE, span)
                if sum(map(len, parts)) > MAX_STRING:
                    return Value(UNKNOWN_VALUE, span)
            return Value("".join(parts), span)
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            # `os.environ.get("X") or "default"`: an unset variable (not in the deployment's environment) gives
            # the default, as `os.environ.get("X", "default")` does
            for i, operand in enumerate(node.values):
                last = i == len(node.values) - 1
                if not last and self.env_unset(operand, depth):
                    continue
                got = self.value(operand, depth + 1)
                if got.value is UNKNOWN_VALUE or last or got.value:
                    return got
            return Value(UNKNOWN_VALUE, span)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.value(node.left, depth + 1).value, self.value(node.right, depth + 1).value
            if isinstance(left, str) and isinstance(right, str) and len(left) + len(right) <= MAX_STRING:
                return Value(left + right, span)
            return Value(UNKNOWN_VALUE, span)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            return Value(self.percent(node, depth), span)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return Value(self.format(node, depth), span)
        if isinstance(node, ast.Subscript) and self.is_environ(node.value):
            key = self.value(node.slice, depth + 1).value
            return self.env_value(key, None, span)
        if isinstance(node, ast.Call) and self.is_env_get(node.func):
            name = self.value(node.args[0], depth + 1).value if node.args else UNKNOWN_VALUE
            default = None
            if len(node.args) >= 2:
                default = self.value(node.args[1], depth + 1)
            for kw in node.keywords:
                if kw.arg == "default":
                    default = self.value(kw.value, depth + 1)
            return self.env_value(name, default, span)
        return Value(UNKNOWN_VALUE, span)

    def env_unset(self, node: ast.AST, depth: int) -> bool:
        """Is ``node`` an environment lookup without a default that the deployment does not set?"""
        if isinstance(node, ast.Call) and self.is_env_get(node.func) and len(node.args) == 1 and not node.keywords:
            name = self.value(node.args[0], depth + 1).value
        else:
            return False
        if isinstance(name, str):
            self.env_names.add(name)
            found = self.environ.get(name)
            return found is None or found.value is None
        return False

    def env_value(self, name, default: Value | None, span) -> Value:
        """``os.environ[NAME]`` / ``os.environ.get(NAME, DEFAULT)``: the deployment's value, else the default."""
        if isinstance(name, str):
            self.env_names.add(name)
            found = self.environ.get(name)
            if found is not None and found.value is not None:
                return Value(found.value, span, found)
        if default is not None:
            return default
        return Value(UNKNOWN_VALUE, span)

    def percent(self, node: ast.BinOp, depth: int):
        fmt = self.value(node.left, depth + 1).value
        args = self.value(node.right, depth + 1).value
        if not isinstance(fmt, str):
            return UNKNOWN_VALUE
        items = [a.value for a in args] if isinstance(args, list) else [args]
        if any(not isinstance(a, (str, int, float)) or isinstance(a, bool) for a in items):
            return UNKNOWN_VALUE
        import re

        # a width or precision (`%999999999s`) says how long the result is: only small ones are computed
        specs = re.findall(r"%(?:\([^)]*\))?[-#0 +]*([0-9]+|\*)?(?:\.([0-9]+|\*))?", fmt)
        numbers = [n for spec in specs for n in spec if n]
        if "*" in numbers or any(len(n) > 4 for n in numbers):
            return UNKNOWN_VALUE
        longest = max((len(str(a)) for a in items), default=0)
        if len(fmt) + sum(int(n) for n in numbers) + len(specs) * (longest + 32) > MAX_STRING:
            return UNKNOWN_VALUE
        try:
            return fmt % tuple(items)
        except (TypeError, ValueError, KeyError, OverflowError):
            return UNKNOWN_VALUE

    def format(self, node: ast.Call, depth: int):
        if not isinstance(node.func, ast.Attribute):
            return UNKNOWN_VALUE
        fmt = self.value(node.func.value, depth + 1).value
        if not isinstance(fmt, str):
            return UNKNOWN_VALUE
        args = [self.value(a, depth + 1).value for a in node.args]
        kwargs: dict[str, object] = {}
        for kw in node.keywords:
            if kw.arg is None:  # **mapping
                return UNKNOWN_VALUE
            kwargs[kw.arg] = self.value(kw.value, depth + 1).value
        if any(not isinstance(a, (str, int)) or isinstance(a, bool) for a in [*args, *kwargs.values()]):
            return UNKNOWN_VALUE
        import string

        try:  # only plain fields: no attribute access or indexing ({0.x}, {a[1]})
            fields = 0
            for _, field, spec, conv in string.Formatter().parse(fmt):
                if (field and not (field.isdigit() or field.isidentifier())) or spec or conv:
                    return UNKNOWN_VALUE
                fields += field is not None
            longest = max((len(str(a)) for a in [*args, *kwargs.values()]), default=0)
            if len(fmt) + fields * longest > MAX_STRING:
                return UNKNOWN_VALUE
            return fmt.format(*args, **kwargs)
        except (IndexError, KeyError, ValueError):
            return UNKNOWN_VALUE

    def is_environ(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.environ_names
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "environ"
            and isinstance(node.value, ast.Name)
            and node.value.id in self.os_names
        )

    def is_env_get(self, func: ast.AST) -> bool:
        # os.environ.get / environ.get / os.getenv / getenv
        if isinstance(func, ast.Name):
            return func.id in self.getenv_names
        if isinstance(func, ast.Attribute):
            if func.attr == "getenv":
                return isinstance(func.value, ast.Name) and func.value.id in self.os_names
            if func.attr == "get":
                base = func.value
                if isinstance(base, ast.Name) and base.id in self.environ_names:
                    return True
                return (
                    isinstance(base, ast.Attribute)
                    and base.attr == "environ"
                    and isinstance(base.value, ast.Name)
                    and base.value.id in self.os_names
                )
        return False

    # ---- statements
    def read(self, tree: ast.Module, cfg: HubConfig) -> None:
        self.block(tree.body, cfg)

    def block(self, body: list[ast.stmt], cfg: HubConfig) -> None:
        """The statements in order, nested blocks (if/elif/else, try, with, for) where they are; a stack, not
        recursion: an ``elif`` chain nests as deep as it is long."""
        todo = [iter(body)]
        while todo:
            stmt = next(todo[-1], None)
            if stmt is None:
                todo.pop()
                continue
            nested = self.statement(stmt, cfg)
            todo.extend(iter(inner) for inner in reversed(nested))

    def statement(self, stmt: ast.stmt, cfg: HubConfig) -> list[list]:
        """Read one statement; the blocks nested in it, in order."""
        nested: list[list] = []
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return nested
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name == "os":
                    self.os_names.add(alias.asname or "os")
        elif isinstance(stmt, ast.ImportFrom) and stmt.module == "os":
            for alias in stmt.names:
                if alias.name == "environ":
                    self.environ_names.add(alias.asname or "environ")
                elif alias.name == "getenv":
                    self.getenv_names.add(alias.asname or "getenv")
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            self.assign(stmt, cfg)
        for field in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], (ast.stmt, ast.ExceptHandler)):
                if field == "handlers":
                    nested.extend(handler.body for handler in inner)
                else:
                    nested.append(inner)
        return nested

    def assign(self, stmt, cfg: HubConfig) -> None:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if stmt.value is None:
            return
        if (
            isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Name)
            and stmt.value.func.id == "get_config"
        ):
            for t in targets:
                if isinstance(t, ast.Name):
                    self.config_names.add(t.id)
            return
        value = self.value(stmt.value)
        for target in targets:
            if isinstance(target, ast.Name):
                if isinstance(stmt, ast.AugAssign):
                    self.names.pop(target.id, None)
                else:
                    self.names[target.id] = value
                continue
            chain = _attribute_chain(target)
            if chain is None or len(chain) != 3 or chain[0] not in self.config_names:
                continue
            _, cls, trait = chain
            if isinstance(stmt, ast.AugAssign):
                old = cfg.traits.get((cls, trait))
                if old is not None and isinstance(old[0].value, list) and isinstance(value.value, list):
                    value = self.bounded(old[0].value + value.value, value.span)
                elif old is not None:
                    value = Value(UNKNOWN_VALUE, value.span)
            cfg.traits[(cls, trait)] = (value, self.span(target))
            _collect_images(cfg, cls, trait, value)


def _attribute_chain(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def read_python_config(text: str, environ=None) -> HubConfig:
    """``environ``: name -> :class:`hublint.deployment.dotenv.Str`, the Hub's environment as the deployment
    (a compose service) sets it; ``os.environ`` lookups read it first."""
    global ast  # imported here, on the first Python configuration: not on the start-up path of a Dockerfile
    import ast

    text = no_surrogates(text)
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        raise ConfigReadError(f"not valid Python: {exc.msg}", exc.lineno or 1, exc.offset or 1) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ConfigReadError(f"not valid Python: {exc}") from None
    cfg = HubConfig("python")
    reader = _PyReader(text, environ)
    reader.read(tree, cfg)
    cfg.env_names = reader.env_names
    return cfg


# --------------------------------------------------------------------------- zero-to-jupyterhub values

# keys of the jupyterhub chart's values schema that identify its sections (values.schema.yaml)
_SINGLEUSER_KEYS = frozenset(
    {
        "image",
        "cmd",
        "profileList",
        "defaultUrl",
        "storage",
        "memory",
        "cpu",
        "extraEnv",
        "uid",
        "fsGid",
        "networkTools",
        "lifecycleHooks",
        "initContainers",
        "nodeSelector",
        "serviceAccountName",
        "extraLabels",
        "extraAnnotations",
        "extraContainers",
        "extraFiles",
        "extraPodConfig",
        "extraResource",
        "extraTolerations",
        "networkPolicy",
        "startTimeout",
        "allowPrivilegeEscalation",
        "podNameTemplate",
        "events",
        "cloudMetadata",
        "imagePullSecret",
        "extraNodeAffinity",
        "extraPodAffinity",
        "extraPodAntiAffinity",
        "args",
    }
)
_HUB_KEYS = frozenset(
    {
        "config",
        "image",
        "extraConfig",
        "db",
        "baseUrl",
        "services",
        "extraEnv",
        "networkPolicy",
        "cookieSecret",
        "concurrentSpawnLimit",
        "consecutiveFailureLimit",
        "activeServerLimit",
        "templatePaths",
        "extraFiles",
        "deploymentStrategy",
        "livenessProbe",
        "readinessProbe",
        "resources",
        "nodeSelector",
        "allowNamedServers",
        "namedServerLimitPerUser",
        "authenticatePrometheus",
        "redirectToServer",
        "shutdownOnLogout",
        "loadRoles",
        "initContainers",
        "extraContainers",
        "extraVolumes",
        "extraVolumeMounts",
        "existingSecret",
        "annotations",
        "labels",
        "service",
        "pdb",
        "serviceAccount",
        "revisionHistoryLimit",
        "containerSecurityContext",
    }
)
_PROXY_KEYS = frozenset({"secretToken", "https", "chp", "traefik", "service", "secretSync", "annotations", "labels"})
_MAX_WRAPPER_DEPTH = 3


def _looks_like_chart_values(mapping: dict) -> bool:
    """Does this mapping look like the jupyterhub chart's values (its own, or nested under a wrapper chart)?"""
    for key, known in (("singleuser", _SINGLEUSER_KEYS), ("hub", _HUB_KEYS), ("proxy", _PROXY_KEYS)):
        section = mapping.get(key)
        if section is not None and isinstance(section.value, dict) and known & set(section.value):
            return True
    return False


def find_chart_values(root: Value, depth: int = 0, prefix: str = "") -> list[tuple[str, dict]]:
    """Every place the jupyterhub chart's values sit: the top level, or under wrapper keys (``jupyterhub:``,
    ``basehub.jupyterhub:``, ``daskhub.jupyterhub:``, ``binderhub.jupyterhub:``…), as (prefix, mapping)."""
    if not isinstance(root.value, dict):
        return []
    out = []
    if _looks_like_chart_values(root.value):
        out.append((prefix, root.value))
    if depth < _MAX_WRAPPER_DEPTH:
        for key, value in root.value.items():
            if key in ("singleuser", "hub", "proxy") and out:
                continue
            if isinstance(value.value, dict):
                out.extend(find_chart_values(value, depth + 1, f"{prefix}{key}."))
    return out


def read_z2jh_values(text: str) -> HubConfig | None:
    """A z2jh values file, or None when the YAML holds no jupyterhub chart values at any wrapper depth.

    The first place (outermost) the chart's values are found is read: a values file sets one release."""
    from .yamlnodes import load

    root = load(text)
    if root is None:
        return None
    found = find_chart_values(root)
    if not found:
        return None
    prefix, values = found[0]
    return _chart_config(values, prefix)


def _chart_config(values: dict, prefix: str) -> HubConfig:
    cfg = HubConfig("z2jh", prefix)
    single = values.get("singleuser")
    single = single.value if single is not None and isinstance(single.value, dict) else {}
    image = single.get("image")
    if image is not None and isinstance(image.value, dict) and "name" in image.value:
        name, tag = image.value["name"], image.value.get("tag")
        if isinstance(name.value, str):
            if tag is not None and isinstance(tag.value, (str, int, float)) and str(tag.value):
                cfg.images.append(ImageValue(f"{name.value}:{tag.value}", tag.span, f"{prefix}singleuser.image.tag"))
            else:
                cfg.images.append(ImageValue(name.value, name.span, f"{prefix}singleuser.image.name"))
    if "cmd" in single:
        cfg.z2jh_cmd_present = True
        cfg.z2jh_cmd = single["cmd"]
        cfg.traits[("Spawner", "cmd")] = (single["cmd"], single["cmd"].span)
    for key in ("defaultUrl", "storage", "uid", "extraEnv", "args"):
        if key in single:
            cfg.z2jh[f"singleuser.{key}"] = single[key]
    profiles = single.get("profileList")
    if profiles is not None:
        _profiles(cfg, profiles, f"{prefix}singleuser.profileList")
    hub = values.get("hub")
    hub = hub.value if hub is not None and isinstance(hub.value, dict) else {}
    if "image" in hub:
        cfg.z2jh["hub.image"] = hub["image"]
    hub_config = hub.get("config")
    if hub_config is not None and isinstance(hub_config.value, dict):
        for cls, traits in hub_config.value.items():
            if not isinstance(traits.value, dict):
                continue
            for trait, value in traits.value.items():
                cfg.traits[(cls, trait)] = (value, value.span)
                _collect_images(cfg, cls, trait, value)
    return cfg
