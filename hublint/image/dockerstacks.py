"""What a docker-stacks image tag contains, from the docker-stacks part of ``stacks.json``: the model of its builds
(built once, on first use) and the lookups of date, commit, version and ``latest`` tags.

docker-stacks tags are answered from the builds its CI ran (``runs``: which commit, when), the tags each build
pushed (``tagging``: taggers and platform prefixes per image), and what a build got at its time (``timelines``):

- ``YYYY-MM-DD``: the builds whose tag step fell on that UTC day;
- a 12-hex commit tag: the builds of that first-parent ``main`` commit (its push, and the weekly rebuilds while it
  was ``HEAD``);
- ``hub-X``, ``lab-X``, ``notebook-X``, ``python-X`` (and other version tags): the builds of that image that had
  that version while the image had that tagger — the tag points at the newest successful one;
- ``latest`` on the frozen Docker Hub copies: the builds of its last day there; elsewhere ``latest`` moves.

A tag no build could have pushed does not exist; a build may have failed, so a tag with builds exists "unknown"
unless docker-stacks' documentation names it.  A field is a value only when every candidate build got it.

Imports :mod:`.facts` and :mod:`.stacksdata`; :mod:`.stacks` (the public entry) imports this module, never the
other way.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from itertools import accumulate

from ..lazy import pattern
from .facts import FIELDS, Contents, Fact, absent, known, platform_prefix_end, unknown
from .stacksdata import _code, _combine, _day, _key, _minute, _phrase, _stamp, data, ends

_DATE = pattern(r"(\d{4})-(\d{2})-(\d{2})\Z")
_SHA = pattern(r"[0-9a-f]{12}\Z")
_VERSION_TAG = pattern(r"([a-z][a-z0-9]*)-(\d+(?:\.\d+)*)\Z")
_KIND_FIELD = {"hub": "jupyterhub", "lab": "jupyterlab", "notebook": "notebook", "python": "python"}
_IMAGES_FIRST = ("docker-stacks-foundation", "base-notebook")


# --------------------------------------------------------------------------- the docker-stacks model
class _Model:
    """docker-stacks' history as hublint reasons over it (built once from ``stacks.json``)."""

    shas: str  # first-parent commits, oldest first: 12 hexadecimal digits each (see _sha, _commit)
    index: dict[str, int] | None  # sha -> commit, made on first use
    times: list[int]  # their times (minutes since 2015-01-01)
    runs: list[tuple[int, int, int, str]]  # (commit, start earliest, start latest, kind), by start
    by_commit: dict[int, list[tuple[int, int, int, str]]]
    starts: list[int]
    state_from: list[int]  # the first commit of each base-notebook state
    lines: list[dict[str, tuple[list[int], list]]]  # per state: package -> (times, values)
    child: dict[str, list]
    spans: dict[str, list]
    tag_from: list[int]
    tagging: list[dict[str, list[str]]]
    dispatch: list[list[int]]
    nobuild: dict[int, str]
    quay_since: int
    docs: set[str]
    span: int
    trusted: int
    end: int
    pinned: int


@lru_cache(maxsize=1)
def _ds() -> _Model:
    ds = data()["docker_stacks"]
    m = _Model()
    m.shas, m.index = ds["shas"], None
    m.times = list(accumulate(ds["times"]))
    # runs: "commit,start delta,span,kind" tokens; read field by field (a run's start is the sum of deltas)
    cells = ds["runs"].replace(",", " ").split()
    starts = list(accumulate(map(int, cells[1::4])))
    m.runs = [
        (c, lo, lo + span, kind)
        for c, lo, span, kind in zip(map(int, cells[0::4]), starts, map(int, cells[2::4]), cells[3::4], strict=True)
    ]
    m.by_commit = {}
    for r in m.runs:
        m.by_commit.setdefault(r[0], []).append(r)
    m.starts = [r[1] for r in m.runs]
    m.state_from = [row[0] for row in ds["timelines"]]
    m.lines = [{} for _ in ds["timelines"]]  # filled on first use (_lines)
    m.child = ds["child"]
    m.spans = ds["images"]
    m.tag_from, m.tagging = [], []
    state: dict[str, list[str] | None] = {}
    for since, delta in ds["tagging"]:  # each row changes the one before
        state = {**state, **delta}
        m.tag_from.append(since)
        m.tagging.append({k: v for k, v in state.items() if v is not None})
    m.dispatch = ds["dispatch"]
    m.nobuild = {int(i): why for why, idxs in ds["nobuild"].items() for i in idxs.split()}
    m.quay_since = ds["quay_since"]
    m.docs = set(ds["docs"])
    m.span = ds["build_span"]
    m.trusted = ds["trusted_since"]
    m.end = ds["ends"]
    m.pinned = ds["pinned_since"]
    return m


def _sha(m: _Model, commit: int) -> str:
    return m.shas[commit * 12 : commit * 12 + 12]


def _commit(m: _Model, sha: str) -> int | None:
    """The commit (an index) of a 12-digit sha, None when it is not one of the history's."""
    if m.index is None:
        m.index = {m.shas[i : i + 12]: i // 12 for i in range(0, len(m.shas), 12)}
    return m.index.get(sha)


def _exists_at(m: _Model, image: str, commit: int) -> str | None:
    """Did the image exist at a commit; its parent then ("" when it has none), None when it did not."""
    for since, until, parent in m.spans.get(image, ()):
        if since <= commit and (until is None or commit < until):
            return parent or ""
    return None


def _ancestors(m: _Model, image: str, commit: int) -> list[str]:
    out, cur = [], image
    while cur and cur not in out:
        out.append(cur)
        cur = _exists_at(m, cur, commit) or ""
    return out


def _tags_of(m: _Model, image: str, commit: int) -> tuple[set, set]:
    """(tag kinds, prefixes) a build of the image at this commit pushed."""
    k = bisect.bisect_right(m.tag_from, commit) - 1
    row = m.tagging[k].get(image) if k >= 0 else None
    if row is None:
        return set(), set()
    kinds, prefixes = row
    return set(kinds.split()), set(prefixes.split(",")) if prefixes != "" else {""}


def _registry(m: _Model, commit: int) -> str:
    return "quay.io" if commit >= m.quay_since else "docker.io"


def _window(m: _Model, run: tuple) -> tuple[int, int]:
    """When a run's conda solves happened: from its start over the build span (a hand release: while its commit
    was HEAD)."""
    _, lo, hi, kind = run
    return (lo, hi) if kind == "r" else (lo, hi + m.span)


def _codes(m: _Model, pkg: str, image: str, lo: int, hi: int, commit: int) -> tuple[list, str]:
    """The values ``pkg`` had for one build of ``image`` whose solves fell in [lo, hi) (stacks.json codes), and
    the image that re-solves it itself then ("" when none does)."""
    for name in _ancestors(m, image, commit):
        for what, since, until, code in m.child.get(name, ()):
            if what == pkg and since <= commit and (until is None or commit < until):
                return [["?", code]], name
    times, values = _lines(m, commit)[pkg]
    first = bisect.bisect_right(times, lo) - 1
    if first < 0:
        return [["?", "unread"]], ""
    return values[first : max(bisect.bisect_left(times, hi), first + 1)], ""


def _value(m: _Model, pkg: str, image: str, lo: int, hi: int, commit: int) -> Fact:
    """What one build of ``image`` got for ``pkg`` when its solves fell in [lo, hi)."""
    if image == "docker-stacks-foundation" and pkg != "python":
        return absent("docker-stacks-foundation has no Jupyter server")
    if pkg == "jupyter_server":
        return unknown("a dependency of jupyterlab and notebook: hublint does not solve dependencies")
    codes, resolver = _codes(m, pkg, image, lo, hi, commit)
    if resolver:
        return unknown(_phrase(codes[0], pkg, resolver))
    fact = _combine(codes, pkg, image, "it changed while the build ran")
    if (
        pkg == "python" and fact.exact and image not in _IMAGES_FIRST and commit < m.pinned
    ):  # before base-notebook pinned Python: the minor only
        fact = known(".".join(fact.value.split(".")[:2]) + ".*", "before 2019-04-22 nothing pinned the patch")
    return fact


def _may_be(codes: list, version: str) -> bool:
    """Could a build with these values have had ``version`` (``3.12`` for a major.minor tag)?"""
    for c in codes:
        if isinstance(c, str):
            if c == "-":
                continue
            if c == version or c.startswith(version + ".") or (c.endswith("*") and (version + ".").startswith(c[:-1])):
                return True
        elif c[1] in ("merge", "solver", "upstream"):
            if any(a == version or a.startswith(version + ".") for a in c[2:]):
                return True
        elif c[1] == "end" and len(c) > 3:
            if _key(version) >= _key(c[3])[: len(_key(version))]:
                return True
        else:
            return True
    return False


def _run_facts(m: _Model, image: str, runs: list) -> dict[str, Fact]:
    """Per field, the answer over the builds a tag may point at (the newest successful one)."""
    out = {}
    for pkg in FIELDS:
        facts = [_value(m, pkg, image, *_window(m, r), r[0]) for r in runs]
        unknowns = [f for f in facts if f.state == "unknown"]
        if unknowns:
            # the alternatives one build may have had are not those of the others
            out[pkg] = unknowns[0] if len(facts) == 1 else unknowns[0]._replace(value=None)
        elif len({(f.state, f.value) for f in facts}) == 1:
            out[pkg] = facts[0]
        else:
            codes = [f.value if f.state == "value" else "-" for f in facts]
            why = f"the tag points at the newest successful of {len(runs)} builds, which got {pkg} " + " or ".join(
                sorted({c for c in codes if c != "-"}, key=_key)
            )
            out[pkg] = _combine(codes, pkg, image, why)
    return out


def _describe(m: _Model, runs: list) -> str:
    kinds = {"r": "a release by hand", "c": "a Docker Cloud build", "p": "the push build", "w": "a weekly rebuild"}
    last = runs[-1]
    what = kinds.get(last[3][0], "a build")
    return f"{what} of {_sha(m, last[0])} ({_day(last[1])})" + (f" and {len(runs) - 1} more" if len(runs) > 1 else "")


# the start of the reason a commit tag does not exist when only the reconstruction of its CI says so (HUB108: weak)
NEVER_BUILT = "never built: "
_NOBUILD = {  # why a commit's push built nothing (short: HUB108 quotes it)
    "paths": "its push matched no `paths` filter",
    "tip": "pushed under a later tip",
    "cancel": "the next push cancelled its run",
    "token": "a workflow's token pushed it",
    "skip": "its message skipped CI",
}


def _candidates(m: _Model, image: str, registry: str, prefix: str, rest: str):
    """(the builds that may have pushed this tag, why none did, what the tag names)."""
    copied = registry == "quay.io" and rest in data()["docker_stacks"]["quay_copies"]

    def ok(run) -> bool:
        c = run[0]
        if _exists_at(m, image, c) is None:
            return False
        reg = _registry(m, c)
        if reg != registry and not (copied and reg == "docker.io"):
            return False
        return prefix in _tags_of(m, image, c)[1]

    d = _DATE.match(rest)
    day0 = _minute(int(d.group(1)), int(d.group(2)), int(d.group(3))) if d else None
    if day0 is not None:
        lo = bisect.bisect_left(m.starts, day0 - m.span - 24 * 60)
        hi = bisect.bisect_left(m.starts, day0 + 24 * 60)
        runs = []
        for r in m.runs[lo:hi]:
            wlo, whi = _window(m, r)
            if wlo < day0 + 24 * 60 and whi > day0 and ok(r) and "date" in _tags_of(m, image, r[0])[0]:
                runs.append(r)
        if not runs:
            return [], _why_no_date(m, image, registry, prefix, rest, day0), "date"
        return runs, "", "date"
    if _SHA.match(rest):
        c = _commit(m, rest)
        if c is None:
            return [], f"not a docker-stacks `main` commit up to {_day(m.end)}", "sha"
        if _exists_at(m, image, c) is None:
            return [], f"{image} did not exist at commit {rest}", "sha"
        runs = [r for r in m.by_commit.get(c, ()) if ok(r) and "sha" in _tags_of(m, image, r[0])[0]]
        if not runs:
            why = _NOBUILD.get(m.nobuild.get(c, ""), "")
            if not why:
                kinds, prefixes = _tags_of(m, image, c)
                if "sha" not in kinds:
                    return [], "no commit tags then", "sha"
                if prefix not in prefixes:
                    return [], f"no `{prefix}` tags then" if prefix else "only prefixed tags then", "sha"
                if _registry(m, c) != registry:
                    return [], f"pushed to {_registry(m, c)} then, not {registry}", "sha"
                why = "no build ran while it was HEAD"
            return [], f"{NEVER_BUILT}{why}", "sha"
        return runs, "", "sha"
    return [], "", ""


def _by_hand(m: _Model, image: str, registry: str, prefix: str, kind: str, rest: str) -> bool:
    """Could a run started by hand (``workflow_dispatch``) have pushed this tag?  It builds ``HEAD``: a commit
    that was ``HEAD`` (not one pushed under a later tip), or a day, while the image workflow allowed it."""
    if kind == "sha":
        c = _commit(m, rest)
        if c is None or m.nobuild.get(c) == "tip":
            return False
    else:
        d = _DATE.match(rest)
        day0 = _minute(int(d.group(1)), int(d.group(2)), int(d.group(3))) if d else None
        if day0 is None:
            return False
        c = bisect.bisect_right(m.times, day0 + 24 * 60) - 1
        if c < 0:
            return False
    k = bisect.bisect_right([row[0] for row in m.dispatch], c) - 1
    if k < 0 or not m.dispatch[k][1]:
        return False
    kinds, prefixes = _tags_of(m, image, c)
    return (
        _exists_at(m, image, c) is not None
        and _registry(m, c) == registry
        and prefix in prefixes
        and (("sha" if kind == "sha" else "date") in kinds)
    )


def _why_no_date(m: _Model, image: str, registry: str, prefix: str, rest: str, day0: int) -> str:
    if day0 > m.end:
        return f"hublint's docker-stacks history ends {_day(m.end)}"
    since = min((s for s, _, _ in m.spans.get(image, ())), default=None)
    if since is not None and day0 + 24 * 60 <= m.times[since]:
        return f"{image} was first built on {_day(m.times[since])}"
    lo = bisect.bisect_left(m.starts, day0 - m.span - 24 * 60)
    hi = bisect.bisect_left(m.starts, day0 + 24 * 60)
    runs = [r for r in m.runs[lo:hi] if _window(m, r)[0] < day0 + 24 * 60 and _window(m, r)[1] > day0]
    runs = [r for r in runs if _exists_at(m, image, r[0]) is not None]
    if not runs:
        return "no build ran that day"
    if not any("date" in _tags_of(m, image, r[0])[0] for r in runs):
        return "no date tags then"
    regs = {_registry(m, r[0]) for r in runs}
    if registry not in regs:
        return f"pushed to {' and '.join(sorted(regs))} then, not {registry}"
    return f"no `{prefix}` tags then" if prefix else "only prefixed tags then"


def tag_form_known(tag: str | None) -> bool:
    """Is ``tag`` of a form docker-stacks pushes — ``latest``, a date, a 12-hex commit, ``<name>-<version>``
    (``python-3.12``, ``lab-4.0.2``), each after an optional platform prefix?  A tag of no such form (``v9``,
    ``custom``) was never docker-stacks': only a local build can carry it."""
    raw = tag or "latest"
    rest = raw[platform_prefix_end(raw) :] if raw != "latest" else raw
    return rest == "latest" or bool(_DATE.match(rest) or _SHA.match(rest) or _VERSION_TAG.match(rest))


@lru_cache(maxsize=512)
def docker_stacks(image: str, registry: str, tag: str | None) -> Contents:
    """What a docker-stacks image (``base-notebook``…) with this tag on this registry contains (remembered per
    run: a repository names the same few tags in many Dockerfiles, and each answer walks every build)."""
    m = _ds()
    raw = tag or "latest"
    cut = platform_prefix_end(raw) if raw != "latest" else 0
    prefix, rest = raw[:cut], raw[cut:]
    knowledge_ends = ends(*data()["docker_stacks"]["sources"])
    base = {"ends": knowledge_ends}
    if rest == "latest":
        return _latest(m, image, registry, prefix, base)
    runs, why_not, kind = _candidates(m, image, registry, prefix, rest)
    if kind:
        if not runs:
            exists: bool | None = False
            if why_not.startswith(("hublint's docker-stacks history ends", "not a docker-stacks")):
                exists = None
            elif _by_hand(m, image, registry, prefix, kind, rest):
                exists = None
                why_not += (
                    "; only a build started by hand (workflow_dispatch), which leaves no trace, could have made it"
                )
            facts = {f: unknown(why_not) for f in FIELDS}
            return Contents(facts, exists, why_not, sources=(why_not,), **base)
        return _from_runs(m, image, raw, runs, base, named=None)
    vt = _VERSION_TAG.match(rest)
    if vt:
        return _version_tag(m, image, registry, prefix, raw, vt.group(1), vt.group(2), base)
    why = f"hublint does not know what docker-stacks' `{raw}` tag names"
    return Contents({f: unknown(why) for f in FIELDS}, None, why, sources=(why,), **base)


def _from_runs(m: _Model, image: str, raw: str, runs: list, base: dict, named: tuple | None) -> Contents:
    facts = _run_facts(m, image, runs)
    if named is not None:
        facts[named[0]] = named[1]
    documented = f"{image}:{raw}" in m.docs
    if documented:
        exists, why = True, "docker-stacks' documentation names it"
    else:
        exists, why = (
            None,
            (
                f"built by {_describe(m, runs)}; hublint cannot show that a build succeeded (a failed build pushes "
                "nothing)"
            ),
        )
    lo = min(_window(m, r)[0] for r in runs)
    hi = max(_window(m, r)[1] for r in runs)
    built = f"{_stamp(lo)}/{_stamp(hi)}"
    package = _package(m, runs, image)
    sources = (
        why,
        "versions: scripts/update_image_knowledge.py (docker-stacks history, its CI and conda-forge releases)",
    )
    return Contents(facts, exists, why, built, sources, package, **base)


def _lines(m: _Model, commit: int) -> dict:
    """The timelines of the base-notebook state a commit builds (parsed on first use)."""
    k = max(bisect.bisect_right(m.state_from, commit) - 1, 0)
    if not m.lines[k]:
        for pkg, text in data()["docker_stacks"]["timelines"][k][1].items():
            times, values = [], []
            for token in text.split():
                t, _, code = token.partition(":")
                times.append(int(t))
                values.append(_code(code))
            m.lines[k][pkg] = (times, values)
    return m.lines[k]


def _package(m: _Model, runs: list, image: str) -> str | None:
    if image == "docker-stacks-foundation":
        return None
    seen = set()
    for r in runs:
        lo, hi = _window(m, r)
        times, values = _lines(m, r[0])["jupyterhub_package"]
        i = max(bisect.bisect_right(times, lo) - 1, 0)
        seen |= set(values[i : max(bisect.bisect_left(times, hi), i + 1)])
    return seen.pop() if len(seen) == 1 and "-" not in seen else None


def _latest(m: _Model, image: str, registry: str, prefix: str, base: dict) -> Contents:
    if registry == "docker.io":
        runs = [
            r
            for r in m.runs
            if _registry(m, r[0]) == "docker.io"
            and _exists_at(m, image, r[0]) is not None
            and prefix in _tags_of(m, image, r[0])[1]
        ]
        if not runs:
            why = f"docker-stacks never pushed {image} to Docker Hub"
            return Contents({f: unknown(why) for f in FIELDS}, False, why, sources=(why,), **base)
        last = runs[-1][1]
        span = data()["docker_stacks"]["latest_frozen_span"]
        runs = [r for r in runs if r[1] >= last - span]
        out = _from_runs(m, image, "latest", runs, base, None)
        why = (
            "the frozen Docker Hub `latest`: the last build pushed there, on its last day "
            f"({data()['docker_stacks']['registry_move']})"
        )
        return out._replace(exists=True, exists_reason=why, sources=(why, *out.sources[1:]))
    why = _phrase(["?", "moving"], "", tag=f"{prefix}latest")
    return Contents({f: unknown(why) for f in FIELDS}, None, why, sources=(why,), **base)


@lru_cache(maxsize=512)
def latest_at(image: str, registry: str, minute: int) -> Contents:
    """What ``<image>:latest`` on a registry was at a time (minutes since 2015-01-01): the newest successful
    build finished before it — assumed one of the builds of the day before (the generator: images built on it)."""
    m = _ds()
    runs = [
        r
        for r in m.runs
        if _window(m, r)[1] <= minute
        and _registry(m, r[0]) == registry
        and _exists_at(m, image, r[0]) is not None
        and "" in _tags_of(m, image, r[0])[1]
    ]
    base = {"ends": ends(*data()["docker_stacks"]["sources"])}
    if not runs:
        why = f"no build of {image} on {registry} before {_day(minute)}"
        return Contents({f: unknown(why) for f in FIELDS}, None, why, sources=(why,), **base)
    last = runs[-1][1]
    runs = [r for r in runs if r[1] >= last - data()["docker_stacks"]["latest_frozen_span"]]
    return _from_runs(m, image, "latest", runs, base, None)


def version_tag_never_built(image: str, registry: str, tag: str) -> bool:
    """Is this a version tag (``hub-4.1.3``, ``python-3.11``) that no build of the image on that registry had —
    builds pushed that tagger's tags, and none of them may have had that version (no such tag: HUB108)?  False
    when one may have, and when hublint cannot tell (a tag whose kind names no package it follows, such as
    ``pytorch-2.2.2``, or no version tag)."""
    m = _ds()
    cut = platform_prefix_end(tag)
    prefix, rest = tag[:cut], tag[cut:]
    vt = _VERSION_TAG.match(rest)
    if vt is None:
        return False
    kind, version = vt.group(1), vt.group(2)
    field = _KIND_FIELD.get(kind)
    if field is None or (field != "python" and image == "docker-stacks-foundation"):
        return False
    needed = "python-minor" if kind == "python" and version.count(".") == 1 else kind
    seen = False
    for r in m.runs:
        c = r[0]
        if _exists_at(m, image, c) is None or _registry(m, c) != registry:
            continue
        kinds, prefixes = _tags_of(m, image, c)
        if needed not in kinds or prefix not in prefixes:
            continue
        seen = True
        if _may_be(_codes(m, field, image, *_window(m, r), c)[0], version):
            return False
    return seen


def _version_tag(
    m: _Model, image: str, registry: str, prefix: str, raw: str, kind: str, version: str, base: dict
) -> Contents:
    field = _KIND_FIELD.get(kind)
    runs, had_kind = [], False
    for r in m.runs:
        c = r[0]
        if _exists_at(m, image, c) is None or _registry(m, c) != registry:
            continue
        kinds, prefixes = _tags_of(m, image, c)
        # `python-3.12` comes from the major.minor tagger (`python-minor`), `python-3.12.8` from the full one
        needed = "python-minor" if kind == "python" and version.count(".") == 1 else kind
        if needed not in kinds or prefix not in prefixes:
            continue
        had_kind = True
        if field is None:
            runs.append(r)
            continue
        if field != "python" and image == "docker-stacks-foundation":
            continue
        codes, _ = _codes(m, field, image, *_window(m, r), c)
        if _may_be(codes, version):
            runs.append(r)
    if not had_kind:
        why = f"no `{prefix}{kind}-` tags of {image} on {registry}"
        return Contents({f: unknown(why) for f in FIELDS}, False, why, sources=(why,), **base)
    if not runs:
        why = f"no build on {registry} had {field or kind} {version}"
        return Contents({f: unknown(why) for f in FIELDS}, False, why, sources=(why,), **base)
    named = None
    if min(r[1] for r in runs) < m.trusted:
        # the tag may point at another build than these: hublint cannot say which
        why = f"docker-stacks' documentation: tags before {_day(m.trusted)} were sometimes incorrect"
        out = _from_runs(m, image, raw, runs, base, None)
        return out._replace(facts={f: unknown(why) for f in FIELDS}, sources=(why, *out.sources))
    if field is not None:
        value = version if version.count(".") >= 2 else version + ".*"
        named = (field, known(value, f"the tag names it (docker-stacks' {kind} tagger)"))
    out = _from_runs(m, image, raw, runs, base, named)
    moving = f"`{raw}` points at the newest successful build that had it, and moves while builds keep it"
    return out._replace(sources=(moving, *out.sources))
