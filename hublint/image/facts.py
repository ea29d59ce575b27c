"""The records of image knowledge, shared by :mod:`.knowledge` and :mod:`.stacks` (with its :mod:`.dockerstacks`
and :mod:`.stacksdata`), which import this module and never each other at import time: a field's answer
(:class:`Fact`), what a tag tells (:class:`Contents`), the platform prefix of a tag, and reading this package's
data files.

A field's answer is one of three, and they are never mixed up:

- ``value``: a version (``5.2.1``) or a series (``3.9.*``: some 3.9.x; :attr:`Fact.exact` is False);
- ``unknown``: hublint cannot tell, and :attr:`Fact.reason` says why (never shown as "not installed");
- ``absent``: the image does not have it.
"""

from __future__ import annotations

from ..lazy import pattern
from ..records import namedtuple

__all__ = ["FIELDS", "Fact", "Contents", "known", "unknown", "absent", "platform_prefix_end", "read_data"]

# the fields hublint knows of an image: what `--show-image` prints, and what the rules read
FIELDS = ("jupyterhub", "jupyterlab", "notebook", "jupyter_server", "python")

VALUE, UNKNOWN, ABSENT = "value", "unknown", "absent"


class Fact(namedtuple("Fact", "state value reason", defaults=(None, ""))):
    """One field's answer: ``state`` is ``value``, ``unknown`` or ``absent``; ``value`` the version or series
    (``5.2.1``, ``3.9.*``) when known; ``reason`` why it is unknown (or how a value was narrowed).  An unknown
    jupyterhub whose builds may have had several majors keeps them as ``value`` (``3.*|4.*``: one of these, which
    is unknown); :attr:`version` never returns it, :attr:`alternatives` does."""

    # state: str
    # value: str | None
    # reason: str
    __slots__ = ()

    @property
    def known(self) -> bool:
        return self.state == VALUE

    @property
    def exact(self) -> bool:
        """A full version, not a series."""
        return self.state == VALUE and self.value is not None and not self.value.endswith("*")

    @property
    def alternatives(self) -> str | None:
        """The majors an unknown value is among (``3.*|4.*``), when they are known."""
        return self.value if self.state == UNKNOWN else None

    @property
    def version(self) -> str | None:
        """The version as the rules read it: ``5.2.1``, or a series as its prefix (``3.9``: any 3.9.x)."""
        if self.state != VALUE or self.value is None:
            return None
        return self.value[:-2] if self.value.endswith(".*") else self.value


def known(value: str, reason: str = "") -> Fact:
    return Fact(VALUE, value, reason)


def unknown(reason: str) -> Fact:
    return Fact(UNKNOWN, None, reason)


def absent(reason: str = "") -> Fact:
    return Fact(ABSENT, None, reason)


class Contents(
    namedtuple(
        "Contents",
        "facts exists exists_reason built sources hub_package ends",
        defaults=(None, None, "", None, (), None, None),
    )
):
    """What a tag tells of an image: per field a :class:`Fact` (``facts``; a field missing there is unknown),
    whether the tag was published on that registry (``exists``: True, False, or None for unknown, with
    ``exists_reason``), when it was built (an ISO window "start/end", or a phrase), where the facts come from,
    which package brought jupyterhub (``conda:jupyterhub`` — the whole Hub —, ``conda:jupyterhub-singleuser``,
    ``pip:jupyterhub``…) and the day hublint's knowledge for it ends (``YYYY-MM-DD``)."""

    # facts: Mapping[str, Fact] | None
    # exists: bool | None
    # exists_reason: str
    # built: str | None
    # sources: tuple[str, ...]
    # hub_package: str | None
    # ends: str | None
    __slots__ = ()

    def fact(self, field: str) -> Fact | None:
        """The answer for a field, None when the tag says nothing about it."""
        return (self.facts or {}).get(field)


_PREFIX = pattern(r"(?:(?:x86_64|aarch64|arm64|amd64)-)?(?:(?:cuda\d*|cpu)-)?")


def platform_prefix_end(tag: str) -> int:
    """Where a tag's platform prefix (``x86_64-``, ``cuda12-``…) ends (0 without one).  Whether such a prefix
    ever existed is the image knowledge's question (:mod:`.stacks`), not this one's."""
    m = _PREFIX.match(tag)
    return m.end() if m else 0


def read_data(name: str) -> str:
    """A data file of this package (``images.json``): read from the folder, which is cheaper at start-up than
    importlib.resources; importlib.resources is the fallback for a zipped install."""
    import os

    try:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name), encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        from importlib.resources import files

        return files(__package__).joinpath(name).read_text("utf-8")
