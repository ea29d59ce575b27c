"""What a Hub configuration does to the names it binds, read statically for :class:`.hubconfig._PyReader` (a
mixin: it uses the reader's ``names``, ``value``, ``bounded``, ``span`` and ``top_images``): a list or dict built in
a name before a setting is assigned from it, a call that hands the configuration to code hublint does not read, and
the traits a spawner class the file defines sets in its methods."""

from __future__ import annotations

from ..records import TYPE_CHECKING
from .spawnimages import collect_images_at
from .values import UNKNOWN_VALUE, Span, Value

if TYPE_CHECKING:
    import ast

    from .hubconfig import HubConfig

_EVERY_SPAWN = frozenset({"__init__", "start", "pre_spawn_start"})  # a spawner's methods every spawn runs


class NameChanges:
    # the reader's (:class:`.hubconfig._PyReader`)
    names: dict[str, Value]
    config_names: set[str]
    top_images: dict

    if TYPE_CHECKING:

        def value(self, node: ast.AST, depth: int = 0) -> Value: ...

        def bounded(self, items, span: Span) -> Value: ...

        def span(self, node: ast.AST) -> Span: ...

    def change_name(self, name: str, added: dict | list | None) -> None:
        """A list or dict bound to a name changed in place (``volumes[key] = path``, ``.update({…})``,
        ``.append(x)``): the keys or items ``added``; None (a change hublint does not follow) makes it unknown."""
        old = self.names.get(name)
        if old is None or not isinstance(old.value, (dict, list)):
            return
        if isinstance(added, dict) and isinstance(old.value, dict):
            self.names[name] = self.bounded({**old.value, **added}, old.span)
        elif isinstance(added, list) and isinstance(old.value, list):
            self.names[name] = self.bounded(old.value + added, old.span)
        else:
            self.names[name] = Value(UNKNOWN_VALUE, old.span)

    def delegates(self, call: ast.Call, cfg: HubConfig) -> None:
        """A call that passes the configuration object on (``configure_spawner(c)``) or loads another file
        (``load_subconfig(path)``): the code that runs there may set anything."""
        import ast

        func = call.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        args = [*call.args, *(kw.value for kw in call.keywords)]
        passes = any(isinstance(a, ast.Name) and a.id in self.config_names for a in args)
        if (passes or name == "load_subconfig") and cfg.delegated is None:
            cfg.delegated = call.lineno

    def call_on_names(self, call: ast.Call) -> None:
        """A list or dict bound to a name that a call may change: its own methods (``update``, ``append``,
        ``extend`` of literals are followed), or passed to a function (which may change it: unknown)."""
        import ast

        func = call.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.names:
            args = [self.value(a).value for a in call.args]
            if func.attr == "update" and not call.keywords and all(isinstance(a, dict) for a in args):
                self.change_name(func.value.id, {k: v for a in args for k, v in a.items()})
            elif func.attr == "append" and len(call.args) == 1 and not call.keywords:
                self.change_name(func.value.id, [self.value(call.args[0])])
            elif func.attr == "extend" and len(args) == 1 and isinstance(args[0], list):
                self.change_name(func.value.id, list(args[0]))
            elif func.attr not in ("get", "keys", "values", "items", "copy", "count", "index"):
                self.change_name(func.value.id, None)
        for arg in [*call.args, *(kw.value for kw in call.keywords)]:
            if isinstance(arg, ast.Name):
                self.change_name(arg.id, None)

    def spawner_methods(self, cls: ast.ClassDef, base: str, cfg: HubConfig) -> None:
        """A spawner class the file defines, setting its own traits in the methods every spawn runs
        (``self.image = …`` in ``__init__``, ``start``, ``pre_spawn_start``; not a helper, which may not run): each
        a setting of its spawner base, as a choice, when its value is known and built from nothing the method binds."""
        import ast

        functions = [m for m in cls.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.args.args]
        for method in (m for m in functions if m.name in _EVERY_SPAWN):
            this = method.args.args[0].arg  # `self`
            bound = {a.arg for a in [*method.args.args, *method.args.kwonlyargs]}
            bound |= {n.id for n in ast.walk(method) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            for stmt in method.body:
                target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
                if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
                    continue
                value = self.value(stmt.value)  # type: ignore[attr-defined]
                uses = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}  # type: ignore[attr-defined]
                if target.value.id != this or uses & bound or value.value is UNKNOWN_VALUE:
                    continue
                setting = (base, target.attr)
                if setting not in cfg.traits:
                    cfg.traits[setting] = (value, self.span(target))
                collect_images_at(cfg, setting, value, False, self.top_images)
