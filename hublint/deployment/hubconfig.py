"""The Hub's own configuration, read statically: ``jupyterhub_config.py`` (Python ``ast``) and
zero-to-jupyterhub values files (:mod:`.chartvalues`) give the same :class:`HubConfig`.

Nothing is imported, executed or evaluated: values are read from literals, simple concatenations and f-strings of
known constants, module-level names bound to those, and ``os.environ.get(NAME, DEFAULT)`` / ``os.getenv(NAME,
DEFAULT)`` (the default); a class the file defines stands for its first base.  Anything else is unknown.

What a value may grow to is bounded, so that ``a = a + a`` forty times is not a terabyte: a string longer than
:data:`MAX_STRING` characters is unknown (computed only when its length is known to fit), and so is a list or
mapping of more than :data:`MAX_NODES` values, counted as a reader walks them (``a = [a, a]`` forty times is a
trillion), or nested deeper than :data:`MAX_NESTING`.

What parsing may hold is bounded too: CPython's ``ast`` takes about 180 bytes of memory per character of
dense source, so a long file is parsed a run of whole top-level statements at a time (:mod:`.pyruns`); a single
statement (or a run that cannot be cut) longer than that is not read, and the file's settings are then
unknown, as for a file that is not valid Python.
"""

from __future__ import annotations

from .names import no_surrogates
from .pychanges import HOOKS, NameChanges, condition
from .spawnimages import ImageValue, collect_images, collect_images_at, create_command, swarm_args
from .values import UNKNOWN_VALUE, ConfigReadError, Span, UnknownKey, Value

__all__ = ["HubConfig", "ImageValue", "Value", "read_python_config", "UNKNOWN_VALUE", "ConfigReadError"]

MAX_STRING = 65536
MAX_NODES = 10_000
MAX_NESTING = 50
TYPE_CHECKING = False
if TYPE_CHECKING:
    import ast
    from typing import Any
else:
    ast = None  # the `ast` module, once read_python_config has imported it


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
        # z2jh: images the chart runs that are not spawned servers (init and extra containers, the proxy…)
        self.other_images: list[ImageValue] = []
        self.default_sections: tuple[str, ...] = ()  # z2jh: sections only the chart's defaults spell out
        self.python_traits: set[tuple[str, str]] = set()  # z2jh: the traits hub.extraConfig's Python sets
        # python: the first line that hands the configuration to code not read here (`configure(c)`,
        # `load_subconfig(path)`): settings it does not show may be set there
        self.delegated: int | None = None

    def get(self, cls: str, trait: str) -> tuple[Value, Span] | None:
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
        return create_command(self) is not None or swarm_args(self) is not None

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
        return best if best is not None else create_command(self) or swarm_args(self)

    def trait(self, trait: str, classes: tuple[str, ...] = ("Spawner",)) -> Value | None:
        """A spawner trait's value: the most specific section setting it (`c.DockerSpawner.x` over `c.Spawner.x`)."""
        best = None
        for (cls, name), (value, _) in self.traits.items():
            if name == trait and (cls in classes or cls.endswith("Spawner")) and (best is None or cls != "Spawner"):
                best = value
        return best


# --------------------------------------------------------------------------- jupyterhub_config.py


class _PyReader(NameChanges):
    def __init__(self, text: str, environ=None) -> None:
        self.environ = environ if environ is not None else {}  # name -> dotenv.Str: the Hub's environment
        self.env_names: set[str] = set()
        self.text = text
        self.lines = text.split("\n")
        self.names: dict[str, Value] = {}
        # name -> (the dotted name it was imported as, a module): `from m import C as D`, `import m.n`
        self.imported: dict[str, tuple[str, bool]] = {}
        self.config_names = {"c"}
        self.os_names = {"os"}
        self.environ_names: set[str] = set()
        self.getenv_names: set[str] = set()
        self.sizes: dict[int, tuple[object, int, int]] = {}  # id(list or dict) -> (it, values in it, nesting)
        self.starts: dict[int, Any] = {}  # line -> UTF-8 offset of each character (None: ASCII)
        self.top = True  # reading a statement at the module's top level
        self.top_images: dict[tuple[str, str], list] = {}  # setting -> the images its top-level value named
        self.copied, self.fresh_keys, self.aliases, self.pending = 0, 0, {}, {}  # (.pychanges)
        self.functions: dict[str, Any] = {}  # the functions the file defines, by name (the last definition)
        self.env_bound: set[str] = set()  # names bound from the environment (.from_environ)
        self.decided = False  # the statement just read is an `if` whose branch is decided (.block)

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
            found = self.environ.get(name)  # (an env_file hublint cannot read may set it: not unset)
            return found is None or (found.value is None and name in self.environ)
        return False

    def env_value(self, name, default: Value | None, span) -> Value:
        """``os.environ[NAME]`` / ``os.environ.get(NAME, DEFAULT)``: the deployment's value, else the default —
        but not when the deployment sets the variable to a value hublint cannot read (compose's
        ``NAME=${NAME}`` without a ``.env``): the variable is set, so the default is not used."""
        if isinstance(name, str):
            self.env_names.add(name)
            found = self.environ.get(name)
            if found is not None:
                return Value(found.value, span, found) if found.value is not None else Value(UNKNOWN_VALUE, span)
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
        todo = [(iter(body), True)]  # (a block, does it surely run: the top level, a branch of a decided `if`)
        while todo:
            stmt = next(todo[-1][0], None)
            if stmt is None:
                todo.pop()
                continue
            self.top = sure = todo[-1][1]
            self.decided = False
            nested = self.statement(stmt, cfg)
            todo.extend((iter(inner), sure and self.decided) for inner in reversed(nested))

    def statement(self, stmt: ast.stmt, cfg: HubConfig) -> list[list]:
        """Read one statement; the blocks nested in it, in order."""
        nested: list[list] = []
        bases = [b for b in map(self.import_string, stmt.bases) if b] if isinstance(stmt, ast.ClassDef) else []
        if bases and isinstance(stmt, ast.ClassDef):
            # `class MySpawner(Mixin, DockerSpawner)`: as a class trait's value, its spawner base
            base = next((b for b in bases if b.endswith("Spawner")), bases[0])
            self.imported[stmt.name] = (base, False)
            if base.endswith("Spawner"):
                self.spawner_methods(stmt, base.rsplit(".", 1)[-1])
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.functions[stmt.name] = stmt  # (a spawner hook it may become: .pychanges.use_hook)
        elif isinstance(stmt, (ast.ClassDef, ast.Import, ast.ImportFrom)):  # the name is something else now
            for bound in [stmt.name] if isinstance(stmt, ast.ClassDef) else [a.asname or a.name for a in stmt.names]:
                self.functions.pop(bound, None)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return nested
        for call in _own_calls(stmt):  # what the statement's calls do to the names they are given
            self.call_on_names(call, cfg)
            self.delegates(call, cfg)
        if isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    self.change_name(target.value.id, None, cfg)  # `del volumes[key]`
                elif isinstance(target, ast.Name):
                    self.names.pop(target.id, None)
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name == "os":
                    self.os_names.add(alias.asname or "os")
                bound = alias.asname or alias.name.split(".", 1)[0]
                self.imported[bound] = (alias.name if alias.asname else bound, True)
                self.names.pop(bound, None)
        elif isinstance(stmt, ast.ImportFrom) and stmt.module == "os":
            for alias in stmt.names:
                if alias.name == "environ":
                    self.environ_names.add(alias.asname or "environ")
                elif alias.name == "getenv":
                    self.getenv_names.add(alias.asname or "getenv")
        elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
            for alias in stmt.names:
                self.imported[alias.asname or alias.name] = (f"{stmt.module}.{alias.name}", False)
                self.names.pop(alias.asname or alias.name, None)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            self.assign(stmt, cfg)
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            self.update(stmt.value, cfg)
        if isinstance(stmt, ast.If) and not self.from_environ(stmt.test):
            holds = condition(stmt.test, self.value)
            if holds is not None:  # the branch that runs, and only it
                self.decided = True
                return [stmt.body] if holds else [stmt.orelse] if stmt.orelse else []
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
            and not stmt.value.args  # traitlets' takes none; z2jh's `get_config("singleuser.x")` reads a value
        ):
            for t in targets:
                if isinstance(t, ast.Name):
                    self.config_names.add(t.id)
            return
        value = self.value(stmt.value)
        environ = self.from_environ(stmt.value)
        for target in targets:
            if isinstance(target, ast.Name):
                self.functions.pop(target.id, None)  # the name holds another value now
                self.aliases.pop(target.id, None)  # a new object: the settings assigned from the old one keep it
                if environ:
                    self.env_bound.add(target.id)
                elif self.top:  # (in a block that may not run, it may still hold what it held)
                    self.env_bound.discard(target.id)
                before = self.names.get(target.id)
                if not self.top and before is not None and before.value != value.value:
                    # a block that may not run (an `if` hublint cannot decide, a loop): one value or the other
                    self.names[target.id] = Value(UNKNOWN_VALUE, value.span)
                elif isinstance(stmt, ast.AugAssign):
                    self.names.pop(target.id, None)
                elif isinstance(stmt.value, ast.Name) and isinstance(value.value, (dict, list)):
                    self.change_name(stmt.value.id, None, cfg)  # `other = volumes`: one object, two names
                    self.names[target.id] = Value(UNKNOWN_VALUE, value.span)
                else:
                    self.names[target.id] = value
                continue
            if isinstance(target, ast.Subscript) and not isinstance(stmt, ast.AugAssign):
                # c.DockerSpawner.extra_create_kwargs["user"] = "root": one key of a dict trait
                key = self.value(target.slice).value
                if isinstance(target.value, ast.Name) and target.value.id in self.names:
                    self.change_name(target.value.id, {key: value} if isinstance(key, str) else None, cfg)
                elif isinstance(key, str):
                    self.merge(cfg, target.value, {key: value}, target)
                continue
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                self.change_name(target.value.id, None, cfg)  # `volumes[k] += …`: not followed
            chain = _attribute_chain(target)
            if chain is None or len(chain) != 3 or chain[0] not in self.config_names:
                continue
            _, cls, trait = chain
            if trait.endswith("_class") and (dotted := self.import_string(stmt.value)) is not None:
                value = Value(dotted, value.span)  # `= DockerSpawner` imported: the class's import string
            added, more = value, isinstance(stmt, ast.AugAssign)  # `+=`: the images it adds join the others
            if more:
                old = cfg.traits.get((cls, trait))
                if old is not None and isinstance(old[0].value, list) and isinstance(value.value, list):
                    value = self.bounded(old[0].value + value.value, value.span)
                elif old is not None:
                    value = Value(UNKNOWN_VALUE, value.span)
            cfg.traits[(cls, trait)] = (value, self.span(target))
            collect_images_at(cfg, (cls, trait), added, self.top, self.top_images, more)
            self.unalias((cls, trait))  # assigned again: no longer the object a name holds
            if isinstance(stmt.value, ast.Name) and not more:
                if isinstance(value.value, (dict, list)):  # the same object: a later change to the name changes it
                    self.aliases.setdefault(stmt.value.id, {})[(cls, trait)] = self.span(target)
                if trait == "spawner_class":
                    self.use_spawner(stmt.value.id, cfg)
                elif trait in HOOKS and stmt.value.id in self.functions:
                    self.use_hook(self.functions.pop(stmt.value.id), cls, cfg)  # (read once)

    def import_string(self, node) -> str | None:
        """``DockerSpawner`` (``from dockerspawner import DockerSpawner``) or ``dockerspawner.DockerSpawner``
        (``import dockerspawner``) as the import string a ``*_class`` trait also accepts; None for anything else
        (a name bound again after its import is a value, not the import)."""
        parts = _attribute_chain(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        if not parts or parts[0] not in self.imported or parts[0] in self.names:
            return None
        dotted, module = self.imported[parts[0]]
        if len(parts) > 1 and not module:
            return None  # an attribute of an imported class (`DockerSpawner.__name__`) is not a class
        return ".".join([dotted, *parts[1:]])

    def update(self, call: ast.Call, cfg: HubConfig) -> None:
        """``c.DockerSpawner.extra_create_kwargs.update({"user": "root"}, key=value)``: keys added to a dict trait."""
        func = call.func
        if not isinstance(func, ast.Attribute) or func.attr != "update":
            return
        added: dict = {}
        for arg in call.args:
            got = self.value(arg).value
            if not isinstance(got, dict):
                return  # not a literal mapping: the keys are not known
            added.update(got)
        for kw in call.keywords:
            if kw.arg is None:
                return
            added[kw.arg] = self.value(kw.value)
        self.merge(cfg, func.value, added, call)

    def merge(self, cfg: HubConfig, node: ast.AST, added: dict, where: ast.AST) -> None:
        chain = _attribute_chain(node)
        if chain is None or len(chain) != 3 or chain[0] not in self.config_names:
            return
        _, cls, trait = chain
        old = cfg.traits.get((cls, trait))
        if old is not None and not isinstance(old[0].value, dict):
            return  # set to something else before (unknown): stays as it is
        merged = {**(old[0].value if old is not None else {}), **self.fresh(added)}
        self.unalias((cls, trait))  # changed through the setting: a later change to the name is not followed here
        span = self.span(where)
        cfg.traits[(cls, trait)] = (Value(merged, old[0].span if old is not None else span), span)
        collect_images(cfg, cls, trait, Value(added, span))


def _own_calls(stmt: ast.stmt) -> list[ast.Call]:
    """The calls of a statement's own expressions (not of the blocks nested in it, read as statements)."""
    if isinstance(stmt, (ast.If, ast.While)):
        parts: list = [stmt.test]
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        parts = [stmt.iter]
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        parts = [item.context_expr for item in stmt.items]
    elif isinstance(stmt, (ast.Try, ast.TryStar, ast.Match)):
        parts = []
    else:
        parts = [stmt]
    return [n for part in parts for n in ast.walk(part) if isinstance(n, ast.Call)]


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
    if "\r" in text:  # Python's line ends, as `ast` counts them: a lone CR is one too
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    from .pyruns import modules

    cfg = HubConfig("python")
    reader = _PyReader(text, environ)
    for tree in modules(text):
        reader.read(tree, cfg)
        del tree  # one run's tree at a time
    cfg.env_names = reader.env_names
    return cfg
