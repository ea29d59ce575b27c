"""Typed records without importing :mod:`typing` at run time (a leaf: imports nothing of hublint).

hublint's values are typed ``NamedTuple`` classes.  ``typing.NamedTuple`` costs start-up that a linter run
on one file notices: importing :mod:`typing` itself, and a ``compile`` of every field's annotation (with
``from __future__ import annotations`` each is a string that ``typing`` turns into a ``ForwardRef``) — about
a tenth of the time to lint a one-line Dockerfile.  Type checkers see ``typing.NamedTuple`` (the
``TYPE_CHECKING`` branch); at run time :class:`NamedTuple` builds the same class the way ``typing`` does
(``collections.namedtuple`` with the annotated fields, their defaults, then the class body's methods and
docstring), without evaluating the annotations.  ``TYPE_CHECKING`` is ``False`` here for modules that import
names for annotations only (type checkers treat any name ``TYPE_CHECKING`` as true).
"""

from __future__ import annotations

from collections import namedtuple

__all__ = ["NamedTuple", "TYPE_CHECKING"]

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import NamedTuple
else:
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
