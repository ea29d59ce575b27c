"""Image names with parts computed at build time, and the one matcher every comparison of names uses.

A build definition often names its image with parts only the build knows: ``$(shell git rev-parse …)``, a
backtick command, ``${{ github.sha }}``, ``$CI_COMMIT_SHORT_SHA``, a variable nothing assigns.  Such a part is
written as :data:`COMPUTED` (the same character :mod:`hublint.dockerfile.expand` uses for an unknown value),
and names match on their literal parts: ``example.org/team/lab:<computed>`` is the image a spawner names
``example.org/team/lab:3f9c2e1``, ``example.org/team/base-<computed>`` is the base ``FROM
example.org/team/base-${branch}`` asks for.  A name whose last path component has no literal letter or digit
(``$(IMAGE)``, ``ghcr.io/org/${{ matrix.name }}`` unexpanded) says nothing and matches nothing.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..dockerfile.expand import UNKNOWN
from ..dockerfile.imageref import parse_ref

__all__ = ["COMPUTED", "computed", "split", "specific", "same_name", "same_image", "tagged_apart", "shown"]

COMPUTED = UNKNOWN


def computed(text: str) -> bool:
    return COMPUTED in text


@lru_cache(maxsize=4096)
def split(ref: str) -> tuple[str, str | None]:
    """(the normalised name, the tag or None): ``docker.io/library/x`` as Docker normalises it when the name's
    first component is literal; as written (lower case) when that component is computed (its registry is
    unknown)."""
    ref = ref.partition("@")[0]
    slash, colon = ref.rfind("/"), ref.rfind(":")
    name, tag = (ref[:colon], ref[colon + 1 :]) if colon > slash else (ref, None)
    if COMPUTED in name.split("/", 1)[0]:
        return name.lower(), tag
    return parse_ref(name).name, tag


@lru_cache(maxsize=4096)
def specific(ref: str) -> bool:
    """Whether a name says enough to be matched: its last path component has a literal letter or digit."""
    last = split(ref)[0].rsplit("/", 1)[-1]
    return any(ch.isalnum() for ch in last.replace(COMPUTED, ""))


_MAX_PARTS = 17  # computed parts of a name matched at most (16), and characters of a name
_MAX_NAME = 1024


def _matches(name: str, literal: str) -> bool:
    """Can ``name`` (with computed parts) be ``literal``?  A computed part that follows literal text of its own
    path component (`base-<computed>`, `jupyterhub<computed>`) is the rest of that component, never a `/`; any
    other may hold several components (`$REGISTRY/$OWNER/x`, `${PREFIX}python`: a prefix ending in `/`).  Read
    without backtracking: the positions each literal part can end at, one part after the other (linear in the
    parts, each position visited once per part)."""
    parts = name.split(COMPUTED)
    if len(parts) > _MAX_PARTS or len(literal) > _MAX_NAME or not literal.startswith(parts[0]):
        return False  # a name of that many computed parts says nothing; one that long is no image's
    slashes, last = [], -1  # the last `/` before each position
    for i, ch in enumerate(literal):
        slashes.append(last)
        last = i if ch == "/" else last
    slashes.append(last)
    reach = [len(parts[0])]  # where the text matched so far may end, ascending
    before = parts[0]
    for part in parts[1:]:
        slashless = bool(before) and not before.endswith("/")  # this computed part stays in its component
        before += part
        found: list[int] = []
        start = reach[0]
        at = literal.find(part, start)
        while at >= 0:
            ok = reach[0] <= at if not slashless else _reachable(reach, slashes[at], at)
            if ok:
                found.append(at + len(part))
            at = literal.find(part, at + 1) if part else (at + 1 if at < len(literal) else -1)
        reach = sorted(set(found))
        if not reach:
            return False
    return len(literal) in reach


def _reachable(reach: list[int], slash: int, at: int) -> bool:
    """Is there a position in ``reach`` at or before ``at`` after ``slash`` (the last `/` before ``at``)?"""
    i = bisect.bisect_right(reach, at) - 1
    return i >= 0 and reach[i] > slash


def _compatible(a: str, b: str) -> bool:
    """Two names with computed parts can be the same string: their literal heads agree (one starts the other)
    and so do their literal tails (a computed part in each can absorb everything in between)."""
    head_a, head_b = a.split(COMPUTED, 1)[0], b.split(COMPUTED, 1)[0]
    tail_a, tail_b = a.rsplit(COMPUTED, 1)[-1], b.rsplit(COMPUTED, 1)[-1]
    heads = head_a.startswith(head_b) or head_b.startswith(head_a)
    tails = tail_a.endswith(tail_b) or tail_b.endswith(tail_a)
    return heads and tails


def same_name(a: str, b: str) -> bool:
    """Whether two image names (tags ignored) can name the same image, computed parts matching anything."""
    if not (specific(a) and specific(b)):
        return False
    name_a, name_b = split(a)[0], split(b)[0]
    if COMPUTED not in name_a and COMPUTED not in name_b:
        return name_a == name_b
    if COMPUTED in name_a and COMPUTED in name_b:
        return _compatible(name_a, name_b)
    pattern, literal = (name_a, name_b) if COMPUTED in name_a else (name_b, name_a)
    return _matches(pattern, literal)


def same_image(a: str, b: str) -> bool:
    """:func:`same_name`, and the same tag when both tags are written literally (a missing tag is ``latest``)."""
    if not same_name(a, b):
        return False
    tag_a, tag_b = split(a)[1] or "latest", split(b)[1] or "latest"
    return COMPUTED in tag_a or COMPUTED in tag_b or tag_a == tag_b


def tagged_apart(a: str, b: str) -> bool:
    """Are two references of one name different images told apart by a word of their tags — ``team/x:hub-4.0.2``
    and ``team/x:singleuser-4.0.2-py3.10`` — rather than two versions of one image (``v1``/``v2``, a date, a
    computed tag)?  Both tags name words, none of them shared (``latest`` and computed parts name none)."""

    def words(ref: str) -> set[str]:
        tag = split(ref)[1]
        if tag is None or tag == "latest":
            return set()
        found = {w for part in tag.lower().split(COMPUTED) for w in re.findall(r"[a-z]+", part)}
        return found - {"v"}  # a version's `v` (`nair_v0.0.16`, `sage_v0.2`) tells nothing apart

    wa, wb = words(a), words(b)
    return bool(wa) and bool(wb) and not wa & wb


def shown(ref: str) -> str:
    """A name for people: each computed part as ``<computed>``."""
    return ref.replace(COMPUTED, "<computed>")
