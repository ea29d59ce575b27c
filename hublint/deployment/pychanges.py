"""What a Hub configuration does to the names it binds, read statically for :class:`.hubconfig._PyReader` (a
mixin: it uses the reader's ``names``, ``value``, ``bounded``, ``span`` and ``top_images``): a list or dict built in
a name before a setting is assigned from it (and changed after: the setting is the same object), a call that hands
the configuration to code hublint does not read, and the traits a spawner class the file defines sets in its
methods.  What it follows is bounded: past :data:`MAX_COPIED` entries copied, a changed name is unknown."""

from __future__ import annotations

from ..records import TYPE_CHECKING
from .spawnimages import collect_images_at
from .values import UNKNOWN_VALUE, Span, UnknownKey, Value

if TYPE_CHECKING:
    import ast

    from .hubconfig import HubConfig

_EVERY_SPAWN = frozenset({"__init__", "start", "pre_spawn_start"})  # a spawner's methods every spawn runs
# the spawner's hooks that every spawn calls with the spawner as their first argument
HOOKS = frozenset({"pre_spawn_hook", "options_form", "modify_pod_hook", "auth_state_hook"})
MAX_COPIED = 100_000  # entries of lists and dicts copied while following changes, per file
# functions and methods that read their arguments without changing them
_READERS = frozenset(
    {"print", "len", "str", "repr", "sorted", "list", "dict", "tuple", "set", "frozenset", "isinstance", "type",
     "any", "all", "sum", "min", "max", "enumerate", "zip", "iter", "bool", "int", "float", "hasattr", "getattr",
     "id", "vars", "dir", "format", "join", "update", "extend", "append", "get", "startswith", "endswith", "info",
     "debug", "warning", "error", "exception", "write", "dumps", "deepcopy", "copy"}
)  # fmt: skip


class NameChanges:
    # the reader's (:class:`.hubconfig._PyReader`)
    names: dict[str, Value]
    config_names: set[str]
    top_images: dict
    copied: int  # entries copied so far (MAX_COPIED)
    fresh_keys: int  # unknown keys renumbered so far
    aliases: dict[str, dict]  # name -> the settings assigned from it: {(cls, trait): span}
    pending: dict[str, list]  # spawner class -> the settings its methods make, once it is the spawner_class

    if TYPE_CHECKING:

        def value(self, node: ast.AST, depth: int = 0) -> Value: ...

        def bounded(self, items, span: Span) -> Value: ...

        def span(self, node: ast.AST) -> Span: ...

        def is_environ(self, node: ast.AST) -> bool: ...

        def is_env_get(self, func: ast.AST) -> bool: ...

        env_bound: set[str]

    def from_environ(self, node: ast.AST) -> bool:
        """Does an expression read the environment, itself or through a name bound from it (its value is then the
        deployment's, or a default: not one an ``if`` can be decided on)?"""
        import ast

        for n in ast.walk(node):
            if self.is_environ(n) or (isinstance(n, ast.Name) and n.id in self.env_bound):
                return True
            if isinstance(n, ast.Call) and self.is_env_get(n.func):
                return True
        return False

    def fresh(self, added: dict) -> dict:
        """``added`` with its unknown keys renumbered, so that they add entries instead of replacing earlier unknown
        keys (each literal numbers its own from 0)."""
        if not any(isinstance(k, UnknownKey) for k in added):
            return added
        out = {}
        for k, v in added.items():
            if isinstance(k, UnknownKey):
                self.fresh_keys += 1
                k = UnknownKey(f"\uffff~{self.fresh_keys}")
            out[k] = v
        return out

    def change_name(self, name: str, added: dict | list | None, cfg: HubConfig | None = None) -> None:
        """A list or dict bound to a name changed in place (``volumes[key] = path``, ``.update({…})``,
        ``.append(x)``): the keys or items ``added``; None (a change hublint does not follow) makes it unknown — and
        so do changes past :data:`MAX_COPIED` copied entries.  A setting assigned from the name is the same object:
        it changes too."""
        old = self.names.get(name)
        if old is None or not isinstance(old.value, (dict, list)) or added in ({}, []):
            return
        self.copied += len(old.value)
        if self.copied > MAX_COPIED:
            added = None
        if isinstance(added, dict) and isinstance(old.value, dict):
            added = self.fresh(added)
            new = self.bounded({**old.value, **added}, old.span)
        elif isinstance(added, list) and isinstance(old.value, list):
            new = self.bounded(old.value + added, old.span)
        else:
            added, new = None, Value(UNKNOWN_VALUE, old.span)
        self.names[name] = new
        settings = self.aliases.get(name, {}) if cfg is not None else {}
        self.copied += len(settings)  # work per setting counts toward the bound too
        for (cls, trait), span in settings.items():
            cfg.traits[(cls, trait)] = (new, span)  # type: ignore[union-attr]
            if isinstance(added, list):  # the images it adds join the setting's
                collect_images_at(cfg, (cls, trait), Value(added, span), False, self.top_images, True)  # type: ignore[arg-type]

    def unalias(self, setting: tuple[str, str]) -> None:
        """A setting assigned again (or changed through itself) is no longer the object any name holds."""
        for settings in self.aliases.values():
            settings.pop(setting, None)

    def delegates(self, call: ast.Call, cfg: HubConfig) -> None:
        """A call that passes the configuration object on (``configure_spawner(c)``) or loads another file
        (``load_subconfig(path)``): the code that runs there may set anything."""
        import ast

        func = call.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        args = [*call.args, *(kw.value for kw in call.keywords)]
        passes = name not in _READERS and any(isinstance(a, ast.Name) and a.id in self.config_names for a in args)
        if (passes or name == "load_subconfig") and cfg.delegated is None:
            cfg.delegated = call.lineno

    def call_on_names(self, call: ast.Call, cfg: HubConfig) -> None:
        """A list or dict bound to a name that a call may change: its own methods (``update``, ``append``,
        ``extend`` of literals are followed), or passed to a function that is not known to only read it (which may
        change it: unknown)."""
        import ast

        func = call.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.names:
            args = [self.value(a).value for a in call.args]
            if func.attr == "update" and not call.keywords and all(isinstance(a, dict) for a in args):
                self.change_name(func.value.id, {k: v for a in args for k, v in a.items()}, cfg)
            elif func.attr == "append" and len(call.args) == 1 and not call.keywords:
                self.change_name(func.value.id, [self.value(call.args[0])], cfg)
            elif func.attr == "extend" and len(args) == 1 and isinstance(args[0], list):
                self.change_name(func.value.id, list(args[0]), cfg)
            elif func.attr not in ("get", "keys", "values", "items", "copy", "count", "index"):
                self.change_name(func.value.id, None, cfg)
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in _READERS:
            return
        for arg in [*call.args, *(kw.value for kw in call.keywords)]:
            if isinstance(arg, ast.Name):
                self.change_name(arg.id, None, cfg)

    def spawner_methods(self, cls: ast.ClassDef, base: str) -> None:
        """A spawner class the file defines, setting its own traits in the methods every spawn runs
        (``self.image = …`` in ``__init__``, ``start``, ``pre_spawn_start``; not a helper, which may not run): each
        a setting of its spawner base, as a choice, when its value is known and built from nothing the method binds
        — kept until ``spawner_class`` names the class (:meth:`use_spawner`; a class the Hub never uses sets
        nothing).  The last definition of a method counts."""
        import ast

        found = []
        methods = {m.name: m for m in cls.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for method in (m for name, m in methods.items() if name in _EVERY_SPAWN and m.args.args):
            found += self.own_settings(method, base)
        found += self.class_traits(cls, base)
        self.pending[cls.name] = found

    def own_settings(self, func, base: str) -> list:
        """The traits a function sets on the spawner it is given first (``self.image = …``, ``spawner.image = …``)
        in its own body, not in a block (which may not run): each (``(base, trait)``, value, span), when the value
        is known and built from nothing the function binds."""
        import ast

        found = []
        this = func.args.args[0].arg  # `self`, `spawner`
        params = [*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs]
        bound = {a.arg for a in params} | {a.arg for a in (func.args.vararg, func.args.kwarg) if a}
        bound |= {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        for stmt in func.body:
            target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
            if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
                continue
            value = self.value(stmt.value)
            uses = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}
            if target.value.id != this or uses & bound or value.value is UNKNOWN_VALUE:
                continue
            found.append(((base, target.attr), value, self.span(target)))
        return found

    def use_hook(self, func, base: str, cfg: HubConfig) -> None:
        """``c.KubeSpawner.pre_spawn_hook = f`` (or ``options_form``, ``modify_pod_hook``, ``auth_state_hook``: a
        function the spawner calls with itself first, on every spawn): the traits ``f`` sets on it, as choices."""
        if not func.args.args:
            return
        for setting, value, span in self.own_settings(func, base):
            if setting not in cfg.traits:
                cfg.traits[setting] = (value, span)
            collect_images_at(cfg, setting, value, False, self.top_images)

    def class_traits(self, cls: ast.ClassDef, base: str) -> list:
        """The traits a spawner class sets in its own body: a class attribute (``cmd = ["start.sh"]``) or a
        property (``@property def cmd(self): return [...]``) replaces the trait for every spawn.  A property whose
        value hublint cannot read (built from ``self.user.name``) still sets the trait: to an unknown value."""
        import ast

        found = []
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                value = self.value(stmt.value)
                if value.value is not UNKNOWN_VALUE:
                    found.append(((base, stmt.targets[0].id), value, self.span(stmt.targets[0])))
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                isinstance(d, ast.Name) and d.id == "property" for d in stmt.decorator_list
            ):
                returns = [r for r in stmt.body if isinstance(r, ast.Return) and r.value is not None]
                reads = {n.id for r in returns for n in ast.walk(r) if isinstance(n, ast.Name)}
                known = len(returns) == 1 and len(stmt.body) == 1 and not reads & {a.arg for a in stmt.args.args}
                value = self.value(returns[0].value) if known else Value(UNKNOWN_VALUE, self.span(stmt))  # type: ignore[arg-type]
                found.append(((base, stmt.name), value, self.span(stmt)))
        return found

    def use_spawner(self, name: str, cfg: HubConfig) -> None:
        """``c.JupyterHub.spawner_class = MySpawner``: the settings that class's methods make apply."""
        for setting, value, span in self.pending.pop(name, ()):
            if setting not in cfg.traits:
                cfg.traits[setting] = (value, span)
            collect_images_at(cfg, setting, value, False, self.top_images)


def condition(test, value) -> bool | None:
    """Whether an ``if`` test holds, when it is a test of known strings hublint can decide (``not``, ``==``, ``!=``,
    ``.startswith(…)``/``.endswith(…)`` of a string or a tuple of strings; ``value`` reads an expression), else
    None: both branches may run."""
    import ast

    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = condition(test.operand, value)
        return None if inner is None else not inner
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and len(test.args) == 1:
        method = test.func.attr
        if method not in ("startswith", "endswith") or test.keywords:
            return None
        text, arg = value(test.func.value).value, value(test.args[0]).value
        if isinstance(arg, list) and arg and all(isinstance(a.value, str) for a in arg):
            arg = tuple(a.value for a in arg)
        if isinstance(text, str) and isinstance(arg, (str, tuple)):
            return text.startswith(arg) if method == "startswith" else text.endswith(arg)
        return None
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.NotEq)):
        left, right = value(test.left).value, value(test.comparators[0]).value
        if isinstance(left, str) and isinstance(right, str):
            return (left == right) == isinstance(test.ops[0], ast.Eq)
    return None
