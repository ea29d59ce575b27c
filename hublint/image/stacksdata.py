"""The reader of ``stacks.json`` and its value codes: :func:`data` (the one reader of the file, on first use),
when the knowledge of each source ends, the conda-forge release times, the minute clock the file counts in, and
how a field's codes over builds combine into one :class:`~.facts.Fact` (with the reason worded).

Imports :mod:`.facts` only; :mod:`.dockerstacks` and :mod:`.stacks` import this module, never the other way.
"""

from __future__ import annotations

import re
import time

from .facts import UNKNOWN, Fact, absent, known, unknown

_EPOCH = 1_420_070_400  # 2015-01-01T00:00Z, in seconds since 1970 (the file's minutes count from it)

_DOC: dict | None = None


def data() -> dict:
    """The parsed ``stacks.json`` (the one reader of the file)."""
    global _DOC
    if _DOC is None:
        import json

        from .facts import read_data

        _DOC = json.loads(read_data("stacks.json"))
    return _DOC


def _use_data(doc: dict) -> None:
    """Make ``doc`` what :func:`data` returns."""
    global _DOC
    _DOC = doc


def conda_forge_releases(pkg: str) -> dict[str, str]:
    """version -> first merge on conda-forge (``YYYY-MM-DDTHH:MMZ``) of jupyterhub, jupyterlab or notebook."""
    return dict(row.split(" ", 1) for row in data()["conda_forge"][pkg])


def _day(minute: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(_EPOCH + minute * 60))


def _stamp(minute: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(_EPOCH + minute * 60))


def _minute(year: int, month: int, day: int) -> int | None:
    """The minute a UTC day starts; None when there is no such day (a tag ``2025-13-45``).  Calendar
    arithmetic (days from the civil date, proleptic Gregorian) instead of :mod:`datetime`, which a one-file run
    would import for this alone."""
    if not 1 <= month <= 12 or not 1 <= day <= _month_days(year, month):
        return None
    return (_civil_days(year, month, day) - _civil_days(2015, 1, 1)) * 1440


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _civil_days(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a date (Howard Hinnant's days_from_civil)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def ends(*sources: str) -> str | None:
    """The day hublint's knowledge of these sources ends (the earliest of them)."""
    found = [data()["ends"][s] for s in sources if s in data()["ends"]]
    return min(found) if found else None


# --------------------------------------------------------------------------- value codes
# In stacks.json a field at a time is "5.2.1" (a version), "3.9.*" (a series), "-" (absent) or
# ["?", reason, alternatives…] (unknown).  _REASONS words the reasons.
_REASONS = {
    "merge": "conda-forge published {pkg} {new} around then: a build then could get {alts}",
    "solver": "conda could install {pkg} {alts} then (notebook 7 allows only part of jupyterlab's releases)",
    "end": "hublint's copy of the {arg} feedstock ends {end}: later releases are unknown to it{floor}",
    "upstream": "{pkg} {new} was released upstream then; hublint's copy of the feedstock ends before it reached "
    "conda-forge: a build could get {alts}",
    "unread": "hublint could not read how the image installs it",
    "none": "no conda-forge release matched the spec then",
    "installs": "{image} (or an image it is built on) installs {pkg} itself then",
    "unpinned": "{image} runs conda installs while nothing pins Python's minor (before 2019-04-22, docker-stacks "
    "#778), so conda may change it (docker-stacks #768)",
    "pip": "pip installs the newest {pkg} release on top, whichever it was then",
    "moving": "`{tag}` moves with every build",
}


def _phrase(code: list, pkg: str, image: str = "", tag: str = "") -> str:
    reason = code[1] if len(code) > 1 else "unread"
    alts = list(code[2:])
    arg = alts[0] if reason == "end" and alts else ""
    end = floor = ""
    if reason == "end":
        name = {
            "jupyterhub": "conda-forge/jupyterhub-feedstock",
            "jupyterlab": "conda-forge/jupyterlab-feedstock",
            "notebook": "conda-forge/notebook-feedstock",
            "python": "conda-forge/python-feedstock",
        }.get(arg, arg)
        end = data()["ends"].get(name, "?")
        floor = f" ({pkg} {alts[1]} or newer)" if len(alts) > 1 else ""
        alts = []
    text = _REASONS.get(reason, reason)
    new = alts[-1] if alts else ""
    return text.format(pkg=pkg, alts=" or ".join(alts), arg=arg, end=end, image=image, tag=tag, floor=floor, new=new)


def _key(v: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", v)[:4])


def _series(values: list[str], least: int = 2) -> str | None:
    """The longest common release prefix of versions, as a series (``5.2.*``) — at least major.minor (``least``):
    a bare major says too little to be called a value, but for jupyterhub, whose major is what the Hub compares."""
    parts = [v.split(".") for v in values]
    common = []
    for group in zip(*parts, strict=False):
        if len(set(group)) != 1 or group[0] == "*":
            break
        common.append(group[0])
    return ".".join(common) + ".*" if len(common) >= least else None


def _combine(codes: list, pkg: str, image: str = "", why_many: str = "") -> Fact:
    """One answer from the values a field had over builds (or over one build's time): the value they share; else
    the series they share (``5.2.*`` for 5.2.0 or 5.2.1), with the reason; else unknown."""
    plain = {c for c in codes if isinstance(c, str)}
    unknowns = [c for c in codes if not isinstance(c, str)]
    if not unknowns and len(plain) == 1:
        v = next(iter(plain))
        return absent() if v == "-" else known(v)
    if "-" in plain:
        return unknown(why_many or f"some of its builds had {pkg}, some did not")
    bare = [c for c in unknowns if len(c) < 3 or c[1] not in ("merge", "solver", "upstream")]
    if bare:
        return unknown(_phrase(bare[0], pkg, image))
    versions = set(plain)
    for c in unknowns:
        versions |= set(c[2:])
    reason = (
        _phrase(unknowns[0], pkg, image)
        if unknowns
        else (why_many or f"its builds got {pkg} " + " or ".join(sorted(versions, key=_key)))
    )
    if len(versions) == 1:
        return known(next(iter(versions)), reason)
    series = _series(sorted(versions, key=_key), 1 if pkg == "jupyterhub" else 2)
    if series is not None:
        return known(series, reason)
    majors = sorted({_key(v)[0] for v in versions if _key(v)})
    if pkg == "jupyterhub" and len(majors) > 1:
        # unknown, but one of these majors: enough to say that no version of it fits a Hub of another major
        return Fact(UNKNOWN, "|".join(f"{m}.*" for m in majors), reason)
    return unknown(reason)


def _code(text: str) -> str | list:
    """A value code of stacks.json: a version, a series, ``-``, or ``?reason|alt…`` as ``["?", reason, alt…]``."""
    return ["?", *text[1:].split("|")] if text.startswith("?") else text
