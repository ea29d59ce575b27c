"""The variables a Dockerfile step sees, kept for every step without copying them.

Each ARG or ENV gives the steps after it a new set of variables; a dict per step costs the square of the
Dockerfile's length (40,000 ``ENV A$i=1`` lines are 800 million entries).  Instead a :class:`Scope` (a
stage's ENVs, or what its steps see) records each name's values in the order they were bound, and an
:class:`Env` — what one step sees — is the scope and a version number: a binding costs O(1), a lookup a
bisection.  A stage starts from its parent stage's variables: the parent's final :class:`Env` itself while
such chains are short, and every :data:`MAX_CHAIN` stages a :class:`Frozen` map, an immutable hash trie that
shares all but a path with the one it was made from, so a chain of 40,000 stages is no copy either.

An :class:`Env` also carries the Dockerfile's expansion :class:`Budget` (see :func:`hublint.expand.expand`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping

__all__ = ["Env", "Scope", "Frozen", "Budget"]

MAX_CHAIN = 16  # Envs a lookup may pass through before a Frozen map
_BITS = 5
_MASK = (1 << _BITS) - 1
_HASH = (1 << 64) - 1
_MISSING = object()


class Budget:
    """What a Dockerfile's expansions may still cost (shared by its Envs): ``left`` characters of long results,
    and ``work`` units of pattern matching (``${V%%*.*}``: the value's length times the pattern's)."""

    __slots__ = ("left", "work")

    def __init__(self, left: int, work: int = 100_000_000) -> None:
        self.left = left
        self.work = work


class _Node:
    __slots__ = ("bitmap", "slots", "owner")

    def __init__(self, bitmap: int, slots: list, owner: object) -> None:
        self.bitmap = bitmap
        self.slots = slots  # each: a leaf (hash, key, value), a _Node, or a _Bucket
        self.owner = owner  # the batch that made it, and may still change it in place


class _Bucket:
    """Keys whose 64-bit hashes are equal."""

    __slots__ = ("hash", "items")

    def __init__(self, h: int, items: tuple) -> None:
        self.hash = h
        self.items = items  # ((key, value), ...)


_EMPTY_NODE = _Node(0, [], None)


def _hash_of(entry) -> int:
    return entry.hash if type(entry) is _Bucket else entry[0]


def _pair(a, b: tuple, shift: int, owner: object) -> _Node:
    """A node holding an entry ``a`` (a leaf or a bucket) and a leaf ``b`` whose hashes differ."""
    ha, hb = _hash_of(a), b[0]
    ia, ib = (ha >> shift) & _MASK, (hb >> shift) & _MASK
    if ia == ib:
        return _Node(1 << ia, [_pair(a, b, shift + _BITS, owner)], owner)
    return _Node((1 << ia) | (1 << ib), [a, b] if ia < ib else [b, a], owner)


def _assoc(node: _Node, leaf: tuple, shift: int, owner: object) -> tuple[_Node, bool]:
    """``node`` with ``leaf`` bound (in place when ``owner`` made it); (node, whether the key is new)."""
    h = leaf[0]
    bit = 1 << ((h >> shift) & _MASK)
    idx = (node.bitmap & (bit - 1)).bit_count()
    mine = node.owner is owner
    if not node.bitmap & bit:
        if mine:
            node.slots.insert(idx, leaf)
            node.bitmap |= bit
            return node, True
        return _Node(node.bitmap | bit, [*node.slots[:idx], leaf, *node.slots[idx:]], owner), True
    entry = node.slots[idx]
    added = False
    new: object
    if type(entry) is tuple:
        if entry[0] == h and entry[1] == leaf[1]:
            new = leaf
        elif entry[0] == h:
            new, added = _Bucket(h, ((entry[1], entry[2]), (leaf[1], leaf[2]))), True
        else:
            new, added = _pair(entry, leaf, shift + _BITS, owner), True
    elif type(entry) is _Bucket:
        if entry.hash != h:
            new, added = _pair(entry, leaf, shift + _BITS, owner), True
        else:
            items = [(k, v) for k, v in entry.items if k != leaf[1]]
            added = len(items) == len(entry.items)
            new = _Bucket(h, (*items, (leaf[1], leaf[2])))
    else:
        new, added = _assoc(entry, leaf, shift + _BITS, owner)
        if new is entry:
            return node, added
    if mine:
        node.slots[idx] = new
        return node, added
    slots = list(node.slots)
    slots[idx] = new
    return _Node(node.bitmap, slots, owner), added


def _leaves(node: _Node) -> Iterator[tuple]:
    for entry in node.slots:
        if type(entry) is tuple:
            yield entry[1], entry[2]
        elif type(entry) is _Bucket:
            yield from entry.items
        else:
            yield from _leaves(entry)


class _Found(Mapping):
    """A mapping read through ``_find(key)``, which answers ``_MISSING`` for a name not bound."""

    __slots__ = ()

    def _find(self, key):
        raise NotImplementedError

    def __getitem__(self, key):
        value = self._find(key)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        value = self._find(key)
        return default if value is _MISSING else value

    def __contains__(self, key) -> bool:
        return self._find(key) is not _MISSING


class Frozen(_Found):
    """An immutable ``name -> value`` mapping (value ``None``: declared without a value); iteration is sorted."""

    __slots__ = ("_root", "_len", "budget")

    def __init__(self, items: Mapping | Iterable = (), budget: Budget | None = None) -> None:
        self._root = _EMPTY_NODE
        self._len = 0
        self.budget = budget
        pairs = items.items() if isinstance(items, Mapping) else items
        self._root, self._len = self._added(pairs)

    def _added(self, pairs) -> tuple[_Node, int]:
        root, size, owner = self._root, self._len, object()
        for key, value in pairs:
            root, added = _assoc(root, (hash(key) & _HASH, key, value), 0, owner)
            size += added
        return root, size

    def update(self, pairs: Mapping | Iterable) -> Frozen:
        """A new map with ``pairs`` bound (one batch: the nodes it copies are copied once)."""
        pairs = list(pairs.items() if isinstance(pairs, Mapping) else pairs)
        if not pairs:
            return self
        out = Frozen.__new__(Frozen)
        out.budget = self.budget
        out._root, out._len = self._added(pairs)
        return out

    def set(self, key: str, value: str | None) -> Frozen:
        return self.update([(key, value)])

    def _find(self, key):
        if not isinstance(key, str):
            return _MISSING
        h = hash(key) & _HASH
        node = self._root
        shift = 0
        while True:
            bit = 1 << ((h >> shift) & _MASK)
            if not node.bitmap & bit:
                return _MISSING
            entry = node.slots[(node.bitmap & (bit - 1)).bit_count()]
            if type(entry) is tuple:
                return entry[2] if entry[0] == h and entry[1] == key else _MISSING
            if type(entry) is _Bucket:
                for k, v in entry.items:
                    if k == key:
                        return v
                return _MISSING
            node = entry
            shift += _BITS

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(k for k, _ in _leaves(self._root)))

    def __len__(self) -> int:
        return self._len

    def __repr__(self) -> str:
        return f"Frozen({dict(sorted(_leaves(self._root)))!r})"


class Scope:
    """Bindings made in order over a ``base`` mapping: each name's (version, value), or, once it is bound
    again, ([versions], [values])."""

    __slots__ = ("base", "names", "version", "budget", "chain", "_frozen")

    def __init__(self, base: Mapping = Frozen(), budget: Budget | None = None) -> None:
        self.base = base
        self.names: dict[str, tuple] = {}
        self.version = 0
        self.budget = budget
        self.chain: int = base._scope.chain + 1 if isinstance(base, Env) else 0  # Envs below this one
        self._frozen: Frozen | None = None

    def start(self) -> Mapping:
        """What a scope built on this one's bindings now (a stage FROM this one) starts from: this scope's
        current Env while the chain of Envs is short, else its :meth:`frozen` map.  (The scope must not change
        afterwards.)"""
        return self.view() if self.chain < MAX_CHAIN else self.frozen()

    def bind(self, pairs: Iterable) -> Env:
        """Bind ``pairs`` (in order: the last of a name wins); what the steps after see."""
        self.version += 1
        self._frozen = None
        v = self.version
        names = self.names
        for key, value in pairs:
            entry = names.get(key)
            if entry is None or entry[0] == v:
                names[key] = (v, value)  # a name bound once (or again in this batch: the last wins)
            elif type(entry[0]) is int:
                names[key] = ([entry[0], v], [entry[1], value])
            elif entry[0][-1] == v:
                entry[1][-1] = value
            else:
                entry[0].append(v)
                entry[1].append(value)
        return Env(self, v)

    def latest(self) -> Iterator[tuple[str, object]]:
        """Each name and its last value."""
        for key, (versions, values) in self.names.items():
            yield key, values if type(versions) is int else values[-1]

    def view(self) -> Env:
        return Env(self, self.version)

    def frozen(self) -> Frozen:
        """The bindings now, as a :class:`Frozen` map: the nearest frozen map below, and the bindings of every
        scope above it in one batch."""
        if self._frozen is None:
            scopes, scope = [self], self
            while isinstance(scope.base, Env) and scope.base._scope._frozen is None:
                scope = scope.base._scope
                scopes.append(scope)
            below = scope.base
            if isinstance(below, Env):
                base = below._scope._frozen
            elif isinstance(below, Frozen):
                base = below
            else:
                base = Frozen(below, self.budget)
            assert base is not None
            self._frozen = base.update(pair for scope in reversed(scopes) for pair in scope.latest())
        return self._frozen


class Env(_Found):
    """What one step sees: a :class:`Scope` at one version (an immutable mapping; iteration is sorted)."""

    __slots__ = ("_scope", "_version")

    def __init__(self, scope: Scope, version: int) -> None:
        self._scope = scope
        self._version = version

    @classmethod
    def of(cls, items: Mapping | Iterable = (), budget: Budget | None = None) -> Env:
        scope = Scope(Frozen(), budget)
        return scope.bind(items.items() if isinstance(items, Mapping) else items)

    @property
    def budget(self) -> Budget | None:
        return self._scope.budget

    def _find(self, key):
        entry = self._scope.names.get(key)
        if entry is not None:
            versions, values = entry
            if type(versions) is int:
                if versions <= self._version:
                    return values
            elif versions[-1] <= self._version:
                return values[-1]
            else:
                i = bisect_right(versions, self._version) - 1
                if i >= 0:
                    return values[i]
        return self._scope.base.get(key, _MISSING)

    def _keys(self) -> set:
        v = self._version
        keys = {k for k, (at, _) in self._scope.names.items() if (at if type(at) is int else at[0]) <= v}
        keys.update(self._scope.base)
        return keys

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._keys()))

    def __len__(self) -> int:
        return len(self._keys())

    def __bool__(self) -> bool:  # (cheap; a view made before its scope's first binding may say True)
        return bool(self._scope.base) or (self._version > 0 and bool(self._scope.names))

    def __repr__(self) -> str:
        return f"Env({dict(self.items())!r})"
