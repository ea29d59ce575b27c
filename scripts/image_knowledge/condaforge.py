"""conda-forge feedstocks: the releases a feedstock published and when (all branches), and the jupyterlab range
each notebook release requires.

Imports :mod:`.common` only.
"""

from __future__ import annotations

import datetime as dt
import re

from .common import Blobs, final, git, vkey, when

# --------------------------------------------------------------------------- conda-forge
_JINJA_SET = re.compile(r"""\{%\s*set\s+(\w+)\s*=\s*["']([^"']+)["']\s*%\}""")


def recipe_version(text: str) -> str | None:
    """The version a conda recipe builds: ``{% set version = "X" %}`` (possibly through another set
    variable), ``context: version:`` (the v1 recipe format) or ``package: version:``."""
    sets = dict(_JINJA_SET.findall(text))
    m = re.search(r"""\{%\s*set\s+version\s*=\s*(\w+)\s*%\}""", text)
    if "version" in sets:
        return sets["version"]
    if m and m.group(1) in sets:
        return sets[m.group(1)]
    for block in ("context", "package"):
        m = re.search(rf"""^{block}:[ \t]*\n(?:[ \t]+[^\n]*\n)*?[ \t]+version:[ \t]*["']?([^"'\s]+)""", text, re.M)
        if m:
            value = m.group(1)
            ref = re.fullmatch(r"\{\{\s*(\w+)\s*\}\}", value)
            value = sets.get(ref.group(1)) if ref else value
            if value and re.match(r"\d", value):
                return value
    return None


_LABEL_BRANCH = re.compile(r"alpha|beta|\brc\b|^rc|dev|pre|debug|downgrade|historic", re.I)


def feedstock_versions(repo: str) -> list[tuple[str, dt.datetime]]:
    """(version, first merge time on any branch) of every final release of a feedstock."""
    blobs = Blobs(repo)
    first: dict[str, dt.datetime] = {}
    # the default branch and version branches (4.x, 3.10) publish to conda-forge's main channel; alpha, beta, rc,
    # dev, pre-release and debug branches publish to labels a plain install does not see
    heads = [
        r
        for r in git(repo, "for-each-ref", "--format=%(refname)", "refs/heads", "refs/remotes").split()
        if not r.endswith("/HEAD") and not _LABEL_BRANCH.search(r.rsplit("/", 1)[-1])
    ]
    for ref in heads:
        log = git(repo, "log", "--first-parent", "--format=%H %cI", ref, "--", "recipe/meta.yaml", "recipe/recipe.yaml")
        for line in log.splitlines():
            sha, iso = line.split()
            text = blobs.get(sha, "recipe/recipe.yaml") or blobs.get(sha, "recipe/meta.yaml") or ""
            v = recipe_version(text)
            if v and final(v):
                t = when(iso)
                if v not in first or t < first[v]:
                    first[v] = t
    blobs.close()
    return sorted(first.items(), key=lambda kv: (kv[1], vkey(kv[0])))


def notebook_lab_ranges(repo: str) -> dict[str, tuple[str, str]]:
    """notebook version -> the jupyterlab range (min, max exclusive) its conda-forge recipe requires."""
    blobs = Blobs(repo)
    out: dict[str, tuple[str, str]] = {}
    for ref in git(repo, "for-each-ref", "--format=%(refname)", "refs/heads").split():
        for line in git(repo, "log", "--first-parent", "--format=%H", ref, "--", "recipe").splitlines():
            text = blobs.get(line, "recipe/recipe.yaml") or blobs.get(line, "recipe/meta.yaml") or ""
            version = recipe_version(text)
            if not version or not final(version) or not version.startswith("7"):
                continue
            lo = re.search(r"jupyterlab_min[\"']?\s*[:=]\s*[\"']([0-9.]+)", text)
            hi = re.search(r"jupyterlab_max[\"']?\s*[:=]\s*[\"']([0-9.]+)", text)
            rng = re.search(r"-\s*jupyterlab\s*>=\s*([0-9.]+)\s*,\s*<\s*([0-9.]+)", text) or re.search(
                r"set\s+lab_version\s*=\s*[\"']\s*>=\s*([0-9.]+)\s*,\s*<\s*([0-9.]+)", text
            )
            if lo and hi:
                out.setdefault(version, (lo.group(1), hi.group(1)))
            elif rng:
                out.setdefault(version, (rng.group(1), rng.group(2)))
    blobs.close()
    return out
