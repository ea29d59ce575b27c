#!/usr/bin/env python3
"""Rebuild hublint/image/stacks.json — what each docker-stacks, jupyterhub/singleuser and z2jh image tag contains —
from public history, so the data can be refreshed for each new release instead of edited by hand.

    python scripts/update_image_knowledge.py \\
        --docker-stacks CLONE --jupyterhub CLONE --z2jh CLONE \\
        --jupyterhub-feedstock CLONE --jupyterlab-feedstock CLONE --notebook-feedstock CLONE \\
        --python-feedstock CLONE [--output hublint/image/stacks.json] [--check]

Every CLONE is a git clone (or bare mirror) of, in order: jupyter/docker-stacks, jupyterhub/jupyterhub,
jupyterhub/zero-to-jupyterhub-k8s, conda-forge/{jupyterhub,jupyterlab,notebook,python}-feedstock (all
branches: older minors are released from branches).  Only git data is read (``git log``, ``git show``);
nothing in the clones is built or run.  ``--check`` compares with the committed file instead of writing it
(exit 1 when they differ).  The output depends only on the clones' contents: the same clones give the same
bytes.

Method (shared/reference/docker-stacks-history/README.md):

- docker-stacks tags: a 12-hex tag is a first-parent ``main`` commit; a ``YYYY-MM-DD`` tag (since the
  DateTagger) is the UTC build date.  A build at time t gets, per package, the spec base-notebook
  installs at t (minimal-notebook before base-notebook existed): an exact pin is that version; a wildcard
  or an unpinned spec is the newest conda-forge version matching it merged an hour or more before t —
  with notebook 7, jupyterlab also within the range the newest notebook requires.  Around each such
  release (its merge time to two hours after) the answer is unknown.  These per-package step functions
  are the ``timelines``; a tag's versions are read over its build window at run time (hublint/image/
  stacks.py): constant there, or unknown.
- Python: the minor version base-notebook (or the foundation) asks for, or what its installer bundles
  (:data:`INSTALLER_PYTHON`); the patch is the newest conda-forge 3.X.y where the image asks conda for
  ``python=3.X`` (since 2022-05), unknown before.
- Child images inherit jupyterhub from base-notebook (built just before, in the same run).  Where a
  child's own Dockerfile installs jupyterlab, notebook or python, that package is unknown for the child
  and its descendants (``child_overrides``); Python is inherited only once base-notebook pins its minor
  (``conda-meta/pinned``).
- jupyterhub/singleuser: one tag per JupyterHub release (its version), built on base-notebook at the
  release date; z2jh: for every chart tag, the Hub's version (``appVersion`` or the hub image's pin) and
  the sample image's (its requirements, its ``ARG JUPYTERHUB_VERSION`` wildcard, or its docker-stacks
  base commit).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "..", "hublint", "image", "stacks.json")

# Python bundled by the installers base-notebook used before it named a Python version itself.  Sources:
# Anaconda's Miniconda release archive (repo.anaconda.com/miniconda, the installers' names and release notes)
# and conda-forge/miniforge's release notes (Miniforge/Mambaforge bundle the then-current conda-forge Python).
INSTALLER_PYTHON = [
    # (installer, version: exact, or a prefix ending in "."; Python minor) — the first match wins
    ("Miniconda3", "3.9.", "3.4"), ("Miniconda3", "3.10.", "3.4"), ("Miniconda3", "3.16.", "3.4"),
    ("Miniconda3", "3.18.", "3.4"), ("Miniconda3", "3.19.", "3.5"), ("Miniconda3", "4.0.", "3.5"),
    ("Miniconda3", "4.1.", "3.5"), ("Miniconda3", "4.2.", "3.5"), ("Miniconda3", "4.3.", "3.6"),
    ("Miniconda3", "4.4.", "3.6"), ("Miniconda3", "4.5.11", "3.7"), ("Miniconda3", "4.5.12", "3.7"),
    ("Miniconda3", "4.5.", "3.6"), ("Miniconda3", "4.6.", "3.7"), ("Miniconda3", "4.7.", "3.7"),
    ("Miniconda3", "4.8.", "3.7"), ("Miniforge", "4.8.", "3.8"), ("Miniforge", "4.9.", "3.8"),
    ("Miniforge", "4.10.0", "3.8"), ("Miniforge", "4.10.", "3.9"), ("Miniforge", "4.11.", "3.9"),
    ("Miniforge", "4.12.", "3.9"),
]
# base-notebook downloaded the unversioned latest Mambaforge from 2021-08-24 (#1438) until it named the Python
# version itself (2022-05-28, #1711); the latest Mambaforge then (4.10.3 to 4.12.0) bundled Python 3.9.
LATEST_MAMBAFORGE_PYTHON = (("2021-07-01", "2022-09-01", "3.9"),)
# docker-stacks facts that are events, not data in the repository's files (with their sources)
REGISTRY_MOVE = "2023-10-20"   # README: "Since 2023-10-20 our images are only pushed to Quay.io" (PR #2010)
EVERY_PUSH_BUILT_UNTIL = "2020-08-07"   # Docker Cloud built every push until the GitHub Actions move (#1124)
CF_UNSURE = dt.timedelta(hours=2)     # from a conda-forge merge to two hours after: unknown which one a build got
PACKAGES = ("jupyterhub", "notebook", "jupyterlab")  # notebook before jupyterlab: it constrains it
IMAGES = ("docker-stacks-foundation", "base-notebook", "minimal-notebook", "scipy-notebook", "r-notebook",
          "julia-notebook", "tensorflow-notebook", "pytorch-notebook", "datascience-notebook", "pyspark-notebook",
          "all-spark-notebook")
PRE = re.compile(r"(a|b|rc|alpha|beta|dev|pre)\d*", re.I)


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True,
                          errors="replace").stdout


def when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")).astimezone(dt.timezone.utc)


def stamp(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def vkey(v: str) -> tuple:
    parts = re.findall(r"\d+", v.split("+")[0])
    return tuple(int(p) for p in parts[:4])


def final(v: str) -> bool:
    return not PRE.search(v.split("+")[0].replace(".post", ""))


class Blobs:
    """File contents at commits, through one ``git cat-file --batch`` process."""

    def __init__(self, repo: str) -> None:
        self.proc = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)

    def get(self, commit: str, path: str) -> str | None:
        self.proc.stdin.write(f"{commit}:{path}\n".encode())
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            return None
        size = int(header[2])
        data = self.proc.stdout.read(size)
        self.proc.stdout.read(1)
        return data.decode("utf-8", "replace")

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


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
    heads = [r for r in git(repo, "for-each-ref", "--format=%(refname)", "refs/heads", "refs/remotes").split()
             if not r.endswith("/HEAD") and not _LABEL_BRANCH.search(r.rsplit("/", 1)[-1])]
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
                r"set\s+lab_version\s*=\s*[\"']\s*>=\s*([0-9.]+)\s*,\s*<\s*([0-9.]+)", text)
            if lo and hi:
                out.setdefault(version, (lo.group(1), hi.group(1)))
            elif rng:
                out.setdefault(version, (rng.group(1), rng.group(2)))
    blobs.close()
    return out


# --------------------------------------------------------------------------- docker-stacks
def first_parent(repo: str) -> list[tuple[str, dt.datetime, list[str]]]:
    """First-parent main commits, oldest first, with the files each changed."""
    out = []
    sha = iso = None
    files: list[str] = []
    for line in git(repo, "log", "--first-parent", "--reverse", "--name-only", "--format=@@%H %cI", "HEAD").splitlines():
        if line.startswith("@@"):
            if sha:
                out.append((sha, when(iso), files))
            sha, iso = line[2:].split()
            files = []
        elif line.strip():
            files.append(line.strip())
    if sha:
        out.append((sha, when(iso), files))
    return out


def _builds(t: dt.datetime, files: list[str]) -> bool:
    """Could this commit have built images?  Before the move to GitHub Actions every push was built; then only
    commits changing something but documentation."""
    if stamp(t) < EVERY_PUSH_BUILT_UNTIL:
        return True
    return any(not (f.startswith("docs/") or f.endswith((".md", ".rst")) or f.startswith(".github/ISSUE_TEMPLATE")
                    or f in ("LICENSE.md", ".readthedocs.yaml", "CODE_OF_CONDUCT.md")) for f in files)


def image_dockerfile(blobs: Blobs, sha: str, image: str) -> str | None:
    return blobs.get(sha, f"images/{image}/Dockerfile") or blobs.get(sha, f"{image}/Dockerfile")


# base-notebook/foundation pin Python's minor for every later conda install (2022-05: conda-meta/pinned)
_PYTHON_PINNED = re.compile(r"python[^\n]*>>\s*[\"']?\$\{?CONDA_DIR\}?/conda-meta/pinned")


def read_dockerfile(text: str):
    """(the instructions' text without comments, the installs hublint's analysis finds): the Dockerfile read
    as BuildKit reads it (comment lines inside continuations are not part of an instruction)."""
    sys.path.insert(0, os.path.join(HERE, ".."))
    from hublint.dockerfile.model import analyze
    from hublint.dockerfile.syntax import ParseError, scan
    from hublint.image.install_analysis import analyze_installs

    try:
        tree = scan(text)
    except ParseError:
        return "", []
    df = analyze(tree)
    clean = "\n".join(ins.original for ins in tree.instructions)
    return clean, analyze_installs(df.stages, df.escape, None).installs


def _spec_of(install) -> str:
    """An install's version spec as written (``=0.9.*``, ``==0.5``, ``>=7.2.2``), ``*`` when unpinned."""
    raw = install.spec.strip("'\"")
    m = re.match(r"(?:[^:\s]+::)?[A-Za-z0-9_.-]+(?:\[[^\]]*\])?\s*(.*)\Z", raw)
    spec = (m.group(1) if m else "").replace(" ", "")
    return spec or "*"


def base_specs(text: str) -> dict[str, str]:
    """The jupyterhub/jupyterlab/notebook specs a base-notebook Dockerfile installs ("*" when unpinned); conda's
    jupyterhub-base and jupyterhub-singleuser are jupyterhub."""
    out: dict[str, str] = {}
    for inst in read_dockerfile(text)[1]:
        name = "jupyterhub" if inst.name in ("jupyterhub-base", "jupyterhub-singleuser") else inst.name
        if name in PACKAGES:
            out[name] = _spec_of(inst)
            if name == "jupyterhub":  # which package: conda's whole Hub (with the proxy and nodejs), or less
                out["jupyterhub_package"] = f"{inst.manager}:{inst.name}"
    return out


def child_packages(text: str) -> frozenset:
    """Server packages (and Python) a child image's own Dockerfile installs or pins (conda-meta/pinned), so that
    the child may re-solve them."""
    clean, installs = read_dockerfile(text)
    found = {i.name for i in installs if i.name in ("jupyterlab", "notebook", "python")}
    for line in clean.splitlines():
        for m in re.finditer(r"""echo\s+['"]?(jupyterlab|notebook|python)\b[^\n]*?>>\s*\S*conda-meta/pinned""", line):
            found.add(m.group(1))
    return frozenset(found)


def python_minor(text: str, at: dt.datetime | None = None) -> str | None:
    """The Python minor a base-notebook (or foundation) Dockerfile asks for, or its installer bundles."""
    text = read_dockerfile(text)[0] if text else ""
    m = re.search(r"ARG PYTHON_VERSION=([0-9]+\.[0-9]+)\b", text) or re.search(r"['\"\s]python=([0-9]+\.[0-9]+)\b", text)
    if m:
        return m.group(1)
    m = re.search(r"Miniconda3-py(\d)(\d+)_", text)
    if m:
        return f"{m.group(1)}.{m.group(2)}"
    version = None
    m = re.search(r"MINICONDA_VERSION[= ]\s*([0-9.]+)", text) or re.search(r"Miniconda3-([0-9][0-9.]+)-Linux", text)
    if m:
        version = ("Miniconda3", m.group(1))
    m = re.search(r"conda_version=\"?([0-9.]+)", text)
    if m and re.search(r"miniforge|mambaforge", text, re.I):
        version = ("Miniforge", m.group(1))
    elif re.search(r"Mambaforge-Linux-|Miniforge3-Linux-", text) and at is not None:
        for start, end, minor in LATEST_MAMBAFORGE_PYTHON:
            if start <= stamp(at) < end:
                return minor
    if version:
        for inst, prefix, minor in INSTALLER_PYTHON:
            if inst == version[0] and (version[1] == prefix or prefix.endswith(".") and version[1].startswith(prefix)):
                return minor
    return None


def docker_stacks(repo: str) -> dict:
    commits = first_parent(repo)
    blobs = Blobs(repo)
    specs: list[tuple[dt.datetime, dict[str, str], str | None, bool]] = []  # (time, specs, python minor, pinned)
    since: dict[str, dt.datetime] = {}
    child: dict[str, list[tuple[dt.datetime, frozenset]]] = {}
    parents: dict[str, str] = {}
    legacy: set[str] = set()
    date_tags_since = pinned_since = None
    prev = None
    for sha, t, files in commits:
        touched = any(re.search(r"(^|/)Dockerfile$|registry-move|tagging/", f) for f in files) or prev is None
        if not touched:
            continue
        base = image_dockerfile(blobs, sha, "base-notebook")
        minimal = image_dockerfile(blobs, sha, "minimal-notebook")
        foundation = image_dockerfile(blobs, sha, "docker-stacks-foundation")
        source = base or minimal or ""
        current = base_specs(source)
        minor = python_minor(foundation or "", t) or python_minor(source, t)
        pinned = bool(_PYTHON_PINNED.search((foundation or "") + source))
        state = (current, minor, pinned)
        if state != prev:
            specs.append((t, current, minor, pinned))
            prev = state
        if pinned and pinned_since is None:
            pinned_since = t
        for image in IMAGES:
            text = image_dockerfile(blobs, sha, image)
            if text is None:
                continue
            since.setdefault(image, t)
            m = re.search(r"ARG BASE_(?:CONTAINER|IMAGE)=\$REGISTRY/\$OWNER/([\w-]+)", text) or \
                re.search(r"ARG BASE_CONTAINER=(?:jupyter|\$OWNER)/([\w-]+)", text) or \
                re.search(r"^FROM (?:quay\.io/)?jupyter/([\w-]+)", text, re.M)
            if m:
                parents[image] = m.group(1)
            if image not in ("base-notebook", "docker-stacks-foundation") and not (base is None and
                                                                                   image == "minimal-notebook"):
                own = child_packages(text)
                runs = child.setdefault(image, [])
                if not runs or runs[-1][1] != own:
                    runs.append((t, own))
        workflow = blobs.get(sha, ".github/workflows/registry-move.yml")
        if workflow:
            legacy |= set(re.findall(r"\b[0-9a-f]{12}\b", workflow))
        if date_tags_since is None:
            for path in ("tagging/taggers.py", "tagging/taggers/date.py", "tagging/taggers/__init__.py",
                         "tagging/apps/write_tags_file.py"):
                text = blobs.get(sha, path) or ""
                if "DateTagger" in text:
                    date_tags_since = t
                    break
    blobs.close()
    return {"commits": commits, "specs": specs, "since": since, "child": child, "parents": parents,
            "legacy": sorted(legacy), "date_tags_since": date_tags_since, "pinned_since": pinned_since}


# --------------------------------------------------------------------------- timelines
def _matches(version: str, spec: str) -> bool:
    if spec in ("*", ""):
        return True
    m = re.fullmatch(r"(==|=|>=|<=|<|>|~=)?\s*([0-9][0-9.]*)(\.?\*)?", spec)
    if not m:
        return False
    op, ver, star = m.group(1) or "=", m.group(2).rstrip("."), m.group(3)
    v, w = vkey(version), vkey(ver)
    if op in ("=",) or star:
        return v[:len(w)] == w
    if op == "==":
        return v == w + (0,) * (len(v) - len(w)) if len(v) >= len(w) else v + (0,) * (len(w) - len(v)) == w
    if op == ">=":
        return v >= w
    if op == ">":
        return v > w
    if op == "<":
        return v < w
    if op == "<=":
        return v <= w
    return False


def _exact(spec: str) -> str | None:
    """A pin to one version: ``==X.Y[.Z]`` (pip and conda: exact), conda ``=X.Y.Z`` (a prefix match that is, in
    practice, that release)."""
    m = re.fullmatch(r"==\s*([0-9]+(?:\.[0-9]+){1,2})", spec) or re.fullmatch(r"=\s*([0-9]+\.[0-9]+\.[0-9]+)", spec)
    return m.group(1) if m else None


def step_function(periods, releases, constraint=None) -> list[tuple[dt.datetime, str | None]]:
    """[(time, version or None)] for one package: per spec period, the exact pin, or the newest matching
    conda-forge release — unknown from a newer one's merge until two hours after it (it may or may not be
    installable yet)."""
    out: list[tuple[dt.datetime, str | None]] = []

    def put(t, value):
        if out and out[-1][0] == t:
            out[-1] = (t, value)
        elif not out or out[-1][1] != value:
            out.append((t, value))

    def newest(t, delay):
        avail = [v for v, r in releases if r + delay <= t and _matches(v, spec) and (constraint is None or
                                                                                  constraint(v, t))]
        return max(avail, key=vkey) if avail else None

    for i, (start, spec) in enumerate(periods):
        end = periods[i + 1][0] if i + 1 < len(periods) else None
        if spec is None:
            put(start, None)
            continue
        exact = _exact(spec)
        if exact:
            put(start, exact)
            continue
        events = {start}
        for _, r in releases:
            for e in (r, r + CF_UNSURE):
                if start < e and (end is None or e < end):
                    events.add(e)
        for t in sorted(events):
            sure, maybe = newest(t, CF_UNSURE), newest(t, dt.timedelta(0))
            put(t, sure if sure == maybe else None)
    return out


def _last_major_change(steps, before: dt.datetime) -> dt.datetime | None:
    """When the package's major version last changed in base-notebook before ``before``."""
    found, major = None, None
    for t, v in steps:
        if t >= before:
            break
        m = vkey(v)[:1] if v else None
        if m and m != major:
            found, major = t, m
    return found


def value_at(steps, t):
    times = [s[0] for s in steps]
    i = bisect.bisect_right(times, t) - 1
    return steps[i][1] if i >= 0 else None


def timelines(stacks: dict, cf: dict, lab_ranges: dict) -> dict:
    specs = stacks["specs"]
    out = {}
    for pkg in PACKAGES:
        periods = [(t, s.get(pkg)) for t, s, _, _ in specs]
        merged = []
        for t, s in periods:
            if not merged or merged[-1][1] != s:
                merged.append((t, s))
        constraint = None
        if pkg == "jupyterlab":
            nb_steps = out["notebook"]

            def constraint(v, t, nb_steps=nb_steps):
                nb = value_at(nb_steps, t)
                rng = lab_ranges.get(nb) if nb else None
                return rng is None or vkey(rng[0]) <= vkey(v) < vkey(rng[1])
        out[pkg] = step_function(merged, cf[pkg], constraint)
    # python: the minor from the Dockerfile; the patch from conda-forge where conda is asked for python=3.X
    periods = []
    for t, _, minor, _ in specs:
        spec = None if minor is None else f"={minor}"
        if not periods or periods[-1][1] != spec:
            periods.append((t, spec))
    steps = []
    for i, (start, spec) in enumerate(periods):
        end = periods[i + 1][0] if i + 1 < len(periods) else None
        if spec is None:
            steps.append((start, None))
            continue
        minor = spec[1:]
        if stamp(start) >= "2022-05" or (steps and steps[-1][1] and steps[-1][1].count(".") == 2):
            sub = step_function([(start, spec)], [(v, r) for v, r in cf["python"] if v.startswith(minor + ".")])
            steps.extend((t, v) for t, v in sub if end is None or t < end)
        else:
            steps.append((start, minor))
    out["python"] = steps
    package = []
    for t, s, _, _ in specs:
        value = s.get("jupyterhub_package")
        if not package or package[-1][1] != value:
            package.append((t, value))
    out["jupyterhub_package"] = package
    return out


# --------------------------------------------------------------------------- jupyterhub and z2jh
def tag_dates(repo: str) -> dict[str, dt.datetime]:
    out = {}
    for line in git(repo, "for-each-ref", "--format=%(refname:short) %(creatordate:iso-strict)", "refs/tags").splitlines():
        name, iso = line.split()
        out[name] = when(iso)
    return out


def z2jh_charts(repo: str, hub_releases: list[tuple[str, dt.datetime]], stacks_lookup) -> list:
    blobs = Blobs(repo)
    out = []
    for tag, t in sorted(tag_dates(repo).items(), key=lambda kv: kv[1]):
        version = tag[1:] if tag.startswith("v") else tag
        if not re.match(r"\d+\.\d+", version) or version.endswith("-doc") or vkey(version) < (0, 7):
            continue
        chart = blobs.get(tag, "jupyterhub/Chart.yaml") or ""
        m = re.search(r"^appVersion:\s*[\"']?([0-9][^\"'\s]*)", chart, re.M)
        hub = m.group(1) if m else None
        req = blobs.get(tag, "images/hub/requirements.txt") or ""
        m = re.search(r"^jupyterhub==([0-9][^\s#]*)", req, re.M)
        if m:
            hub = m.group(1)
        sample = notebook = None
        sreq = blobs.get(tag, "images/singleuser-sample/requirements.txt") or ""
        m = re.search(r"^jupyterhub==([0-9][^\s#]*)", sreq, re.M)
        if m:
            sample = m.group(1)
        else:
            df = blobs.get(tag, "images/singleuser-sample/Dockerfile") or ""
            m = re.search(r"ARG JUPYTERHUB_VERSION=([0-9][0-9.*]*)", df)
            if m:
                spec = m.group(1)
                cands = [v for v, r in hub_releases if r <= t and _matches(v, "=" + spec.rstrip("*").rstrip("."))]
                recent = [v for v, r in hub_releases if t - dt.timedelta(days=3) < r <= t
                          and _matches(v, "=" + spec.rstrip("*").rstrip("."))]
                sample = max(cands, key=vkey) if cands and not recent else None
            m = re.search(r"^FROM jupyter/base-notebook:([0-9a-f]{12})", df, re.M)
            if m:  # the sample image was docker-stacks base-notebook at that commit, plus what it adds
                base_hub, notebook = stacks_lookup(m.group(1))
                sample = sample or base_hub
        out.append([version, hub, sample, notebook])
    blobs.close()
    return out


# --------------------------------------------------------------------------- assembling
def build(args) -> dict:
    cf = {"jupyterhub": feedstock_versions(args.jupyterhub_feedstock),
          "jupyterlab": feedstock_versions(args.jupyterlab_feedstock),
          "notebook": feedstock_versions(args.notebook_feedstock),
          "python": feedstock_versions(args.python_feedstock)}
    lab_ranges = notebook_lab_ranges(args.notebook_feedstock)
    stacks = docker_stacks(args.docker_stacks)
    lines = timelines(stacks, cf, lab_ranges)
    commits = [(sha[:12], t, int(_builds(t, files))) for sha, t, files in stacks["commits"]]
    hub_tags = tag_dates(args.jupyterhub)
    hub_releases = sorted(((v, t) for v, t in hub_tags.items() if re.fullmatch(r"\d+\.\d+\.\d+", v)),
                          key=lambda kv: vkey(kv[0]))
    singleuser_since = None
    for v, _ in hub_releases:
        if git(args.jupyterhub, "ls-tree", "--name-only", v, "singleuser/").strip():
            singleuser_since = v
            break

    def commit_versions(sha12: str):
        """(jupyterhub, notebook) of base-notebook at a commit, when the same over the day after it."""
        out = []
        for pkg in ("jupyterhub", "notebook"):
            found = None
            for i, (c, t, _) in enumerate(commits):
                if c == sha12:
                    nxt = commits[i + 1][1] if i + 1 < len(commits) else t + dt.timedelta(days=7)
                    vals = {value_at(lines[pkg], t), value_at(lines[pkg], min(nxt, t + dt.timedelta(days=1)))}
                    found = vals.pop() if len(vals) == 1 else None
                    break
            out.append(found)
        return tuple(out)

    charts = z2jh_charts(args.z2jh, hub_releases, commit_versions)
    sources = {name: git(path, "rev-parse", "HEAD").strip() for name, path in (
        ("jupyter/docker-stacks", args.docker_stacks), ("jupyterhub/jupyterhub", args.jupyterhub),
        ("jupyterhub/zero-to-jupyterhub-k8s", args.z2jh),
        ("conda-forge/jupyterhub-feedstock", args.jupyterhub_feedstock),
        ("conda-forge/jupyterlab-feedstock", args.jupyterlab_feedstock),
        ("conda-forge/notebook-feedstock", args.notebook_feedstock),
        ("conda-forge/python-feedstock", args.python_feedstock))}
    last = max(t for _, t, _ in commits)
    child = {}
    for image, runs in sorted(stacks["child"].items()):
        windows = []
        for i, (t, own) in enumerate(runs):
            end = runs[i + 1][0] if i + 1 < len(runs) else None
            for pkg in sorted(own):
                start = t
                if pkg in lines and pkg != "python":
                    # a child pins a package because the solver would downgrade it (docker-stacks 13c7da8f:
                    # "mamba downgrades these packages to previous major versions"): before the pin, since the
                    # package's last major release in base-notebook, the child may have had an older major
                    start = _last_major_change(lines[pkg], t) or t
                windows.append([pkg, stamp(start), stamp(end) if end else None])
        if windows:
            child[image] = windows
    return {
        "_about": [
            "What each docker-stacks, jupyterhub/singleuser and zero-to-jupyterhub image tag contains.",
            "Generated by scripts/update_image_knowledge.py from the repositories in `sources`: do not edit by hand.",
            "timelines: per package, [time, version] steps: the version a base-notebook build at that time got",
            "(null: unknown); read over a tag's build window by hublint/image/stacks.py.",
        ],
        "sources": sources,
        "refreshed": stamp(last)[:10],
        "docker_stacks": {
            "commits": [f"{c} {stamp(t)} {b}" for c, t, b in commits],
            "images": {name: {"since": stamp(t), "parent": stacks["parents"].get(name)}
                       for name, t in sorted(stacks["since"].items())},
            "date_tags_since": stamp(stacks["date_tags_since"])[:10] if stacks["date_tags_since"] else None,
            "every_push_built_until": EVERY_PUSH_BUILT_UNTIL,
            "registry_move": REGISTRY_MOVE,
            "quay_legacy_commit_tags": stacks["legacy"],
            "python_pinned_since": stamp(stacks["pinned_since"]) if stacks["pinned_since"] else None,
            "timelines": {pkg: [[stamp(t), v] for t, v in steps] for pkg, steps in lines.items()},
            "child_overrides": child,
        },
        "singleuser": {
            "docker_io_since": singleuser_since,
            "quay_io_since": "4.1.0",   # quay.io publishing: f366b785 (5.0.0), backported in 4.1.0 (#4698)
            "releases": [[v, stamp(t)[:10]] for v, t in hub_releases],
        },
        "z2jh": {"charts": charts},
        "conda_forge": {**{pkg: [[v, stamp(t)] for v, t in rel] for pkg, rel in cf.items() if pkg != "python"},
                        # notebook 7 release -> the jupyterlab range [min, max) its recipe requires (HUB210)
                        "notebook_jupyterlab": [[v, lo, hi] for v, (lo, hi) in
                                                sorted(lab_ranges.items(), key=lambda kv: vkey(kv[0]))]},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name in ("docker-stacks", "jupyterhub", "z2jh", "jupyterhub-feedstock", "jupyterlab-feedstock",
                 "notebook-feedstock", "python-feedstock"):
        ap.add_argument(f"--{name}", required=True, metavar="CLONE")
    ap.add_argument("--output", default=DEFAULT_OUTPUT)
    ap.add_argument("--check", action="store_true", help="compare with --output instead of writing it")
    args = ap.parse_args()
    data = build(args)
    text = json.dumps(data, indent=1, sort_keys=False, ensure_ascii=False) + "\n"
    if args.check:
        with open(args.output, encoding="utf-8") as fh:
            same = fh.read() == text
        print("up to date" if same else f"{args.output} differs from what the clones give")
        return 0 if same else 1
    with open(args.output, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"wrote {args.output} ({len(text):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
