"""Typed records without importing :mod:`typing` at run time (a leaf: imports nothing of hublint).

hublint's values are typed ``NamedTuple`` classes.  ``typing.NamedTuple`` costs start-up that a linter run
on one file notices: importing :mod:`typing` itself, and a ``compile`` of every field's annotation (with
``from __future__ import annotations`` each is a string that ``typing`` turns into a ``ForwardRef``) — about
a tenth of the time to lint a one-line Dockerfile.  Type checkers see ``typing.NamedTuple`` (the
``TYPE_CHECKING`` branch); at run time :class:`NamedTuple` builds the same class the way ``typing`` does
(a named tuple with the annotated fields, their defaults, then the class body's methods and docstring), without
evaluating the annotations.  ``TYPE_CHECKING`` is ``False`` here for modules that import names for annotations
only (type checkers treat any name ``TYPE_CHECKING`` as true).

:func:`namedtuple` is ``collections.namedtuple`` (type checkers see that one) built faster: the standard one
compiles a ``__new__`` for every class with ``eval`` (about 60 µs each here, and a one-file run builds about 50
record classes); this one compiles one ``__new__`` per number of fields and gives each class a copy with its
field names, and shares the other methods (they read ``_fields``).  The classes behave the same: the same
methods, attributes, ``repr``, ``_make``/``_replace``/``_asdict``, pickling and keyword arguments.
"""

from __future__ import annotations

__all__ = ["NamedTuple", "TYPE_CHECKING", "namedtuple"]

TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections import namedtuple
    from typing import NamedTuple
else:
    import sys
    from keyword import iskeyword

    try:
        from _collections import _tuplegetter
    except ImportError:  # not CPython: as collections.namedtuple does
        from operator import itemgetter

        def _tuplegetter(index, doc):
            return property(itemgetter(index), doc=doc)

    _tuple_new = tuple.__new__
    _NEW: dict = {}  # number of fields -> a __new__ to copy

    def _new_template(count):
        found = _NEW.get(count)
        if found is None:
            args = ", ".join(f"_{i}" for i in range(count))
            packed = args + "," if count == 1 else args
            scope: dict = {}
            source = f"def __new__(_cls, {args}):\n    return _tuple_new(_cls, ({packed}))\n"
            exec(source, {"_tuple_new": _tuple_new}, scope)
            found = _NEW[count] = scope["__new__"]
        return found

    @classmethod
    def _make(cls, iterable):
        result = _tuple_new(cls, iterable)
        if len(result) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
        return result

    def _replace(self, /, **kwds):
        result = self._make(map(kwds.pop, self._fields, self))
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    def _repr(self):
        shown = ", ".join([f"{n}={v!r}" for n, v in zip(self._fields, self, strict=True)])
        return f"{self.__class__.__name__}({shown})"

    def _asdict(self):
        return dict(zip(self._fields, self, strict=True))

    def _getnewargs(self):
        return tuple(self)

    def namedtuple(typename, field_names, *, defaults=None, module=None):
        """``collections.namedtuple`` (without ``rename``): field names are identifiers, none starting with ``_``."""
        fields = tuple(field_names.replace(",", " ").split() if isinstance(field_names, str) else field_names)
        if not typename.isidentifier() or iskeyword(typename):
            raise ValueError(f"not a type name: {typename!r}")
        for name in fields:
            if not name.isidentifier() or iskeyword(name) or name.startswith("_"):
                raise ValueError(f"not a field name: {name!r}")
        if len(set(fields)) != len(fields):
            raise ValueError(f"a field name repeats in {fields!r}")
        given = defaults is not None
        defaults = tuple(defaults) if given else ()
        if len(defaults) > len(fields):
            raise TypeError("Got more default values than field names")
        template = _new_template(len(fields))
        code = template.__code__.replace(co_varnames=("_cls", *fields), co_qualname=f"{typename}.__new__")
        new = type(template)(code, template.__globals__, "__new__", defaults if given else None)
        arguments = ", ".join(fields) + ("," if len(fields) == 1 else "")
        new.__doc__ = f"Create new instance of {typename}({arguments})"
        namespace = {
            "__doc__": f"{typename}({arguments})",
            "__slots__": (),
            "_fields": fields,
            "_field_defaults": dict(zip(fields[len(fields) - len(defaults) :], defaults, strict=True)),
            "__new__": new,
            "_make": _make,
            "_replace": _replace,
            "__repr__": _repr,
            "_asdict": _asdict,
            "__getnewargs__": _getnewargs,
            "__match_args__": fields,
        }
        for index, name in enumerate(fields):
            namespace[name] = _tuplegetter(index, f"Alias for field number {index}")
        result = type(typename, (tuple,), namespace)
        if module is None:
            module = sys._getframe(1).f_globals.get("__name__", "__main__")
        result.__module__ = module
        return result

    # as typing.NamedTupleMeta: names a record cannot redefine, and names not copied from the class body
    _PROHIBITED = frozenset(
        {
            "__new__",
            "__init__",
            "__slots__",
            "__getnewargs__",
            "_fields",
            "_field_defaults",
            "_make",
            "_replace",
            "_asdict",
            "_source",
        }
    )
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _RecordMeta(type):
        def __new__(mcls, name, bases, namespace):
            if namespace.get("__module__") == __name__:  # NamedTuple itself
                return super().__new__(mcls, name, bases, namespace)
            if bases != (NamedTuple,):
                raise TypeError("a record can only inherit from NamedTuple")
            if "__annotations__" not in namespace and "__annotate__" in namespace:
                raise TypeError(
                    f"{name}: annotations are not evaluated here (use `from __future__ import annotations`)"
                )
            fields = dict(namespace.get("__annotations__", {}))
            defaults = []
            for field in fields:
                if field in namespace:
                    defaults.append(namespace[field])
                elif defaults:
                    raise TypeError(f"{name}: non-default field {field!r} cannot follow default fields")
            record = namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            record.__annotations__ = record.__new__.__annotations__ = fields
            for key, value in namespace.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"cannot overwrite NamedTuple attribute {key}")
                if key not in _SPECIAL and key not in fields:
                    setattr(record, key, value)
            return record

    class NamedTuple(metaclass=_RecordMeta):
        """Base of a typed record: ``class Point(NamedTuple): x: int; y: int = 0``."""
