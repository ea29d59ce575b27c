"""Assembling ``stacks.json`` from the parts (:func:`build`), writing it byte-stably (:func:`dumps`, shared texts
interned) and the per-family report.

Imports every other module of this package; none of them imports it.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from hublint.image.facts import FIELDS

from .ci import simulate_ci
from .common import BUILD_SPAN, LATEST_FROZEN_SPAN, UTC, day, git, mins, read_up_to, stamp, vkey
from .condaforge import feedstock_versions, notebook_lab_ranges
from .history import docker_stacks
from .records import pangeo_records, singleuser_records, tag_times, z2jh_charts
from .solver import check_notebook_ranges, child_windows, timelines
from .workflows import prefixes_for

# --------------------------------------------------------------------------- assembling
SOURCES = (
    ("jupyter/docker-stacks", "docker_stacks"),
    ("jupyterhub/jupyterhub", "jupyterhub"),
    ("jupyterhub/jupyterhub-container-images", "jupyterhub_container_images"),
    ("jupyterhub/zero-to-jupyterhub-k8s", "z2jh"),
    ("pangeo-data/pangeo-docker-images", "pangeo"),
    ("conda-forge/jupyterhub-feedstock", "jupyterhub_feedstock"),
    ("conda-forge/jupyterlab-feedstock", "jupyterlab_feedstock"),
    ("conda-forge/notebook-feedstock", "notebook_feedstock"),
    ("conda-forge/python-feedstock", "python_feedstock"),
)
FEEDSTOCKS = (
    "conda-forge/jupyterhub-feedstock",
    "conda-forge/jupyterlab-feedstock",
    "conda-forge/notebook-feedstock",
    "conda-forge/python-feedstock",
)


def value_code(v) -> str:
    """A field's value as stacks.json writes it: ``5.2.1``, ``3.9.*``, ``-`` (absent), or ``?reason|alt|alt``
    (unknown: why, and the versions it may be)."""
    if isinstance(v, (tuple, list)):
        return "?" + "|".join(str(x) for x in v[1:])
    return v


def _tagging(ds: dict) -> list:
    """The ``tagging`` rows: per CI state that changes them, each image's tag kinds and prefixes (only what changed)."""
    tagging, last = [], None
    for i, ci in ds["ci"]:
        jobs = [j for w in ci["workflows"] for j in w["jobs"]]
        row = {
            image: [" ".join(sorted(kinds)), ",".join(sorted(prefixes_for(ci["prefix"], jobs, image)))]
            for image, kinds in sorted(ci["tagging"].items())
        }
        if row != last:
            # only what changed: hublint adds each row to the ones before
            delta = {image: v for image, v in row.items() if (last or {}).get(image) != v}
            delta.update({image: None for image in (last or {}) if image not in row})
            tagging.append([i, delta])
            last = row
    return tagging


def _docker_stacks_doc(
    ds: dict, ds_end: dt.datetime, runs: list, nobuild: dict, lines: list, child: dict, pinned: int | None
) -> dict:
    """The ``docker_stacks`` part of stacks.json."""
    commits = ds["commits"]
    quay_since = next(
        (i for i, ci in ds["ci"] if any(w["registry"] == "quay.io" for w in ci["workflows"])), len(commits)
    )
    tagging = _tagging(ds)
    move = commits[quay_since].t if quay_since < len(commits) else None
    trusted = ds["trusted_tags_since"]
    times = [mins(c.t) for c in commits]
    return {
        "sources": ["jupyter/docker-stacks", *FEEDSTOCKS],
        "shas": "".join(c.sha[:12] for c in commits),
        "times": [times[0]] + [b - a for a, b in zip(times, times[1:], strict=False)],
        "ends": mins(ds_end),
        "build_span": int(BUILD_SPAN.total_seconds() // 60),
        "latest_frozen_span": int(LATEST_FROZEN_SPAN.total_seconds() // 60),
        "registry_move": day(move) if move else None,
        "quay_since": quay_since,
        "quay_copies": ds["quay_copies"],
        "trusted_since": mins(dt.datetime.fromisoformat(trusted).replace(tzinfo=UTC)) if trusted else 0,
        "pinned_since": pinned if pinned is not None else len(commits),
        "docs": sorted(f"{image}:{tag}" for image, tag in ds["docs"]),
        "images": dict(sorted(ds["images"].items())),
        "tagging": tagging,
        # runs started by hand (workflow_dispatch) leave no trace: where they were possible, a tag without a
        # traced build may still exist
        "dispatch": [
            [i, int(ci["dispatch"])]
            for k, (i, ci) in enumerate(ds["ci"])
            if not k or ci["dispatch"] != ds["ci"][k - 1][1]["dispatch"]
        ],
        # reason -> the commits whose push built nothing for it (space-separated indexes)
        "nobuild": {
            why: " ".join(str(i) for i in sorted(i for i, w in nobuild.items() if w == why))
            for why in sorted(set(nobuild.values()))
        },
        # "commit,start minus the previous run's start,latest start minus start,kind" per run (one string: the
        # tables are strings so that loading them stays cheap)
        "runs": " ".join(
            f"{r[0]},{mins(r[1]) - (mins(runs[k - 1][1]) if k else 0)},{mins(r[2]) - mins(r[1])},{r[3]}"
            for k, r in enumerate(runs)
        ),
        # per base-notebook state: [first commit, {package: "time:value time:value …"}] (read when needed)
        "timelines": [
            [i, {pkg: " ".join(f"{mins(t)}:{value_code(v)}" for t, v in seq) for pkg, seq in steps.items()}]
            for i, steps in lines
        ],
        # image -> [package, first commit, end commit (exclusive) or null, reason]
        "child": {image: [list(row) for row in rows] for image, rows in child.items()},
    }


def build(args) -> dict:
    from hublint.image import stacks

    paths = {name: getattr(args, attr) for name, attr in SOURCES}
    read = {name: read_up_to(path) for name, path in paths.items()}
    cf = {
        "jupyterhub": feedstock_versions(args.jupyterhub_feedstock),
        "jupyterlab": feedstock_versions(args.jupyterlab_feedstock),
        "notebook": feedstock_versions(args.notebook_feedstock),
        "python": feedstock_versions(args.python_feedstock),
    }
    cf_ends = {pkg: read[f"conda-forge/{pkg}-feedstock"] for pkg in cf}
    lab_ranges = notebook_lab_ranges(args.notebook_feedstock)
    check_notebook_ranges(cf, lab_ranges, cf_ends)
    ds = docker_stacks(args.docker_stacks)
    ds_end = read["jupyter/docker-stacks"]
    runs, nobuild = simulate_ci(ds, ds_end)
    hub_tags = tag_times(args.jupyterhub)
    hub_releases = sorted(
        ((v, t) for v, t in hub_tags.items() if re.fullmatch(r"\d+\.\d+\.\d+", v)), key=lambda kv: vkey(kv[0])
    )
    upstream = {"jupyterhub": (hub_releases, read["jupyterhub/jupyterhub"])}
    lines = timelines(ds, cf, lab_ranges, cf_ends, upstream)
    pinned = next((i for i, st in ds["base"] if st["pinned"]), None)
    child = child_windows(ds, lines, pinned)
    doc = {
        "_about": [
            "What docker-stacks, jupyterhub/singleuser, zero-to-jupyterhub and pangeo image tags contain.",
            "Generated by scripts/update_image_knowledge.py from the repositories in `sources`: do not edit by hand.",
            "Times are minutes since 2015-01-01T00:00Z.  A field is a version, a series (3.9.*), '-' (absent) or",
            "['?', reason, alternatives...] (unknown); hublint/image/stacks.py reads it.",
        ],
        "sources": {name: git(paths[name], "rev-parse", "HEAD").strip() for name, _ in SOURCES},
        "ends": {name: day(read[name]) for name, _ in SOURCES},
        "docker_stacks": _docker_stacks_doc(ds, ds_end, runs, nobuild, lines, child, pinned),
        "conda_forge": {
            **{pkg: [f"{v} {stamp(t)}" for v, t in rel] for pkg, rel in cf.items() if pkg != "python"},
            # notebook 7 release -> the jupyterlab range [min, max) its recipe requires (HUB210)
            "notebook_jupyterlab": [
                [v, lo, hi] for v, (lo, hi) in sorted(lab_ranges.items(), key=lambda kv: vkey(kv[0]))
            ],
        },
    }
    stacks.use(doc)  # the families built on docker-stacks images read it as hublint will
    su, _ = singleuser_records(args.jupyterhub, args.jupyterhub_container_images, hub_releases)
    doc["singleuser"] = {
        "sources": [
            "jupyterhub/jupyterhub",
            "jupyterhub/jupyterhub-container-images",
            "jupyter/docker-stacks",
            *FEEDSTOCKS,
        ],
        "releases": [[v, day(t)] for v, t in hub_releases],
        "tags": su,
    }
    doc["z2jh"] = {
        "sources": ["jupyterhub/zero-to-jupyterhub-k8s", "jupyter/docker-stacks", *FEEDSTOCKS],
        "charts": z2jh_charts(args.z2jh, hub_releases),
    }
    doc["pangeo"] = {"sources": ["pangeo-data/pangeo-docker-images"], "images": pangeo_records(args.pangeo)}
    intern_texts(doc)
    stacks.use(doc)
    return doc


class _Texts:
    """Sentences by index: the same few repeat over hundreds of tags."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if text not in self.index:
            self.index[text] = len(self.texts)
            self.texts.append(text)
        return self.index[text]

    def encode(self, rec: list) -> str:
        """A record as one string: ``exists;why;built;package;field;field…`` — exists ``1``/``0``/empty (unknown),
        why and the jupyterhub package as sentence indexes, each field a value code (``?t|index`` for a
        reason)."""
        exists = {True: "1", False: "0", None: ""}[rec[0]]
        why = "" if not rec[1] else str(self(rec[1]))
        built = rec[2] or ""
        package = "" if not rec[3] else str(self(rec[3]))
        fields = []
        for code in rec[4:]:
            if isinstance(code, list):
                fields.append(f"?t|{self(code[2])}")
            else:
                fields.append(code)
        return ";".join([exists, why, built, package, *fields])


def intern_texts(doc: dict) -> None:
    """Per-tag records as strings naming each sentence by its index in the family's ``texts``."""
    for family in ("singleuser", "z2jh", "pangeo"):
        texts = _Texts()
        fam = doc[family]
        if family == "z2jh":
            fam["charts"] = [[row[0], row[1], texts.encode(row[2])] for row in fam["charts"]]
        else:
            key = "tags" if family == "singleuser" else "images"
            fam[key] = {name: {tag: texts.encode(rec) for tag, rec in rows.items()} for name, rows in fam[key].items()}
        fam["texts"] = texts.texts


def dumps(obj, depth: int = 0) -> str:
    """JSON with one row per line for tables (byte-stable, diffable, small)."""
    pad = " " * (depth + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{pad}{json.dumps(k)}: {dumps(v, depth + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    if isinstance(obj, list) and obj and all(isinstance(x, (list, dict)) for x in obj):
        rows = [pad + json.dumps(x, ensure_ascii=False, separators=(",", ":")) for x in obj]
        return "[\n" + ",\n".join(rows) + "\n" + " " * depth + "]"
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- the report
def _reason_key(reason: str) -> str:
    text = re.sub(r"\b[0-9a-f]{12}\b", "<commit>", reason)
    text = re.sub(r"\d+(?:[.-]\d+)*\*?", "#", text)
    return text[:90]


def report(doc: dict) -> list[str]:
    """Per family: tags known, tags with unknown fields (and why), tags described as never published."""
    from collections import Counter

    from hublint.image import stacks, stacksdata

    F = FIELDS
    stacks.use(doc)
    lines = []

    def tally(name: str, contents: list) -> None:
        never = [c for c in contents if c.exists is False]
        built = [c for c in contents if c.exists is not False and c.built]
        untraced = len(contents) - len(never) - len(built)
        full_ = [
            c
            for c in built
            if all(c.fact(f) is not None and c.fact(f).state != "unknown" for f in F if f != "jupyter_server")
        ]
        why: Counter = Counter()
        for c in built:
            for f in F:
                fact = c.fact(f)
                if f != "jupyter_server" and (fact is None or fact.state == "unknown"):
                    why[f"{f}: {_reason_key(fact.reason if fact else 'no record')}"] += 1
        lines.append(
            f"{name}: {len(built)} tags with a known build: {len(full_)} known in every field (jupyter_server "
            f"aside), {len(built) - len(full_)} ambiguous; {len(never)} never published"
            + (f"; {untraced} without a traced build (existence unknown)" if untraced else "")
        )
        for reason, n in why.most_common(6):
            lines.append(f"    {n:6d}  {reason}")

    ds = doc["docker_stacks"]
    shas = [ds["shas"][i : i + 12] for i in range(0, len(ds["shas"]), 12)]
    first_date = next(i for i, row in ds["tagging"] if any("date" in k.split() for k, _ in row.values()))
    start = sum(ds["times"][: first_date + 1])
    end = ds["ends"]
    days = []
    t = dt.date.fromisoformat(stacksdata._day(start))
    while mins(dt.datetime(t.year, t.month, t.day, tzinfo=UTC)) <= end:
        days.append(t.isoformat())
        t += dt.timedelta(days=1)
    for image in ("base-notebook", "scipy-notebook"):
        reg = lambda i: "quay.io" if i >= ds["quay_since"] else "docker.io"  # noqa: E731
        commits = [stacks.docker_stacks(image, reg(i), sha) for i, sha in enumerate(shas)]
        dates = [
            stacks.docker_stacks(image, "quay.io" if d >= (ds["registry_move"] or "9") else "docker.io", d)
            for d in days
        ]
        tally(f"docker-stacks {image} commit tags", commits)
        tally(f"docker-stacks {image} date tags", dates)
    su = doc["singleuser"]["tags"]
    tally("jupyterhub/singleuser", [stacks.singleuser(reg, tag) for reg, rows in su.items() for tag in rows])
    tally(
        "zero-to-jupyterhub k8s-singleuser-sample",
        [stacks.z2jh("k8s-singleuser-sample", row[0]) for row in doc["z2jh"]["charts"]],
    )
    tally("pangeo", [stacks.pangeo(image, tag) for image, rows in doc["pangeo"]["images"].items() for tag in rows])
    return lines
