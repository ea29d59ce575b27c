"""What a docker-stacks, jupyterhub/singleuser or zero-to-jupyterhub image tag contains, from ``stacks.json``.

``stacks.json`` is generated from public history by ``scripts/update_image_knowledge.py`` (see its
docstring for the method).  It is read on first use only: a lint that meets none of these tags never
loads it.  A tag's versions are read over its *build window*, the times its image may have been built
at; a package whose version changes inside the window is unknown — never a guess.

- ``YYYY-MM-DD`` (docker-stacks' DateTagger): built that UTC day, [D − 3 h, D + 1 d).
- a 12-hex commit tag: the last build of that first-parent ``main`` commit: its own build, or the last weekly
  rebuild (Monday 03:00 UTC, since the DateTagger) before the next commit, for about three hours.
- ``latest`` (or no tag) on the frozen Docker Hub copies: their last build, on the day of the move to
  quay.io; on quay.io ``latest`` moves: unknown.
- ``hub-X``, ``lab-X``, ``notebook-X``, ``python-X.Y``: that package's version; the rest unknown (moving tags).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache

from ..lazy import pattern
from .knowledge import Contents, platform_prefix_end

__all__ = ["Contents", "docker_stacks", "singleuser", "z2jh", "chart", "data"]

_UTC = dt.UTC
_DATE = pattern(r"(\d{4})-(\d{2})-(\d{2})\Z")
_SHA = pattern(r"[0-9a-f]{12}\Z")


_VERSION_TAG = pattern(r"(hub|lab|notebook|python)-(\d+(?:\.\d+){0,2})\Z")
_PYTHON_OWNERS = {"jupyterhub": "hub", "jupyterlab": "lab", "notebook": "notebook", "python": "python"}


@lru_cache(maxsize=1)
def data() -> dict:
    import json

    from .knowledge import read_data

    return json.loads(read_data("stacks.json"))


def _t(text: str) -> dt.datetime:
    """``YYYY-MM-DDTHH:MMZ`` (or a bare ``YYYY-MM-DD``) in UTC; read by hand: ``strptime`` would import
    ``_strptime``, ``locale`` and ``calendar`` on the start-up path."""
    hour, minute = (int(text[11:13]), int(text[14:16])) if len(text) >= 16 else (0, 0)
    return dt.datetime(int(text[0:4]), int(text[5:7]), int(text[8:10]), hour, minute, tzinfo=_UTC)


@lru_cache(maxsize=1)
def _timelines() -> dict:
    lines = data()["docker_stacks"]["timelines"]
    return {pkg: ([_t(t) for t, _ in steps], [v for _, v in steps]) for pkg, steps in lines.items()}


@lru_cache(maxsize=1)
def _commits() -> tuple[dict, list]:
    index, times = {}, []
    for i, row in enumerate(data()["docker_stacks"]["commits"]):
        sha, when, built = row.split()
        index[sha] = (i, _t(when), built == "1")
        times.append(_t(when))
    return index, times


def _over(pkg: str, start: dt.datetime, end: dt.datetime) -> str | None:
    """The package's version if it is the same over [start, end), else None."""
    times, values = _timelines()[pkg]
    i = bisect.bisect_right(times, start) - 1
    j = bisect.bisect_left(times, end) - 1
    seen = set(values[max(i, 0) : j + 1]) if i >= 0 else {None}
    return seen.pop() if len(seen) == 1 else None


def _ancestors(image: str) -> list[str]:
    images = data()["docker_stacks"]["images"]
    out, seen = [image], {image}
    while images.get(out[-1], {}).get("parent") and images[out[-1]]["parent"] not in seen:
        out.append(images[out[-1]]["parent"])
        seen.add(out[-1])
    return out


def _child_unknown(image: str, pkg: str, start: dt.datetime, end: dt.datetime) -> bool:
    """Does this image or one of its docker-stacks parents re-solve ``pkg`` at some time in the window?"""
    overrides = data()["docker_stacks"]["child_overrides"]
    for name in _ancestors(image):
        for what, since, until in overrides.get(name, ()):
            if what == pkg and start < (_t(until) if until else end + dt.timedelta(days=1)) and _t(since) < end:
                return True
    return False


def _window(tag: str, registry: str) -> tuple[dt.datetime, dt.datetime, str] | None:
    """The build window of a dated, commit or frozen-latest tag (with a phrase for --show-image)."""
    ds = data()["docker_stacks"]
    m = _DATE.match(tag)
    if m:
        day = dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), tzinfo=_UTC)
        return day - dt.timedelta(hours=3), day + dt.timedelta(days=1), f"built on {tag} (UTC)"
    if _SHA.match(tag):
        index, times = _commits()
        found = index.get(tag)
        if found is None:
            return None
        i, when, _ = found
        nxt = times[i + 1] if i + 1 < len(times) else None
        last = when
        if when.strftime("%Y-%m-%d") >= ds["date_tags_since"]:
            limit = nxt or (when + dt.timedelta(days=7))
            monday = limit - dt.timedelta(days=(limit.weekday() - 0) % 7)
            monday = monday.replace(hour=3, minute=0)
            if monday >= limit:
                monday -= dt.timedelta(days=7)
            if monday > when:
                last = monday
        end = last + dt.timedelta(hours=3)
        if nxt is not None and nxt < end:
            end = nxt
        return last, end, f"the last build of commit {tag} ({last:%Y-%m-%d})"
    if tag in ("", "latest") and registry == "docker.io":
        day = _t(ds["registry_move"])
        return (
            day - dt.timedelta(hours=3),
            day + dt.timedelta(days=1),
            f"the last build pushed to Docker Hub ({ds['registry_move']})",
        )
    return None


def _exists(image: str, tag: str, registry: str) -> tuple[bool | None, str]:
    """Was this tag published on this registry?  False only where the history says so."""
    ds = data()["docker_stacks"]
    since = ds["images"].get(image, {}).get("since", "")[:10]
    move = ds["registry_move"]
    m = _DATE.match(tag)
    if m:
        if since and tag < since:
            return False, f"{image} was first built on {since}"
        if tag < ds["date_tags_since"]:
            return False, f"date tags exist since {ds['date_tags_since']}"
        if registry == "docker.io" and tag > move:
            return False, f"Docker Hub copies stop at {move}"
        if registry == "quay.io" and tag < move:
            return False, f"quay.io copies start at {move}"
        return None, ""
    if _SHA.match(tag):
        index, _ = _commits()
        found = index.get(tag)
        if found is None:
            return None, ""
        day = found[1].strftime("%Y-%m-%d")
        if since and day < since:
            return False, f"{image} did not exist at that commit ({since})"
        if registry == "docker.io" and day > move:
            return False, f"Docker Hub copies stop at {move}"
        if registry == "quay.io" and day < move and tag not in ds["quay_legacy_commit_tags"]:
            return False, f"quay.io copies start at {move}, and only a few older commit tags were copied there"
        return (True if found[2] else None), ""
    return None, ""


def docker_stacks(image: str, registry: str, tag: str | None) -> Contents:
    """What a docker-stacks image (``base-notebook``…) with this tag on this registry contains."""
    raw = tag or "latest"
    tag = raw[platform_prefix_end(raw) :] if raw != "latest" else raw
    versions: dict[str, str | None] = {}
    sources = []
    vt = _VERSION_TAG.match(tag)
    if vt:
        pkg = {v: k for k, v in _PYTHON_OWNERS.items()}[vt.group(1)]
        versions[pkg] = vt.group(2)
        sources.append(f"the tag `{raw}` names {pkg} {vt.group(2)}; it moves with every build")
        return Contents(**versions, exists=None, sources=tuple(sources))
    window = _window(tag, registry)
    exists, why = _exists(image, tag, registry)
    if why:
        sources.append(why)
    if window is None or exists is False:
        return Contents(exists=exists, sources=tuple(sources))
    start, end, phrase = window
    sources.append(phrase)
    for pkg in ("jupyterhub", "jupyterlab", "notebook", "python"):
        if image == "docker-stacks-foundation" and pkg != "python":
            continue
        value = _over(pkg, start, end)
        if (
            value is not None
            and image not in ("base-notebook", "docker-stacks-foundation")
            and _child_unknown(image, pkg, start, end)
        ):
            value = None
            sources.append(f"{image} (or its parent) may re-solve {pkg} then")
        if (
            value is not None
            and pkg == "python"
            and image not in ("base-notebook", "docker-stacks-foundation")
            and start < _t(data()["docker_stacks"]["python_pinned_since"])
            and value.count(".") == 2
        ):
            value = ".".join(value.split(".")[:2])  # before base-notebook pinned Python: the minor only
        versions[pkg] = value
    package = _over("jupyterhub_package", start, end) if image != "docker-stacks-foundation" else None
    built = f"{start:%Y-%m-%dT%H:%MZ}/{end:%Y-%m-%dT%H:%MZ}"
    sources.append(
        "versions: scripts/update_image_knowledge.py (docker-stacks history and conda-forge releases, "
        f"refreshed {data()['refreshed']})"
    )
    return Contents(**versions, exists=exists, built=built, sources=tuple(sources), hub_package=package)


def singleuser(registry: str, tag: str | None) -> Contents:
    """``jupyterhub/singleuser:X.Y.Z[-N]``: jupyterhub X.Y.Z on base-notebook as it was at that release."""
    su = data()["singleuser"]
    releases = dict(su["releases"])
    m = re.match(r"(\d+(?:\.\d+){0,2})(?:-(\d+))?\Z", tag or "")
    if not m:
        return Contents(sources=("a moving tag",) if tag in (None, "latest") else ())
    version, build = m.group(1), m.group(2)
    if version.count(".") < 2:
        known = [v for v in releases if v == version or v.startswith(version + ".")]
        return Contents(
            jupyterhub=version,
            exists=True if known else None,
            sources=(f"`{tag}` follows the newest jupyterhub {version}.x release",),
        )
    if version not in releases:
        newest = max(releases, key=lambda v: tuple(int(x) for x in v.split(".")))
        older = tuple(int(x) for x in version.split(".")) < tuple(int(x) for x in newest.split("."))
        return Contents(
            jupyterhub=version,
            exists=False if older else None,
            sources=(f"jupyterhub {version} was never released" if older else "",),
        )
    since = su["quay_io_since" if registry == "quay.io" else "docker_io_since"]
    exists = True if since and _key(version) >= _key(since) else None
    day = _t(releases[version])
    out = {"jupyterhub": version}
    for pkg in ("jupyterlab", "notebook", "python", "jupyterhub_package"):
        out[pkg] = _over(pkg, day, day + dt.timedelta(days=2))
    out["hub_package"] = out.pop("jupyterhub_package")
    return Contents(
        **out,
        exists=exists if not build else None,
        built=f"{day:%Y-%m-%d} (the release)",
        sources=(
            f"built on base-notebook at the jupyterhub {version} release ({releases[version]});"
            " a rebuild moves the tag",
            f"refreshed {data()['refreshed']}",
        ),
    )


def _key(v: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", v)[:3])


@lru_cache(maxsize=1)
def _charts() -> dict:
    return {v: (hub, sample, notebook) for v, hub, sample, notebook in data()["z2jh"]["charts"]}


def chart(version: str) -> tuple[str | None, str | None, bool | None]:
    """(the Hub's jupyterhub, the sample image's, published?) of a zero-to-jupyterhub chart version."""
    v = version[1:] if version.startswith("v") else version
    found = _charts().get(v)
    if found is not None:
        return found[0], found[1], True
    if re.fullmatch(r"\d+\.\d+\.\d+", v):
        finals = [c for c in _charts() if re.fullmatch(r"\d+\.\d+\.\d+", c)]
        newest = max(finals, key=_key)
        if _key(v) < _key(newest):
            return None, None, False
    return None, None, None


def z2jh(image: str, tag: str | None) -> Contents:
    """``k8s-hub:<chart>`` / ``k8s-singleuser-sample:<chart>``: the jupyterhub of that chart version's image."""
    if not tag:
        return Contents()
    hub, sample, exists = chart(tag)
    is_hub = image.endswith("k8s-hub") or image.endswith("k8s-hub-slim")
    version = hub if is_hub else sample
    notebook = None if is_hub else (_charts().get(tag[1:] if tag.startswith("v") else tag) or (None,) * 3)[2]
    why = (
        f"zero-to-jupyterhub chart {tag}" if exists else (f"chart {tag} was never released" if exists is False else "")
    )
    if notebook:
        why += f"; its sample image was docker-stacks base-notebook with notebook {notebook}"
    return Contents(jupyterhub=version, notebook=notebook, exists=exists, sources=(why,) if why else ())
