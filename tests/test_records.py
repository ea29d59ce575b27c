"""hublint.records.NamedTuple builds the class typing.NamedTuple builds (without importing typing)."""

from __future__ import annotations

import typing

import pytest

from hublint.records import NamedTuple


def _pair(base):
    class Point(base):
        """A point."""

        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

        def norm(self) -> int:
            return abs(self.x) + abs(self.y)

        @property
        def flat(self) -> bool:
            return self.y == 0

    return Point


def test_a_record_is_the_class_typing_builds():
    mine, theirs = _pair(NamedTuple), _pair(typing.NamedTuple)
    for cls in (mine, theirs):
        p = cls(3, -4)
        assert (p, p.norm(), p.flat, p._replace(y=0).flat) == ((3, -4, ()), 7, False, True)
        assert isinstance(p, tuple) and cls.__bases__ == (tuple,)
    assert mine._fields == theirs._fields == ("x", "y", "tags")
    assert mine._field_defaults == theirs._field_defaults == {"y": 0, "tags": ()}
    assert mine.__doc__ == theirs.__doc__ == "A point."
    assert (mine.__name__, mine.__qualname__, mine.__module__) == (theirs.__name__, theirs.__qualname__, __name__)
    assert list(mine.__annotations__) == list(theirs.__annotations__) == ["x", "y", "tags"]
    assert repr(mine(1, 2)) == repr(theirs(1, 2)) == "Point(x=1, y=2, tags=())"


def test_the_same_mistakes_are_refused():
    with pytest.raises(TypeError, match="non-default"):
        class Bad(NamedTuple):
            a: int = 1
            b: int

    with pytest.raises(AttributeError, match="_replace"):
        class Worse(NamedTuple):
            a: int

            def _replace(self):
                return self
