"""Version sets: what a pip (PEP 440) or conda (MatchSpec) spec admits, and the Hub's compatibility rule.

A :class:`VersionSet` is a union of PEP 440 ``SpecifierSet`` s (conda's ``|`` alternatives);
conda's fuzzy ``=4.0.2`` becomes ``==4.0.2.*`` (F8.5).
"""

from __future__ import annotations

from ..lazy import pattern
from ..records import namedtuple

# plain versions and specifiers are read by .pep440; packaging is imported only for the unusual ones
from .pep440 import contains as _contains
from .pep440 import specifier_set, version

TYPE_CHECKING = False
if TYPE_CHECKING:
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

__all__ = [
    "VersionSet",
    "conda_version_set",
    "pip_version_set",
    "hub_compatible",
    "parse_version",
    "provided_version_set",
    "provided_hub_versions",
    "hub_admits",
    "hub_range_admits",
    "admits_only",
]

_CONDA_OP = pattern(r"(==|!=|>=|<=|~=|>|<|=)?\s*(.+)")


def parse_version(text: str) -> Version | None:
    try:
        return version(text)
    except (ValueError, TypeError):
        return None


def _base(version: str) -> Version | None:
    return parse_version(version[:-2] if version.endswith(".*") else version)


def _edge_probes(alt) -> set:
    """The versions where a specifier set's answer can change: each bound, and the patch release after it."""
    probes = set()
    for sp in alt:
        v = _base(sp.version)
        if v is None:
            continue
        probes.add(v)
        rel = list(v.release) + [0] * (3 - len(v.release))
        probes.add(version(".".join(map(str, [*rel[:2], rel[2] + 1]))))
    return probes


class VersionSet(namedtuple("VersionSet", "alternatives text")):
    # alternatives: tuple[SpecifierSet, ...]
    # text: str
    __slots__ = ()

    @property
    def shown(self) -> str:
        """For messages: ``4.x`` for what a ``4`` tag provides, the spec as written otherwise."""
        text = self.text
        if text.startswith("=") and not text.startswith("==") and "," not in text and "|" not in text:
            return text[1:] + ".x"
        return text.removeprefix("==")

    @property
    def unconstrained(self) -> bool:
        return any(len(alt) == 0 for alt in self.alternatives)

    def _majors(self, alt: SpecifierSet) -> tuple[int, float]:
        lo: int = 0
        hi: float = float("inf")
        for sp in alt:
            op, text = sp.operator, sp.version
            v = _base(text)
            if v is None:
                continue
            if op in ("==", "===", "~="):
                lo, hi = max(lo, v.major), min(hi, v.major)
            elif op in (">=", ">"):
                lo = max(lo, v.major)
            elif op == "<=":
                hi = min(hi, v.major)
            elif op == "<":
                rest_zero = all(x == 0 for x in v.release[1:])
                hi = min(hi, v.major - 1 if rest_zero else v.major)
        return lo, hi

    def single_major(self) -> bool:
        """Does every admitted version share one major version?  (HUB203's "pinned".)"""
        majors = set()
        for alt in self.alternatives:
            lo, hi = self._majors(alt)
            if hi == float("inf") or hi - lo > 0:
                return False
            if lo <= hi:
                majors.add(lo)
        return len(majors) <= 1

    def max_major(self) -> float:
        """The highest major version admitted (``inf`` when unbounded): what pip picks, roughly."""
        return max(self._majors(alt)[1] for alt in self.alternatives)

    def below_major(self, major: int) -> bool:
        """Is every admitted version older than ``major``.0?"""
        return all(self._majors(alt)[1] < major for alt in self.alternatives)

    def exact(self) -> Version | None:
        """The one version this set pins, if it pins one (``==X.Y.Z``, conda ``=X.Y.Z``)."""
        if len(self.alternatives) != 1:
            return None
        (alt,) = self.alternatives
        for sp in alt:
            if sp.operator in ("==", "==="):
                if sp.version.endswith(".*"):
                    v = _base(sp.version)
                    if v is not None and len(v.release) >= 3:
                        return v
                else:
                    return parse_version(sp.version)
        return None

    def lowest_major_minor(self) -> Version | None:
        """A representative lowest version (for version floors), if bounded below."""
        best = None
        for alt in self.alternatives:
            for sp in alt:
                if sp.operator in ("==", "===", "~=", ">=", ">"):
                    v = _base(sp.version)
                    if v is not None and (best is None or v < best):
                        best = v
        return best

    def admits_compatible(self, hub: Version) -> bool:
        """Is some admitted version compatible with a Hub at ``hub`` (F1.2–F1.3)?"""
        Version = version

        if hub.major >= 5:
            low, high = Version(f"{hub.major}"), Version(f"{hub.major}.9999.9999")
        else:
            low, high = Version(f"{hub.major}.{hub.minor}"), Version(f"{hub.major}.{hub.minor}.9999")
        for alt in self.alternatives:
            for probe in _edge_probes(alt) | {hub, low, high}:
                # the release part decides (the Hub parses both versions and compares their numbers, so
                # 4.1.0rc1, 4.1.0.dev0 and 4.1.0.post1 are all 4.1.0 to it)
                if low <= Version(probe.base_version) <= high and _contains(alt, probe):
                    return True
        return False

    def admits_from(self, floor: Version) -> bool:
        """Does the set admit some version at or above ``floor`` (pre-releases included)?"""
        Version = version

        for alt in self.alternatives:
            probes = _edge_probes(alt) | {floor, Version("9999")}
            if any(Version(p.base_version) >= floor and _contains(alt, p) for p in probes):
                return True
        return False


def _alt_bounds(alt) -> tuple[Version | None, Version | None]:
    """(lowest admitted, first version above every admitted one) of one specifier set; None where unbounded."""
    lo: Version | None = None
    hi: Version | None = None

    def above(v: Version) -> Version:  # just after ``v`` and its post releases, before its next release
        return version(f"{v.base_version}.0.0.0.1")

    def raise_lo(v: Version) -> None:
        nonlocal lo
        lo = v if lo is None or v > lo else lo

    def lower_hi(v: Version) -> None:
        nonlocal hi
        hi = v if hi is None or v < hi else hi

    for sp in alt:
        op, text = sp.operator, sp.version
        v = _base(text)
        if v is None:
            return None, None
        if op in ("==", "===") and text.endswith(".*"):
            rel = list(v.release)
            rel[-1] += 1
            raise_lo(v)
            lower_hi(version(".".join(map(str, rel))))
        elif op in ("==", "==="):
            raise_lo(v)
            lower_hi(above(v))
        elif op == ">=":
            raise_lo(v)
        elif op == ">":
            raise_lo(above(v))
        elif op == "<":
            lower_hi(v)
        elif op == "<=":
            lower_hi(above(v))
        elif op == "~=":
            rel = list(v.release[:-1]) or [v.major]
            rel[-1] += 1
            raise_lo(v)
            lower_hi(version(".".join(map(str, rel))))
    return lo, hi


def admits_only(versions: VersionSet, low: str, high: str) -> bool:
    """Is every version ``versions`` admits at least ``low`` and below ``high`` (``4.1.0``, ``4.1.4``: some
    4.1.0–4.1.3 release)?  False for a set bounded on one side only."""
    lo_v, hi_v = version(low), version(high)
    for alt in versions.alternatives:
        lo, hi = _alt_bounds(alt)
        if lo is None or hi is None or lo < lo_v or hi > hi_v:
            return False
    return True


def provided_version_set(version: str | None) -> VersionSet | None:
    """What an image that provides ``version`` (from its tag: ``4``, ``5.2``, ``5.2.1``) admits: a prefix match
    for a partial version, the version itself for a full one."""
    if not version:
        return None
    return conda_version_set(f"={version}" if version.count(".") < 2 else f"=={version}")


def provided_hub_versions(info) -> VersionSet | None:
    """What a known image's jupyterhub admits: its version or series (:func:`provided_version_set`), else the
    majors its builds may have had (``3.x or 4.x``), else None (unknown)."""
    provided = provided_version_set(info.provides.get("jupyterhub"))
    fact = info.facts.get("jupyterhub")
    if provided is not None or fact is None or not fact.alternatives:
        return provided
    found = conda_version_set(fact.alternatives)
    return found._replace(text=fact.alternatives.replace(".*", ".x").replace("|", " or ")) if found else None


def hub_admits(versions: VersionSet, hub: Version, precise: bool = True) -> bool:
    """Can the image's jupyterhub be compatible with the Hub's (F1.2–F1.3)?  With an imprecise Hub version
    (``5``, ``4``: only the major is known), only the major version is compared."""
    if precise or hub.major >= 5:
        return versions.admits_compatible(hub)
    return any(lo <= hub.major <= hi for lo, hi in (versions._majors(alt) for alt in versions.alternatives))


def hub_range_admits(versions: VersionSet, low: Version, high: Version | None) -> bool:
    """Can the image's jupyterhub be compatible with some Hub from ``low`` to ``high`` (``high`` None: no known
    upper bound) — a Hub whose exact version is unknown, such as a development chart's?"""
    if versions.admits_compatible(low) or (high is not None and versions.admits_compatible(high)):
        return True
    if high is None:
        return versions.admits_from(low)
    for alt in versions.alternatives:
        for probe in _edge_probes(alt) | {low, high}:
            if low <= version(probe.base_version) <= high and _contains(alt, probe):
                return True
    return False


def pip_version_set(specifier: SpecifierSet, text: str) -> VersionSet:
    return VersionSet((specifier,), text)


def conda_version_set(spec: str) -> VersionSet | None:
    """A conda MatchSpec version (``=4.0.2``, ``>=4,<5``, ``4.*``, ``1.2|1.3``) as a VersionSet."""
    spec = spec.strip()
    if not spec:
        return VersionSet((specifier_set(""),), "")
    alternatives = []
    for alt in spec.split("|"):
        parts = []
        for item in alt.split(","):
            item = item.strip()
            if not item:
                continue
            m = _CONDA_OP.fullmatch(item)
            if m is None:
                return None
            op, ver = (m.group(1) or ""), m.group(2).strip()
            if op == "=" or (op == "" and ver.endswith("*")):
                ver = ver.rstrip("*").rstrip(".")
                parts.append(f"=={ver}.*" if ver else "")
            elif op == "":
                parts.append(f"=={ver}")
            else:
                parts.append(f"{op}{ver}")
        try:
            alternatives.append(specifier_set(",".join(p for p in parts if p)))
        except ValueError:
            return None
    return VersionSet(tuple(alternatives), spec)


def hub_compatible(image: Version, hub: Version) -> bool:
    if hub.major >= 5:
        return image.major == hub.major
    return (image.major, image.minor) == (hub.major, hub.minor)
