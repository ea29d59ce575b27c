"""The CI as it ran: which runs docker-stacks' CI started (pushes, weekly crons, Docker Cloud builds, releases by
hand), at which commit and when, and why a push built nothing.

Imports :mod:`.common`, :mod:`.workflows` and :mod:`.history`.
"""

from __future__ import annotations

import bisect
import datetime as dt

from .common import CRON_DELAY, GITHUB_SKIP_MARKERS, GITHUB_SKIP_SINCE, SURELY_CANCELLED
from .history import state_at
from .workflows import cron_times, path_filter_matches


# --------------------------------------------------------------------------- the CI as it ran
def _branch_ok(branches) -> bool:
    return branches is None or any(b in ("main", "master", "**", "*") for b in branches)


def _push_tips(commits: list) -> list[bool | None]:
    """Per commit: was it a push's tip (True), not (False), or cannot tell (None)."""
    n = len(commits)
    tip: list[bool | None] = []
    for i, c in enumerate(commits):
        nxt = commits[i + 1] if i + 1 < n else None
        if nxt is None:
            tip.append(True)
        elif c.t == nxt.t:
            tip.append(False)  # written in the same second: one rebase (GitHub's rebase-merge, or local)
        elif c.bot or nxt.bot:
            tip.append(True)  # GitHub made one of them on top of the other: two pushes
        else:
            tip.append(None)  # two local commits: pushed together or not
    return tip


def _weekly_runs(ds: dict, end: dt.datetime, runs: list[list]) -> None:
    """Append to ``runs`` the weekly cron runs of the workflows on main (each rebuilds HEAD)."""
    commits = ds["commits"]
    times = [c.t for c in commits]
    first_cron = next((commits[i].t for i, ci in ds["ci"] if any(w["crons"] for w in ci["workflows"])), None)
    if first_cron is not None:
        mondays = sorted(
            {
                t
                for i, ci in ds["ci"]
                for w in ci["workflows"]
                for cr in w["crons"]
                for t in cron_times(cr, first_cron, end)
            }
        )
        for m in mondays:
            head = bisect.bisect_right(times, m) - 1
            for w in state_at(ds["ci"], head).get("workflows", []):
                if any(m in cron_times(cr, m, m + dt.timedelta(minutes=1)) for cr in w["crons"]):
                    runs.append([head, m, m + CRON_DELAY, "w", w["name"]])


def simulate_ci(ds: dict, end: dt.datetime) -> tuple[list, dict]:
    """(runs, why commits built nothing).  A run: [commit index, start (earliest), start (latest), kind, workflow];
    kinds: ``r`` a release by hand while the commit was HEAD, ``c`` a Docker Cloud build of a push, ``p`` a GitHub
    Actions push run, ``w`` the weekly cron; ``?`` after the kind: the commit may not have been a push tip."""
    commits = ds["commits"]
    n = len(commits)
    tip = _push_tips(commits)
    runs: list[list] = []
    nobuild: dict[int, str] = {}
    pending: list[str] = []
    for i, c in enumerate(commits):
        pending += c.files
        if tip[i] is False:
            nobuild[i] = "tip"
            continue
        files, pending = pending, ([] if tip[i] else pending)
        nxt_t = commits[i + 1].t if i + 1 < n else None
        push_hi = c.t if c.bot else min(nxt_t or c.t + dt.timedelta(hours=1), c.t + dt.timedelta(days=1))
        push_hi = max(push_hi, c.t)
        ci = state_at(ds["ci"], i)
        maybe = "" if tip[i] else "?"
        workflows = [w for w in ci.get("workflows", []) if w["push"]]
        msg = c.msg.lower()
        if workflows or ci.get("workflows"):
            if c.email.startswith("actions@"):
                nobuild[i] = "token"
                continue
            if c.t >= GITHUB_SKIP_SINCE and any(m in msg for m in GITHUB_SKIP_MARKERS):
                nobuild[i] = "skip"
                continue
            why = "paths"
            for w in workflows:
                if not _branch_ok(w["branches"]):
                    continue
                if any(m.lower() in msg for m in w["skip"]):
                    why = "skip"
                    continue
                if path_filter_matches(files, w["paths"], w["ignore"]):
                    runs.append([i, c.t, push_hi, "p" + maybe, w["name"]])
                    why = ""
            if why:
                nobuild[i] = why
        elif ci.get("cloud"):
            if any(m in msg for m in ci.get("skip_markers", [])):
                nobuild[i] = "skip"
                continue
            runs.append([i, c.t, push_hi, "c" + maybe, ""])
        else:
            runs.append([i, c.t, nxt_t or end, "r", ""])
    # the weekly cron of the workflow on main rebuilds HEAD
    _weekly_runs(ds, end, runs)
    runs.sort(key=lambda r: (r[1], r[0], r[3]))
    # concurrency: a run superseded by the next one of its workflow within SURELY_CANCELLED pushed nothing
    kept = []
    last_by_wf: dict[str, int] = {}
    cancelled = set()
    for k, r in enumerate(runs):
        if r[3][0] in "pw":
            prev = last_by_wf.get(r[4])
            cancel = any(w["cancel"] for w in state_at(ds["ci"], r[0]).get("workflows", []) if w["name"] == r[4])
            if prev is not None and cancel and r[2] - runs[prev][1] < SURELY_CANCELLED:
                cancelled.add(prev)
            last_by_wf[r[4]] = k
    for k, r in enumerate(runs):
        if k in cancelled:
            if r[3][0] == "p":
                nobuild[r[0]] = "cancel"
            continue
        kept.append(r)
    for r in kept:
        nobuild.pop(r[0], None)
    return kept, nobuild
