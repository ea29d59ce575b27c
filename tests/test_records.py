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


def _behaviour(factory):
    """What a named tuple class does, as data: the standard one and hublint's must give the same."""
    import copy

    Point = factory("Point", "x y z", defaults=(3,), module=__name__)
    p = Point(1, y=2)
    seen = [repr(p), p._replace(x=9), p._asdict(), Point._make((4, 5, 6)), Point._fields, Point._field_defaults]
    seen += [Point.__doc__, Point.__new__.__doc__, Point.x.__doc__, Point.__match_args__, Point.__module__]
    seen += [copy.copy(p), p == (1, 2, 3), hash(p) == hash((1, 2, 3)), Point.__slots__, p[1:], list(p)]
    for call in (lambda: Point(1), lambda: Point._make((1,)), lambda: p._replace(w=1), lambda: p.w):
        try:
            call()
        except Exception as exc:  # noqa: BLE001 — the kind and the message are compared
            seen.append((type(exc).__name__, str(exc)))
    match p:
        case Point(a, b, c):
            seen.append((a, b, c))
    one = factory("One", ["v"])
    seen += [one(5), one._make([6]), factory("Empty", "")(), factory("Comma", "a, b")(1, 2)]
    seen += [one.__doc__, one.__new__.__doc__, factory("D", "a b", defaults=()).__new__.__defaults__]
    return [repr(s) for s in seen]


def test_the_fast_namedtuple_behaves_as_the_standard_one():
    import collections

    from hublint.records import namedtuple

    assert namedtuple is not collections.namedtuple
    assert _behaviour(namedtuple) == _behaviour(collections.namedtuple)
    for bad in ("_x", "class", "a-b", "x x"):
        with pytest.raises(ValueError):
            namedtuple("Bad", bad)
    with pytest.raises(TypeError):
        namedtuple("Bad", "a", defaults=(1, 2))
    import pickle

    from hublint.image.facts import Fact  # a record of a module built by records.namedtuple

    fact = Fact("known", "5.2.1", "the tag says so")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(fact, protocol=protocol))
        assert again == fact and type(again) is Fact
