"""PEP 440 versions and specifier sets, fast for the common case, `packaging` for everything else.

Nearly every version hublint meets is a plain release (``5.3.0``, ``4.1``) and nearly every specifier a
plain clause (``==5.3.0``, ``>=4,<5``, ``==4.*``, ``~=3.1``).  Those are read here, without importing
`packaging` (about 9 ms of start-up: it pulls in ``typing`` and compiles its grammar).  Anything else — pre-,
post- and dev-releases, epochs, local versions, ``===``, odd spellings — goes to `packaging`, which stays the
reference: :mod:`tests/test_pep440` compares both on every spec of the corpora and on generated ones.

Objects of both kinds mix: a fast :class:`Release` compares with a `packaging` ``Version`` (through one), a
fast :class:`Specifiers` answers ``contains`` for either.
"""

from __future__ import annotations

__all__ = ["Release", "Specifier", "Specifiers", "version", "specifier_set"]

_DIGITS = set("0123456789")
_OPERATORS = ("===", "~=", "==", "!=", "<=", ">=", "<", ">")


def _release(text: str) -> tuple[int, ...] | None:
    """``5.3.0`` -> (5, 3, 0); None unless the text is digits and dots only (no leading ``v``, no suffix)."""
    if not text or text[0] == "." or text[-1] == ".":
        return None
    parts = text.split(".")
    for p in parts:
        if not p or not set(p) <= _DIGITS:
            return None
    return tuple(int(p) for p in parts)


def _strip(release: tuple[int, ...]) -> tuple[int, ...]:
    """PEP 440 compares releases with trailing zeros removed (1.0 == 1.0.0)."""
    end = len(release)
    while end > 1 and release[end - 1] == 0:
        end -= 1
    return release[:end]


class Release:
    """A final release ``N(.N)*``: the attributes of `packaging`'s ``Version`` that hublint reads."""

    __slots__ = ("release", "_text", "_key")
    epoch = 0
    pre = post = dev = local = None
    is_prerelease = is_postrelease = is_devrelease = False

    def __init__(self, release: tuple[int, ...], text: str | None = None) -> None:
        self.release = release
        self._text = text if text is not None else ".".join(map(str, release))
        self._key = _strip(release)

    @property
    def major(self) -> int:
        return self.release[0]

    @property
    def minor(self) -> int:
        return self.release[1] if len(self.release) > 1 else 0

    @property
    def micro(self) -> int:
        return self.release[2] if len(self.release) > 2 else 0

    @property
    def base_version(self) -> str:
        return ".".join(map(str, self.release))

    @property
    def public(self) -> str:
        return self.base_version

    def __str__(self) -> str:
        return ".".join(map(str, self.release))

    def __repr__(self) -> str:
        return f"<Version('{self}')>"

    def __hash__(self) -> int:
        return hash(self._key)

    def packaging(self):
        from packaging.version import Version

        return Version(str(self))

    def _cmp(self, other):
        if isinstance(other, Release):
            return self._key, other._key
        if other.__class__.__name__ == "Version" and hasattr(other, "_key"):
            return self.packaging(), other
        return None

    def __eq__(self, other) -> bool:
        pair = self._cmp(other)
        return NotImplemented if pair is None else pair[0] == pair[1]

    def __lt__(self, other) -> bool:
        pair = self._cmp(other)
        return NotImplemented if pair is None else pair[0] < pair[1]

    def __le__(self, other) -> bool:
        pair = self._cmp(other)
        return NotImplemented if pair is None else pair[0] <= pair[1]

    def __gt__(self, other) -> bool:
        pair = self._cmp(other)
        return NotImplemented if pair is None else pair[0] > pair[1]

    def __ge__(self, other) -> bool:
        pair = self._cmp(other)
        return NotImplemented if pair is None else pair[0] >= pair[1]


def version(text: str):
    """A version: :class:`Release` for ``N(.N)*``, else `packaging`'s ``Version`` (``ValueError`` —
    `packaging`'s ``InvalidVersion`` — when it is not PEP 440)."""
    if isinstance(text, str):
        stripped = text.strip()
        release = _release(stripped)
        if release is not None:
            return Release(release)
    from packaging.version import Version

    return Version(text)


def _to_packaging(v):
    return v.packaging() if isinstance(v, Release) else v


class Specifier:
    """One clause: ``operator`` and ``version`` (text, ``4.*`` for a prefix) as `packaging` spells them."""

    __slots__ = ("operator", "version", "_release", "_prefix")

    def __init__(self, operator: str, text: str, release: tuple[int, ...], prefix: bool) -> None:
        self.operator = operator
        self.version = text
        self._release = release
        self._prefix = prefix

    def __str__(self) -> str:
        return f"{self.operator}{self.version}"

    def __repr__(self) -> str:
        return f"<Specifier({str(self)!r})>"

    def contains(self, v) -> bool:
        """For a final release ``v`` (a :class:`Release`)."""
        rel = v.release
        op = self.operator
        if self._prefix:
            n = len(self._release)
            head = _strip((tuple(rel) + (0,) * n)[:n]) == _strip(self._release)
            return head if op == "==" else not head
        mine, theirs = _strip(self._release), _strip(rel)
        if op == "==":
            return mine == theirs
        if op == "!=":
            return mine != theirs
        if op == ">=":
            return theirs >= mine
        if op == "<=":
            return theirs <= mine
        if op == ">":
            return theirs > mine
        if op == "<":
            return theirs < mine
        if op == "~=":
            prefix = _strip(self._release[:-1])
            n = len(self._release) - 1
            return theirs >= mine and _strip((tuple(rel) + (0,) * n)[:n]) == prefix
        raise ValueError(op)  # pragma: no cover - only the operators above are built


class Specifiers:
    """A specifier set of plain clauses (what `packaging`'s ``SpecifierSet`` offers hublint)."""

    __slots__ = ("_specs", "_text")

    def __init__(self, specs: list[Specifier], text: str) -> None:
        self._specs = specs
        self._text = text

    def __iter__(self):
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def __str__(self) -> str:
        return ",".join(sorted(str(s) for s in self._specs))

    def __repr__(self) -> str:
        return f"<SpecifierSet({str(self)!r})>"

    def packaging(self):
        from packaging.specifiers import SpecifierSet

        return SpecifierSet(self._text)

    def contains(self, item, prereleases: bool | None = None) -> bool:
        if isinstance(item, str):
            item = version(item)
        if not isinstance(item, Release):
            return self.packaging().contains(item, prereleases=prereleases)
        return all(s.contains(item) for s in self._specs)

    def __contains__(self, item) -> bool:
        return self.contains(item)


def _clause(text: str) -> Specifier | None:
    text = text.strip()
    for op in _OPERATORS:
        if text.startswith(op):
            break
    else:
        return None
    if op == "===":
        return None
    rest = text[len(op) :].strip()
    prefix = rest.endswith(".*")
    body = rest[:-2] if prefix else rest
    release = _release(body)
    if release is None or (prefix and op not in ("==", "!=")):
        return None
    if op == "~=" and len(release) < 2:
        return None
    return Specifier(op, rest, release, prefix)


_NO_SPECIFIERS = Specifiers([], "")


def specifier_set(text: str):
    """A specifier set: :class:`Specifiers` for plain clauses, else `packaging`'s ``SpecifierSet``
    (``ValueError`` — ``InvalidSpecifier`` — when it is not PEP 440)."""
    stripped = text.strip()
    if not stripped:
        return _NO_SPECIFIERS  # one for every unpinned install (166,000 `pip install` words in 1 MB)
    specs = []
    for part in stripped.split(","):
        spec = _clause(part)
        if spec is None:
            from packaging.specifiers import SpecifierSet

            return SpecifierSet(text)
        specs.append(spec)
    return Specifiers(specs, stripped)


def contains(specs, v) -> bool:
    """``specs.contains(v, prereleases=True)`` for either kind of specifier set and version."""
    if isinstance(specs, Specifiers):
        return specs.contains(v, prereleases=True)
    return specs.contains(_to_packaging(v), prereleases=True)
