"""Versions at build time: conda/PEP 440 specs, the conda-forge solve of base-notebook's specs at a time
(:class:`Solver`, jupyterlab and notebook together), the timelines of each base-notebook state and the windows in
which a child image installs a package itself.

Imports :mod:`.common` only.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from .common import _MEMO, CF_UNSURE, UTC, GeneratorError, day, full, stamp, vkey


# --------------------------------------------------------------------------- specs
def _matches(version: str, spec: str) -> bool:
    key = ("m", version, spec)
    if key not in _MEMO:
        _MEMO[key] = _match(version, spec)
    return _MEMO[key]


def _match(version: str, spec: str) -> bool:
    """Does a release match a conda/pip spec as docker-stacks wrote it (``=0.9.*``, ``=0.7``, ``==0.5``,
    ``>=7.2.2``, ``*``)?"""
    if spec in ("*", ""):
        return True
    for part in spec.split(","):
        m = re.fullmatch(r"(==|=|>=|<=|<|>|~=|!=)?\s*([0-9][0-9.]*)(\.?\*)?", part.strip())
        if not m:
            return False
        op, ver, star = m.group(1) or "=", m.group(2).rstrip("."), m.group(3)
        v, w = vkey(version), vkey(ver)
        pad = max(len(v), len(w))
        vp, wp = v + (0,) * (pad - len(v)), w + (0,) * (pad - len(w))
        ok = {
            "=": v[: len(w)] == w,
            "==": (v[: len(w)] == w) if star else vp == wp,
            ">=": vp >= wp,
            ">": vp > wp,
            "<": vp < wp,
            "<=": vp <= wp,
            "!=": vp != wp,
            "~=": vp >= wp and v[: len(w) - 1] == w[:-1],
        }[op]
        if not ok:
            return False
    return True


def exact_pin(spec: str) -> str | None:
    """The one version a spec pins: pip/conda ``==X.Y[.Z]`` (PEP 440 pads: ``==0.5`` is 0.5.0), conda ``=X.Y.Z``."""
    m = re.fullmatch(r"==\s*([0-9]+(?:\.[0-9]+){0,2})", spec) or re.fullmatch(r"=\s*([0-9]+\.[0-9]+\.[0-9]+)", spec)
    return full(m.group(1)) if m else None


def series_of(spec: str) -> str | None:
    """The series a spec names, when it names one: conda ``=0.7`` / ``=0.9.*``, pip ``==1.1.*`` (E8: a series,
    not a version)."""
    m = re.fullmatch(r"==?\s*([0-9]+(?:\.[0-9]+){0,2})\.?\*?", spec)
    if m and not exact_pin(spec):
        return m.group(1) + ".*"
    return None


# --------------------------------------------------------------------------- versions at build time
class Solver:
    """What base-notebook's install got at a time: per package a version, a series (``3.9.*``), ``-`` (absent)
    or ``("?", reason, alternatives…)``."""

    def __init__(self, cf: dict, lab_ranges: dict, ends: dict, upstream: dict | None = None) -> None:
        # upstream: pkg -> (final releases [(version, tag time)], the day that clone ends): a feedstock cannot
        # publish a version before the project releases it, so past the feedstock's end and up to the upstream
        # clone's, "no newer release upstream" keeps the answer known
        self.upstream = upstream or {}
        self.cf, self.lab_ranges, self.ends = cf, lab_ranges, ends
        self._times = {pkg: [r for _, r in rel] for pkg, rel in cf.items()}

    def available(self, pkg: str, spec: str, t: dt.datetime, delay: dt.timedelta) -> list[str]:
        rel = self.cf[pkg]  # sorted by merge time
        k = bisect.bisect_right(self._times[pkg], t - delay)
        return [v for v, _ in rel[:k] if _matches(v, spec)]

    def single(self, pkg: str, spec: str | None, t: dt.datetime):
        if spec is None:
            return "-"
        if spec == "?":
            return ("?", "unread")
        pin = exact_pin(spec)
        if pin:
            return pin
        if t > self.ends[pkg]:
            if series_of(spec):
                return series_of(spec)
            known_then = [v for v, _ in self.cf[pkg] if _matches(v, spec)]  # all the clone has
            floor = max(known_then, key=vkey) if known_then else None
            releases, upstream_end = self.upstream.get(pkg, ([], None))
            if floor is not None and upstream_end is not None and t <= upstream_end:
                newer = [v for v, r in releases if r <= t and _matches(v, spec) and vkey(v) > vkey(floor)]
                if not newer:
                    return floor  # nothing newer was released upstream: conda-forge cannot have it
                return ("?", "upstream", floor, max(newer, key=vkey))
            # unpinned: the newest release then or a later one
            return ("?", "end", pkg, floor) if floor else ("?", "end", pkg)
        sure = self.available(pkg, spec, t, CF_UNSURE)
        maybe = self.available(pkg, spec, t, dt.timedelta(0))
        a = max(sure, key=vkey) if sure else None
        b = max(maybe, key=vkey) if maybe else None
        if a is None and b is None:
            return series_of(spec) or ("?", "none", pkg)
        if a == b:
            return a
        return ("?", "merge", *sorted({x for x in (a, b) if x}, key=vkey))

    def _compatible(self, nb: str, lab: str) -> bool:
        key = ("c", nb, lab)
        if key not in _MEMO:
            _MEMO[key] = self._compat(nb, lab)
        return _MEMO[key]

    def _compat(self, nb: str, lab: str) -> bool:
        if nb == "-" or vkey(nb)[:1] < (7,):
            return True
        rng = self.lab_ranges.get(nb)
        if rng is None:
            return True
        return lab != "-" and vkey(rng[0]) <= vkey(lab) < vkey(rng[1])

    def _pareto(self, nbs: list[str], labs: list[str], t: dt.datetime, why: str):
        """The pairs no other pair beats on both versions: the newest notebook with the newest jupyterlab it
        allows, then each older notebook that allows a newer jupyterlab."""

        def key(v):
            return vkey(v) if v != "-" else ()

        best: list[tuple[str, str]] = []
        top = None
        labs = sorted(labs, key=key)
        for n in sorted(nbs, key=key, reverse=True):
            lab = next((x for x in reversed(labs) if self._compatible(n, x)), None)
            if lab is None:
                continue
            if top is None or key(lab) > key(top):
                best.append((n, lab))
                top = lab
        if not best:
            raise GeneratorError(
                f"{stamp(t)}: no jupyterlab/notebook pair satisfies the specs "
                f"(notebook {nbs[-3:]}, jupyterlab {labs[-3:]}): {why}"
            )
        return best

    def _cands(self, pkg: str, spec: str | None, t: dt.datetime, delay: dt.timedelta) -> list[str]:
        """The versions a spec admits at a time: ``-`` when not installed, the pin, or what conda-forge had."""
        if spec is None:
            return ["-"]
        pin = exact_pin(spec)
        return [pin] if pin else sorted(self.available(pkg, spec, t, delay), key=vkey)

    def lab_notebook(self, snb: str | None, slab: str | None, t: dt.datetime):
        """notebook and jupyterlab solved together (notebook 7 requires its recipe's jupyterlab range)."""
        nb_single, lab_single = self.single("notebook", snb, t), self.single("jupyterlab", slab, t)
        nb_open = snb not in (None, "?") and not exact_pin(snb) and t > self.ends["notebook"]
        lab_open = slab not in (None, "?") and not exact_pin(slab) and t > self.ends["jupyterlab"]
        if (
            isinstance(nb_single, tuple)
            and nb_single[1] == "unread"
            or isinstance(lab_single, tuple)
            and lab_single[1] == "unread"
        ):
            return nb_single, lab_single
        if nb_open or lab_open:
            # past a feedstock's end the other one's choice depends on it too (notebook 7 pins jupyterlab's range)
            coupled = snb is not None
            nb_v = (
                ("?", "end", "jupyterlab" if lab_open and not nb_open else "notebook")
                if (nb_open or coupled) and not exact_pin(snb or "")
                else nb_single
            )
            lab_v = (
                ("?", "end", "notebook" if nb_open and not lab_open else "jupyterlab")
                if (lab_open or coupled) and not exact_pin(slab or "")
                else lab_single
            )
            return nb_v, lab_v
        results = []
        for delay in (CF_UNSURE, dt.timedelta(0)):
            nbs, labs = self._cands("notebook", snb, t, delay), self._cands("jupyterlab", slab, t, delay)
            if slab is None and any(n != "-" and vkey(n)[:1] >= (7,) for n in nbs):
                labs = ["-"] + sorted(self.available("jupyterlab", "*", t, delay), key=vkey)  # a dependency
            if not nbs or not labs:
                return nb_single, lab_single
            results.append(self._pareto(nbs, labs, t, f"notebook {snb}, jupyterlab {slab}"))
        out = []
        for idx in (0, 1):
            vals = sorted({p[idx] for res in results for p in res}, key=lambda v: vkey(v) if v != "-" else ())
            if len(vals) == 1:
                out.append(vals[0])
            else:
                solver = any(len({p[idx] for p in res}) > 1 for res in results)
                out.append(("?", "solver" if solver else "merge", *vals))
        return out[0], out[1]


def check_notebook_ranges(cf: dict, lab_ranges: dict, ends: dict) -> None:
    """Fail when a notebook 7 release needs a jupyterlab the jupyterlab feedstock never had, although both
    feedstocks were read past the release: the clones disagree (or one is stale)."""
    labs = cf["jupyterlab"]
    for v, rel in cf["notebook"]:
        rng = lab_ranges.get(v)
        if rng is None or rel + dt.timedelta(days=14) > ends["jupyterlab"]:
            continue
        ok = [lab for lab, t in labs if vkey(rng[0]) <= vkey(lab) < vkey(rng[1]) and t <= ends["jupyterlab"]]
        if not ok:
            raise GeneratorError(
                f"notebook {v} needs jupyterlab >={rng[0]},<{rng[1]}, and the jupyterlab feedstock "
                f"(read up to {day(ends['jupyterlab'])}) has none: an impossible pair"
            )


STATE_MARGIN = dt.timedelta(days=2)  # a commit's builds run up to a day after it (and over the build span)


def timelines(ds: dict, cf: dict, lab_ranges: dict, ends: dict, upstream: dict | None = None) -> list:
    """Per base-notebook state (its specs at a commit, until the next change): per package, [(time, value)] steps —
    what a build of a commit in that state got at that time.  A build builds its commit's Dockerfile, whenever it
    runs: the specs come from the commit, the releases from the time."""
    solver = Solver(cf, lab_ranges, ends, upstream)
    commits = ds["commits"]
    states = ds["base"]
    release_events = set()
    for pkg in ("jupyterhub", "jupyterlab", "notebook", "python"):
        for _, r in cf[pkg]:
            release_events |= {r, r + CF_UNSURE}
        release_events.add(ends[pkg] + dt.timedelta(minutes=1))
    release_sorted = sorted(release_events)
    out = []
    for k, (i, st) in enumerate(states):
        start = commits[i].t
        stop = commits[states[k + 1][0]].t + STATE_MARGIN if k + 1 < len(states) else None
        lo = bisect.bisect_right(release_sorted, start)
        hi = bisect.bisect_left(release_sorted, stop) if stop else len(release_sorted)
        events = [start, *release_sorted[lo:hi]]
        steps: dict[str, list] = {
            p: [] for p in ("jupyterhub", "jupyterlab", "notebook", "python", "jupyterhub_package")
        }

        def put(pkg, t, value, steps=steps):
            seq = steps[pkg]
            if not seq or seq[-1][1] != value:
                seq.append((t, value))

        specs = st["specs"]
        minor = st["minor"]
        for t in events:
            put("jupyterhub", t, solver.single("jupyterhub", specs.get("jupyterhub"), t))
            nb, lab = solver.lab_notebook(specs.get("notebook"), specs.get("jupyterlab"), t)
            put("notebook", t, nb)
            put("jupyterlab", t, lab)
            if minor is None:
                py = ("?", "unread")
            elif start >= dt.datetime(2022, 5, 1, tzinfo=UTC):  # the image asks conda for python=3.X
                py = solver.single("python", f"={minor}", t)
                if isinstance(py, tuple) and py[1] == "end":
                    py = f"{minor}.*"
            else:
                py = f"{minor}.*"
            put("python", t, py)
            put("jupyterhub_package", t, specs.get("jupyterhub_package", "-"))
            if isinstance(nb, str) and isinstance(lab, str) and not solver._compatible(nb, lab):
                raise GeneratorError(f"{stamp(t)}: notebook {nb} with jupyterlab {lab} is an impossible pair "
                                     f"(notebook {nb} requires jupyterlab {lab_ranges.get(nb)})")
        out.append((i, steps))
    return out


def child_windows(ds: dict, lines: list, pinned: int | None) -> dict:
    """image -> [(package, first commit, last commit + 1 or None, reason)]: the commits whose builds of a child
    image may re-solve a package in it."""
    commits = ds["commits"]
    times = [c.t for c in commits]
    out: dict[str, list] = {}
    for image, runs in sorted(ds["child"].items()):
        rows = []
        for k, (i, flags) in enumerate(runs):
            end = runs[k + 1][0] if k + 1 < len(runs) else None
            for pkg in ("jupyterlab", "notebook"):
                if pkg in flags:
                    # a child pins a package because the solver would downgrade it (docker-stacks 13c7da8f:
                    # "mamba downgrades these packages to previous major versions"): before the pin, since the
                    # package's last major release in base-notebook, the child may have had an older major
                    since = _last_major_change(lines, pkg, commits[i].t)
                    first = bisect.bisect_left(times, since) if since else i
                    rows.append((pkg, min(first, i), end, "installs"))
            if "conda" in flags and pinned is not None and i < pinned:
                rows.append(("python", i, min(end, pinned) if end is not None else pinned, "unpinned"))
        if rows:
            out[image] = rows
    return out


def _last_major_change(lines: list, pkg: str, before: dt.datetime) -> dt.datetime | None:
    """When the package's major version last changed in base-notebook builds before ``before``."""
    found, major = None, None
    for _, steps in lines:
        for t, v in steps[pkg]:
            if t >= before:
                return found
            m = vkey(v)[:1] if isinstance(v, str) and v != "-" else None
            if m and m != major:
                found, major = t, m
    return found
