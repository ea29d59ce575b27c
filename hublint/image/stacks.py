"""What a docker-stacks, jupyterhub/singleuser, zero-to-jupyterhub sample or pangeo image tag contains, from
``stacks.json`` — the public entry of that knowledge.

``stacks.json`` is generated from public history by ``scripts/update_image_knowledge.py`` (its docstring has the
method).  It is read on first use only: a lint that meets none of these tags never loads it.  Every field's answer
is a value, *unknown* with the reason, or *absent* (:mod:`.facts`); hublint never guesses.

This module holds the per-tag families (jupyterhub/singleuser, zero-to-jupyterhub, pangeo) and :func:`use`; the
docker-stacks lookups are in :mod:`.dockerstacks`, the file's reader and value codes in :mod:`.stacksdata`.
Imports go one way: stacks → dockerstacks → stacksdata → facts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dockerstacks import _ds, docker_stacks, latest_at
from .facts import FIELDS, Contents, Fact, absent, known, unknown
from .stacksdata import _code, _combine, _key, _phrase, _use_data, conda_forge_releases, data, ends

__all__ = ["docker_stacks", "latest_at", "singleuser", "z2jh", "pangeo", "chart", "data", "use", "conda_forge_releases"]


def use(doc: dict) -> None:
    """Answer from ``doc`` instead of the shipped file (the generator checks the data it has just made)."""
    _use_data(doc)
    for cached in (_ds, _charts, docker_stacks, latest_at, series_ended):
        cached.cache_clear()


# --------------------------------------------------------------------------- per-tag families
def _fact(code: str, pkg: str, texts: list) -> Fact:
    """A per-tag record's field: a value, ``-`` (absent), ``?t|<sentence index>`` or a reason code."""
    parsed = _code(code)
    if isinstance(parsed, str):
        return absent() if parsed == "-" else known(parsed)
    if len(parsed) >= 3 and parsed[1] == "t":
        return unknown(texts[int(parsed[2])])
    return _combine([parsed], pkg)


def _record(family: str, rows: dict, key: str, sources: tuple, built: str | None = None) -> Contents | None:
    """A per-tag record: ``exists;why;built;jupyterhub package;field…`` (sentences by index in ``texts``)."""
    row = rows.get(key)
    if row is None:
        return None
    texts = data()[family]["texts"]
    exists_text, why_text, built_text, package_text, *codes = row.split(";")
    exists = {"1": True, "0": False}.get(exists_text)
    why = texts[int(why_text)] if why_text else ""
    package = texts[int(package_text)] if package_text else None
    facts = {f: _fact(code, f, texts) for f, code in zip(FIELDS, codes, strict=True)}
    note = (why,) if why else ()
    return Contents(facts, exists, why, built_text or built, note + sources, package, ends(*data()[family]["sources"]))


@lru_cache(maxsize=64)
def series_ended(tag: str) -> bool:
    """Has the jupyterhub series an ``X.Y`` or ``X`` tag of ``jupyterhub/singleuser`` follows ended, so that the
    tag moves no more (its images are built on releases only)?  JupyterHub's releases show the rule: once a later
    minor of the same major is out, a series gets no release (none in its history), and only the last minor of
    the previous major gets backports (1.5.1 after 2.0, 4.1.6 after 5.0).  So ``X.Y`` has ended when a later
    ``X.*`` minor is out or X is two majors or more behind the newest, and ``X`` when X is two majors behind."""
    from .pep440 import version as Version

    try:
        wanted = [int(p) for p in tag.split(".")]
        known = [Version(v) for v, _ in data()["singleuser"]["releases"]]
    except ValueError:
        return False
    known = [v for v in known if not v.is_prerelease]
    if not known or not any(v.release[: len(wanted)] == tuple(wanted) for v in known):
        return False
    newest = max(v.major for v in known)
    if newest - wanted[0] >= 2:
        return True
    return len(wanted) == 2 and any(v.major == wanted[0] and v.minor > wanted[1] for v in known)


def singleuser(registry: str, tag: str | None) -> Contents:
    """``jupyterhub/singleuser:X.Y.Z[-N]`` (and ``X.Y``/``X``): jupyterhub X.Y.Z with pip, on base-notebook as
    it was at the build."""
    su = data()["singleuser"]
    knowledge_ends = ends(*su["sources"])
    if not tag or tag == "latest":
        why = _phrase(["?", "moving"], "", tag=tag or "latest")
        return Contents({f: unknown(why) for f in FIELDS}, None, why, sources=(why,), ends=knowledge_ends)
    m = re.match(r"(\d+(?:\.\d+){0,2})(?:-(\d+))?\Z", tag)
    if not m:
        why = f"hublint does not know what `{tag}` names"
        return Contents({f: unknown(why) for f in FIELDS}, None, why, sources=(why,), ends=knowledge_ends)
    version, number = m.group(1), m.group(2)
    releases = dict(su["releases"])
    if version.count(".") < 2:
        known_versions = [v for v in releases if v == version or v.startswith(version + ".")]
        why = f"`{tag}` follows the newest jupyterhub {version}.x release: it moves"
        built = None
        if series_ended(version):
            why = f"`{tag}` followed the jupyterhub {version}.x releases, which ended"
            built = _series_built(su["tags"].get(registry, {}), known_versions)
        facts = {f: unknown(why) for f in FIELDS}
        facts["jupyterhub"] = known(version + ".*", why)
        return Contents(facts, True if known_versions else None, why, built, (why,), ends=knowledge_ends)
    rows = su["tags"].get(registry, {})
    key = tag if number else version
    found = _record(
        "singleuser",
        rows,
        key,
        ("versions: scripts/update_image_knowledge.py (jupyterhub and jupyterhub-container-images history)",),
    )
    if found is not None:
        return found
    if version not in releases:
        newest = max(releases, key=_key)
        older = _key(version) < _key(newest)
        why = (
            f"jupyterhub {version} was never released"
            if older
            else f"hublint's jupyterhub history ends {knowledge_ends}"
        )
        facts = {f: unknown(why) for f in FIELDS}
        return Contents(facts, False if older else None, why, sources=(why,), ends=knowledge_ends)
    if number:
        why = f"no build {number} of jupyterhub/singleuser {version} is known on {registry}"
        facts = {f: unknown(why) for f in FIELDS}
        facts["jupyterhub"] = known(version)
        return Contents(facts, None, why, sources=(why,), ends=knowledge_ends)
    why = f"jupyterhub/singleuser {version} was not published on {registry}"
    return Contents({f: unknown(why) for f in FIELDS}, False, why, sources=(why,), ends=knowledge_ends)


def newest_jupyterhub() -> tuple[str, str]:
    """(version, day) of the newest final JupyterHub release hublint's history knows: what a moving Hub tag
    (``jupyterhub/jupyterhub:latest``) ran at least when that history ends."""
    finals = [(v, day) for v, day in data()["singleuser"]["releases"] if re.fullmatch(r"\d+\.\d+\.\d+", v)]
    return max(finals, key=lambda row: _key(row[0]))


def newest_chart() -> tuple[str, str, str]:
    """(chart version, its JupyterHub, day) of the newest final zero-to-jupyterhub chart hublint knows: what
    `helm install` without `--version` deploys at least."""
    finals = [row for row in data()["z2jh"]["charts"] if re.fullmatch(r"\d+\.\d+\.\d+", row[0])]
    row = max(finals, key=lambda r: _key(r[0]))
    return row[0], row[1], row[2].split(";")[2]


def _series_built(rows: dict, versions: list[str]) -> str | None:
    """When a series tag that ended (``0.8``) was built: from its first release's build to its last's, when every
    build hublint has a record of (a rebuild ``X.Y.Z-N`` included) is dated; else None."""
    days = []
    for v in versions:
        for key in (k for k in rows if k == v or k.startswith(v + "-")):
            day = rows[key].split(";")[2]
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
                return None
            days.append(day)
    return f"{min(days)}/{max(days)}" if days else None


@lru_cache(maxsize=1)
def _charts() -> dict:
    return {row[0]: row for row in data()["z2jh"]["charts"]}


def chart(version: str) -> tuple[str | None, str | None, bool | None]:
    """(the Hub's jupyterhub, the sample image's, published?) of a zero-to-jupyterhub chart version."""
    v = version[1:] if version.startswith("v") else version
    found = _charts().get(v)
    if found is not None:
        hub = found[1]
        sample = z2jh("k8s-singleuser-sample", v).fact("jupyterhub")
        return hub, sample.version if sample is not None else None, True
    if re.fullmatch(r"\d+\.\d+\.\d+", v):
        finals = [c for c in _charts() if re.fullmatch(r"\d+\.\d+\.\d+", c)]
        newest = max(finals, key=_key)
        if _key(v) < _key(newest):
            return None, None, False
    return None, None, None


def z2jh(image: str, tag: str | None) -> Contents:
    """``k8s-hub:<chart>`` / ``k8s-singleuser-sample:<chart>``: the images of that chart version."""
    z = data()["z2jh"]
    knowledge_ends = ends(*z["sources"])
    if not tag:
        why = "an untagged chart image moves"
        return Contents({f: unknown(why) for f in FIELDS}, None, why, sources=(why,), ends=knowledge_ends)
    v = tag[1:] if tag.startswith("v") else tag
    found = _charts().get(v)
    is_hub = image.endswith(("k8s-hub", "k8s-hub-slim"))
    if found is None:
        _, _, exists = chart(v)
        why = f"chart {tag} was never released" if exists is False else f"hublint does not know chart {tag}"
        return Contents({f: unknown(why) for f in FIELDS}, exists, why, sources=(why,), ends=knowledge_ends)
    if is_hub:
        facts = {f: unknown("the hub image: hublint reads its jupyterhub only") for f in FIELDS}
        facts["jupyterhub"] = known(found[1]) if found[1] else unknown("hublint could not read the chart's Hub")
        why = f"zero-to-jupyterhub chart {v}"
        return Contents(facts, True, why, None, (why,), None, knowledge_ends)
    got = _record("z2jh", {v: found[2]}, v, ("versions: its Dockerfile and frozen requirements",))
    assert got is not None
    why = f"zero-to-jupyterhub chart {v}: its sample image is built on `{got.exists_reason}`"
    return got._replace(exists_reason=why, sources=(why, *got.sources[1:]))


def pangeo(image: str, tag: str | None) -> Contents:
    """``pangeo/<image>:<calver or 7-hex>``: the image's lock file at that git tag (or commit)."""
    p = data()["pangeo"]
    knowledge_ends = ends(*p["sources"])
    name = image.rsplit("/", 1)[-1]
    if not tag or tag in ("latest", "master"):
        why = _phrase(["?", "moving"], "", tag=tag or "latest")
        return Contents({f: unknown(why) for f in FIELDS}, None, why, sources=(why,), ends=knowledge_ends)
    rows = p["images"].get(name, {})
    found = _record(
        "pangeo",
        rows,
        tag,
        ("versions: the image's lock file in pangeo-docker-images",),
        tag.replace(".", "-") if re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", tag) else None,
    )
    if found is not None:
        return found
    dated = re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", tag) is not None
    oldest = min((t for t in rows if "." in t), default=None)
    if dated and oldest is not None and oldest <= tag:
        newest = max((t for rows_ in p["images"].values() for t in rows_ if "." in t), default="")
        if tag < newest:
            why = f"pangeo-docker-images has no tag {tag} for {name}"
            return Contents({f: unknown(why) for f in FIELDS}, False, why, sources=(why,), ends=knowledge_ends)
    if dated and oldest is not None and tag < oldest:
        # before the history hublint holds: an earlier project (pangeo-stacks) pushed date tags to these names
        why = f"hublint's pangeo-docker-images history of {name} begins {oldest}"
    elif dated:
        why = f"hublint's pangeo-docker-images history ends {knowledge_ends}"
    else:
        why = f"hublint does not know what `{tag}` names"
    return Contents({f: unknown(why) for f in FIELDS}, None, why, sources=(why,), ends=knowledge_ends)
