#!/usr/bin/env python3
"""Rebuild hublint/image/stacks.json — what each docker-stacks, jupyterhub/singleuser, zero-to-jupyterhub sample and
pangeo image tag contains — from public history, so the data can be refreshed instead of edited by hand.

    python scripts/update_image_knowledge.py \\
        --docker-stacks CLONE --jupyterhub CLONE --jupyterhub-container-images CLONE --z2jh CLONE \\
        --pangeo CLONE --jupyterhub-feedstock CLONE --jupyterlab-feedstock CLONE --notebook-feedstock CLONE \\
        --python-feedstock CLONE [--output hublint/image/stacks.json] [--check]

Every CLONE is a git clone (or bare mirror) of, in order: jupyter/docker-stacks, jupyterhub/jupyterhub,
jupyterhub/jupyterhub-container-images, jupyterhub/zero-to-jupyterhub-k8s, pangeo-data/pangeo-docker-images and
conda-forge/{jupyterhub,jupyterlab,notebook,python}-feedstock (all branches: older minors are released from
branches).  Only git data is read (``git log``, ``git show``); nothing in the clones is built or run, and nothing of
them is copied into hublint but the facts below.  ``--check`` compares with the committed file instead of writing
it (exit 1 when they differ).  Both print, per family, how many tags the data knows fully, how many it leaves
partly unknown, and why.  The output depends only on the clones' contents: the same clones give the same bytes.

The answer for a field is a value (an exact version, or a series such as ``3.9.*``), **unknown** with the reason,
or **absent**; hublint never turns an unknown into a guess.  Each source is known up to the date of its newest
commit ("knowledge ends"): past that date every answer that depends on it is unknown — except where an upstream
clone read further shows nothing newer was released (a feedstock cannot publish a jupyterhub before jupyterhub
tags it).

docker-stacks (shared/reference/docker-stacks-history/README.md; every rule below is read from the repository at
each first-parent ``main`` commit):

- **Builds, as the CI ran them** (``runs``).  Before Docker Cloud (until its hooks arrive, 2017-07) maintainers
  released ``HEAD`` by hand (``make release-all``): any commit may have been built while it was ``HEAD``.  With
  Docker Cloud hooks, each push built its tip (``post_checkout`` refused "skip ci" commits); children were built
  from ``HEAD`` through build triggers.  With GitHub Actions, a push builds its tip when one of the image workflows'
  ``push`` filters (branches, ``paths`` / ``paths-ignore``, GitHub's glob syntax) matches the files the push
  changed, and the head commit message has no skip marker (the workflow's own ``if:`` on "ci skip", and
  GitHub's ``[skip ci]`` family since 2021-02-08); pushes made by a workflow (GITHUB_TOKEN) start nothing.  The
  weekly ``schedule`` cron of the workflow on ``main`` rebuilds ``HEAD``.  With ``concurrency:
  cancel-in-progress`` a run superseded within :data:`SURELY_CANCELLED` pushed nothing.  Commits pushed together
  build once, at the push's tip: GitHub's rebase-merges share one commit time; a commit followed by one GitHub made
  (a merge button, a bot) was a push tip; two local commits in a row may or may not have been pushed together.
  A run may fail, and a failed run pushes nothing: a tag whose runs are known exists at best "unknown" — only a
  tag docker-stacks' own documentation names exists for sure — and a tag no run could have pushed does not exist.
  Runs started by hand (``workflow_dispatch``) leave no trace: where one was possible, a tag without a traced run
  exists "unknown" and has no versions.  ``latest`` on the frozen Docker Hub copies is one of the runs of its last
  day there (:data:`LATEST_FROZEN_SPAN`).
- **Tags each run pushed** (``tagging``): the taggers of each image at the run's commit (hooks/apply_tags,
  tagging/images_hierarchy.py with its tagger classes or functions, inherited down the image hierarchy), and the
  platform prefixes its tagging code and build jobs give (``aarch64-`` for arm-only builds since the per-platform
  build, ``x86_64-`` once tags carry every platform, ``<platform>-<variant>-`` for CUDA variants, merged tags
  without a platform).  A ``YYYY-MM-DD`` tag is the UTC day of the run's tag step.  Version tags (``hub-X``,
  ``lab-X``, ``notebook-X``, ``python-X``) point at the newest successful run of that image that had that version;
  docker-stacks' documentation says tags before a date were sometimes wrong, so a version named by an older tag is
  not trusted.
- **Versions at build time** (``timelines``, base-notebook; docker-stacks-foundation for Python): the specs
  base-notebook installs at the commit a run builds (minimal-notebook before base-notebook existed), solved at the
  run's time.  An exact pin is that version
  (PEP 440: ``==0.5`` is 0.5.0); a conda ``=X.Y`` is the newest X.Y.* on conda-forge; an unpinned package is the
  newest conda-forge release merged :data:`CF_UNSURE` or more before the solve (between a merge and that delay a
  build could get either: unknown, both named).  jupyterlab and notebook are solved together at every release of
  either: notebook 7 requires the jupyterlab range its recipe states; where two Pareto-best pairs remain (the
  newest notebook, or the newest jupyterlab) the answer is unknown and names both.  The generator fails on a pair
  that no version can satisfy.  Python: the minor the image asks for (or its installer bundles,
  :data:`INSTALLER_PYTHON`), a series; the patch where the image asks conda for ``python=3.X`` (since 2022-05).
- **Child images** inherit from the image they are built ``FROM`` in the same run.  Where a child's own Dockerfile
  installs jupyterlab or notebook into the root environment, that package is unknown for the child and its
  descendants (``child``); before base-notebook pins Python's minor (``conda-meta/pinned``) any conda install into a
  child's root environment may re-solve Python (docker-stacks #768); a ``conda create -p …/envs/python2`` is another
  environment and changes nothing of the root Python.
- A run builds over at most :data:`BUILD_SPAN` from its start; a value that changes inside it is unknown (or the
  series both values share).  A tag's field is a value only where every run it may point at agrees.

jupyterhub/singleuser: built by the jupyterhub repository at each release tag (Docker Hub hooks, then the release
workflow) on ``base-notebook`` as it was then, with pip's ``jupyterhub==X.Y.Z``; from the move to
jupyterhub/jupyterhub-container-images (5.3 on) every push to its ``main`` rebuilds ``X.Y.Z`` (a moving tag) and
``X.Y.Z-N`` is the N-th build.  zero-to-jupyterhub: the Hub's version (``appVersion`` or the hub image's frozen
requirements) and the sample image's fields from its Dockerfile and frozen ``requirements.txt``.  pangeo: each git
tag's lock file (``conda-lock.yml``, ``conda-linux-64.lock``, ``packages.txt``) of each image.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from hublint.image.facts import FIELDS  # noqa: E402  (the fields a record holds, in hublint's order)

DEFAULT_OUTPUT = os.path.join(HERE, "..", "hublint", "image", "stacks.json")

UTC = dt.timezone.utc
EPOCH = dt.datetime(2015, 1, 1, tzinfo=UTC)  # times in the output: whole minutes since then

# Python bundled by the installers base-notebook used before it named a Python version itself.  Sources:
# Anaconda's Miniconda release archive (repo.anaconda.com/miniconda, the installers' names and release notes)
# and conda-forge/miniforge's release notes (Miniforge/Mambaforge bundle the then-current conda-forge Python).
INSTALLER_PYTHON = [
    # (installer, version: exact, or a prefix ending in "."; Python minor) — the first match wins
    ("Miniconda3", "3.9.", "3.4"),
    ("Miniconda3", "3.10.", "3.4"),
    ("Miniconda3", "3.16.", "3.4"),
    ("Miniconda3", "3.18.", "3.4"),
    ("Miniconda3", "3.19.", "3.5"),
    ("Miniconda3", "4.0.", "3.5"),
    ("Miniconda3", "4.1.", "3.5"),
    ("Miniconda3", "4.2.", "3.5"),
    ("Miniconda3", "4.3.", "3.6"),
    ("Miniconda3", "4.4.", "3.6"),
    ("Miniconda3", "4.5.11", "3.7"),
    ("Miniconda3", "4.5.12", "3.7"),
    ("Miniconda3", "4.5.", "3.6"),
    ("Miniconda3", "4.6.", "3.7"),
    ("Miniconda3", "4.7.", "3.7"),
    ("Miniconda3", "4.8.", "3.7"),
    ("Miniforge", "4.8.", "3.8"),
    ("Miniforge", "4.9.", "3.8"),
    ("Miniforge", "4.10.0", "3.8"),
    ("Miniforge", "4.10.", "3.9"),
    ("Miniforge", "4.11.", "3.9"),
    ("Miniforge", "4.12.", "3.9"),
]
# base-notebook downloaded the unversioned latest Mambaforge from 2021-08-24 (#1438) until it named the Python
# version itself (2022-05-28, #1711); the latest Mambaforge then (4.10.3 to 4.12.0) bundled Python 3.9.
LATEST_MAMBAFORGE_PYTHON = (("2021-07-01", "2022-09-01", "3.9"),)
# GitHub Actions skips push workflows whose head commit message holds one of these since 2021-02-08
# (github.blog/changelog/2021-02-08-github-actions-skip-pull-request-and-push-workflows-with-skip-ci)
GITHUB_SKIP_MARKERS = ("[skip ci]", "[ci skip]", "[no ci]", "[skip actions]", "[actions skip]")
GITHUB_SKIP_SINCE = dt.datetime(2021, 2, 8, tzinfo=UTC)
# Assumptions about run times (not in any repository; stated in the README):
CF_UNSURE = dt.timedelta(hours=2)  # from a conda-forge merge until the package surely reached the channel
BUILD_SPAN = dt.timedelta(hours=3)  # from a run's start to its last conda solve and its tag step
SURELY_CANCELLED = dt.timedelta(minutes=10)  # no run reached a push step sooner after its start
CRON_DELAY = dt.timedelta(hours=1)  # GitHub starts a scheduled run up to this late
# the frozen Docker Hub `latest` is one of the builds of its last day there (docker-stacks README: "Since 2023-10-20
# our images are only pushed to Quay.io": Docker Hub got that day's pushes)
LATEST_FROZEN_SPAN = dt.timedelta(days=1)
IMAGES = (
    "docker-stacks-foundation",
    "base-notebook",
    "minimal-notebook",
    "scipy-notebook",
    "r-notebook",
    "julia-notebook",
    "tensorflow-notebook",
    "pytorch-notebook",
    "datascience-notebook",
    "pyspark-notebook",
    "all-spark-notebook",
)
PRE = re.compile(r"(a|b|rc|alpha|beta|dev|pre)\d*", re.I)
_MEMO: dict = {}  # parsed files by content: the history repeats them


class GeneratorError(Exception):
    """The clones say something the method cannot take (an impossible pair, tagging code it cannot read)."""


def git(repo: str, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", repo, *args], capture_output=True, text=True, check=True, errors="replace"
    ).stdout


def when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")).astimezone(UTC)


def stamp(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def day(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%d")


def mins(t: dt.datetime) -> int:
    return int((t - EPOCH).total_seconds() // 60)


@functools.lru_cache(maxsize=None)
def vkey(v: str) -> tuple:
    parts = re.findall(r"\d+", v.split("+")[0])
    return tuple(int(p) for p in parts[:4])


def final(v: str) -> bool:
    return not PRE.search(v.split("+")[0].replace(".post", ""))


def full(v: str) -> str:
    """A release as an exact version of at least three parts (PEP 440 pads with zeros: ``0.5`` is 0.5.0)."""
    parts = v.split(".")
    return ".".join(parts + ["0"] * (3 - len(parts))) if len(parts) < 3 and all(p.isdigit() for p in parts) else v


class Blobs:
    """File contents at commits, through one ``git cat-file --batch`` process."""

    def __init__(self, repo: str) -> None:
        self.proc = subprocess.Popen(
            ["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def get(self, commit: str, path: str) -> str | None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
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
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


class Repo:
    """A clone: file contents and folder listings at commits."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.blobs = Blobs(path)
        self._ls: dict[tuple[str, str], list[str]] = {}

    def get(self, commit: str, path: str) -> str | None:
        return self.blobs.get(commit, path)

    def ls(self, commit: str, folder: str) -> list[str]:
        return [p for p, _ in self.ls_ids(commit, folder)]

    def ls_ids(self, commit: str, folder: str) -> list[tuple[str, str]]:
        """(path, blob id) of the files under a folder at a commit."""
        key = (commit, folder)
        if key not in self._ls:
            rows = git(self.path, "ls-tree", "-r", commit, *([folder] if folder else [])).splitlines()
            self._ls[key] = [(r.split("\t", 1)[1], r.split()[2]) for r in rows if "\t" in r]
        return self._ls[key]

    def close(self) -> None:
        self.blobs.close()


def read_up_to(repo: str) -> dt.datetime:
    """The newest commit time on any branch or tag: what the clone knows of the source ends there."""
    out = git(repo, "log", "--all", "--format=%ct", "--max-count=50", "--date-order")
    return dt.datetime.fromtimestamp(max(int(x) for x in out.split()), UTC).replace(second=0)


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


# --------------------------------------------------------------------------- Dockerfiles
def read_dockerfile(text: str):
    """(the instructions' text without comments, the installs hublint's analysis finds): the Dockerfile read
    as BuildKit reads it (comment lines inside continuations are not part of an instruction)."""
    key = ("df", text)
    if key not in _MEMO:
        _MEMO[key] = _read_dockerfile(text)
    return _MEMO[key]


def _read_dockerfile(text: str):
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


def _root_env(prefix: str | None) -> bool:
    """Is an install's prefix docker-stacks' root environment (``$CONDA_DIR``, ``/opt/conda``)?"""
    return prefix is None or prefix.rstrip("/") in ("/opt/conda", "$CONDA_DIR", "${CONDA_DIR}")


def base_specs(text: str) -> dict[str, str]:
    """The jupyterhub/jupyterlab/notebook specs a base-notebook Dockerfile installs into its root environment ("*"
    when unpinned); conda's jupyterhub-base and jupyterhub-singleuser are jupyterhub."""
    out: dict[str, str] = {}
    for inst in read_dockerfile(text)[1]:
        if not _root_env(inst.prefix):
            continue
        name = "jupyterhub" if inst.name in ("jupyterhub-base", "jupyterhub-singleuser") else inst.name
        if name in ("jupyterhub", "jupyterlab", "notebook"):
            out[name] = _spec_of(inst)
            if name == "jupyterhub":  # which package: conda's whole Hub (with the proxy and nodejs), or less
                out["jupyterhub_package"] = f"{inst.manager}:{inst.name}"
    # a package an install line names but the analysis did not read is unknown, not absent
    clean = read_dockerfile(text)[0]
    for pkg in ("jupyterhub", "jupyterlab", "notebook"):
        if pkg not in out and re.search(rf"install[^\n]*(?:\\\n[^\n]*)*['\"\s]{pkg}\b", clean):
            out[pkg] = "?"
    return out


_PINNED_ECHO = re.compile(r"""echo\s+['"]?(jupyterlab|notebook|python)\b[^\n]*?>>\s*\S*conda-meta/pinned""")


def child_flags(text: str) -> frozenset:
    """What a child image's own Dockerfile may re-solve in the root environment: ``jupyterlab``/``notebook`` it
    installs or pins, ``conda`` when any conda/mamba install runs there (it may move an unpinned Python).
    Installs into another environment (``conda create -p …/envs/python2``, a venv) change nothing of it."""
    clean, installs = read_dockerfile(text)
    found = set()
    for inst in installs:
        if not _root_env(inst.prefix):
            continue
        if inst.name in ("jupyterlab", "notebook"):
            found.add(inst.name)
        if inst.manager == "conda":
            found.add("conda")
    for line in clean.splitlines():
        for m in _PINNED_ECHO.finditer(line):
            found.add("conda" if m.group(1) == "python" else m.group(1))
    return frozenset(found)


def python_minor(text: str, at: dt.datetime | None = None) -> str | None:
    """The Python minor a base-notebook (or foundation) Dockerfile asks for, or its installer bundles."""
    text = read_dockerfile(text)[0] if text else ""
    m = re.search(r"ARG PYTHON_VERSION=([0-9]+\.[0-9]+)\b", text) or re.search(
        r"['\"\s]python=([0-9]+\.[0-9]+)\b", text
    )
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


# base-notebook/foundation pin Python's minor for every later conda install: `conda list python | … >> pinned`
# (2019-04, #778) or `echo "python ${PYTHON_VERSION}.*" >> pinned`
_PYTHON_PINNED = re.compile(r"python[^\n]*>>\s*[\"']?\$\{?CONDA_DIR\}?/conda-meta/pinned")


# --------------------------------------------------------------------------- GitHub Actions
def gh_glob(pattern: str) -> re.Pattern:
    """A GitHub Actions filter pattern as a regular expression: ``*`` (no ``/``), ``**`` (anything), ``?`` (the
    preceding character, optional), ``+`` (one or more of it), ``[...]``; everything else literal."""
    out, i = "", 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            continue
        if c == "*":
            out += "[^/]*"
        elif c in "?+" and out:
            out += c
        elif c == "[":
            j = pattern.find("]", i)
            if j < 0:
                out += re.escape(c)
            else:
                out += pattern[i : j + 1]
                i = j + 1
                continue
        else:
            out += re.escape(c)
        i += 1
    return re.compile(out + r"\Z")


def path_filter_matches(files: list[str], paths: list | None, ignore: list | None) -> bool:
    """Would a push changing ``files`` start a workflow with these ``paths`` / ``paths-ignore`` filters?"""
    if paths is None and ignore is None:
        return True
    if paths is not None:
        pats = [(p.startswith("!"), gh_glob(p.lstrip("!"))) for p in paths]
        for f in files:
            inc = False
            for neg, rx in pats:
                if rx.match(f):
                    inc = not neg
            if inc:
                return True
        return False
    pats = [(p.startswith("!"), gh_glob(p.lstrip("!"))) for p in ignore or ()]
    for f in files:
        ignored = False
        for neg, rx in pats:
            if rx.match(f):
                ignored = not neg
        if not ignored:
            return True
    return False


_BUILDS = re.compile(
    r"docker build\b|build-test-all|build-all|docker-build-test-upload|build-push-action|make -C \S+ build"
)
_PUSHES = re.compile(r"docker push\b|push-all|docker-tag-push|apply_tags|merge_tags|push-multi|push: true")


def _yaml(text: str):
    import yaml

    key = ("yaml", text)
    if key not in _MEMO:
        try:
            _MEMO[key] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            _MEMO[key] = None
    return _MEMO[key]


def build_workflows(repo: Repo, sha: str) -> list[dict]:
    """The workflows at a commit that build and push images on a push to ``main``, with their triggers."""
    ids = tuple(repo.ls_ids(sha, ".github/workflows/"))
    if ("wf", ids) not in _MEMO:
        _MEMO[("wf", ids)] = _build_workflows(repo, sha)
    return _MEMO[("wf", ids)]


def _build_workflows(repo: Repo, sha: str) -> list[dict]:
    names = [p for p in repo.ls(sha, ".github/workflows/") if p.endswith((".yml", ".yaml"))]
    texts = {n: repo.get(sha, n) or "" for n in names}

    def closure(name, seen):
        text = texts.get(name, "")
        out = text
        for used in re.findall(r"uses:\s*\./(\.github/workflows/[\w.-]+)", text):
            if used not in seen:
                seen.add(used)
                out += closure(used, seen)
        return out

    found = []
    for name in names:
        doc = _yaml(texts[name])
        if not isinstance(doc, dict):
            continue
        on = doc.get(True, doc.get("on"))
        if isinstance(on, str):
            on = {on: None}
        elif isinstance(on, list):
            on = dict.fromkeys(on)
        if not isinstance(on, dict) or "push" not in on and "schedule" not in on:
            continue
        body = closure(name, {name})
        if not (_BUILDS.search(body) and _PUSHES.search(body)):
            continue
        push = on.get("push") or {}
        crons = [c.get("cron") for c in (on.get("schedule") or []) if isinstance(c, dict)]
        conc = doc.get("concurrency")
        cancel = False
        if isinstance(conc, dict):
            c = conc.get("cancel-in-progress")
            cancel = c is True or (isinstance(c, str) and "pull_request" not in c and c.strip() not in ("", "false"))
        skip = []
        for job in (doc.get("jobs") or {}).values():
            cond = str((job or {}).get("if", ""))
            skip += re.findall(r"!\s*contains\(\s*github\.event\.head_commit\.message\s*,\s*'([^']+)'\s*\)", cond)
        reg = re.search(r"\bREGISTRY:\s*([\w.-]+)", body)
        found.append(
            {
                "name": name.rsplit("/", 1)[-1],
                "push": "push" in on,
                "branches": push.get("branches") if isinstance(push, dict) else None,
                "paths": push.get("paths") if isinstance(push, dict) else None,
                "ignore": push.get("paths-ignore") if isinstance(push, dict) else None,
                "crons": [c for c in crons if c],
                "dispatch": "workflow_dispatch" in on,
                "cancel": cancel,
                "skip": skip,
                "registry": reg.group(1) if reg else "docker.io",
                "jobs": _build_jobs(doc),
            }
        )
    return found


def _build_jobs(doc: dict) -> list[tuple[str, str, str]]:
    """(image, platform, variant) of each image build job of a workflow (reusable-workflow calls with inputs)."""
    out = []
    for job in (doc.get("jobs") or {}).values():
        w = (job or {}).get("with") or {}
        if isinstance(w.get("image"), str) and "${{" not in w["image"] and "build" in str(job.get("uses", "")):
            platform = str(w.get("platform") or "x86_64")
            platform = {"amd64": "x86_64", "arm64": "aarch64"}.get(platform, platform)
            variant = str(w.get("variant") or "default")
            out.append((w["image"], platform, variant))
    return sorted(set(out))


def cron_times(cron: str, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The times a ``M H * * D`` cron fires in [start, end) (the only form docker-stacks used)."""
    m = re.fullmatch(r"(\d+)\s+(\d+)\s+\*\s+\*\s+(\d)", cron.strip())
    if not m:
        raise GeneratorError(f"cron {cron!r}: only `M H * * D` is understood")
    minute, hour, dow = int(m.group(1)), int(m.group(2)), int(m.group(3)) % 7
    t = start.replace(hour=hour, minute=minute, second=0, microsecond=0)
    while (t.isoweekday() % 7) != dow:
        t += dt.timedelta(days=1)
    out = []
    while t < end:
        if t >= start:
            out.append(t)
        t += dt.timedelta(days=7)
    return out


# --------------------------------------------------------------------------- tagging
_TAGGER_KINDS = {"hub": "hub", "lab": "lab", "notebook": "notebook", "python": "python"}


def _tag_prefix_literals(text: str) -> dict[str, str]:
    """Tagger name -> the tag kind it makes (``hub``, ``lab``, ``python``…): ``"hub-" + …`` / ``f"hub-{…}"`` in
    the class or function that defines it; a tagger built on another one (``python_major_minor_tagger`` calls
    ``python_tagger``) makes the same kind."""
    bodies = {}
    heads = list(re.finditer(r"^(?:class|def)\s+(\w+)", text, re.M))
    for i, m in enumerate(heads):
        bodies[m.group(1)] = text[m.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)]
    out = {}
    for name, body in bodies.items():
        lit = re.search(r"""return\s+f?["']([a-z0-9]+)-[{"']""", body)
        if lit:
            out[name] = lit.group(1)
        elif re.search(r"commit_hash_tag|commit_hash\(\)\[:12\]", body) and "return" in body:
            out[name] = "sha"
        elif re.search(r"strftime\(\s*[\"']%Y-%m-%d", body):
            out[name] = "date"
    for name, body in bodies.items():
        if name not in out:
            called = [c for c in re.findall(r"\b(\w+)(?:\.\w+)?\(", body) if c in out and c != name]
            if called:
                # `full_version[: full_version.rfind(".")]`: the same tag cut to major.minor (`python-3.12`)
                cut = re.search(r"rfind\(\s*[\"']\.[\"']\s*\)|rsplit\(\s*[\"']\.[\"']\s*,\s*1\s*\)", body)
                out[name] = out[called[0]] + ("-minor" if cut else "")
    return out


def tagging_config(repo: Repo, sha: str, images: dict[str, str | None]) -> dict[str, frozenset]:
    """image -> the kinds of tags its builds get at this commit (``sha``, ``date``, ``hub``, ``lab``, ``notebook``,
    ``python``, other versions), from the tagging code (inherited down the image hierarchy)."""
    key = (
        "tag",
        tuple(repo.ls_ids(sha, "tagging/")),
        tuple(sorted(images)),
        tuple(i for p, i in repo.ls_ids(sha, "") if p == "Makefile" or "/hooks/" in p),
    )
    if key not in _MEMO:
        _MEMO[key] = _tagging_config(repo, sha, images)
    return _MEMO[key]


def _tagging_config(repo: Repo, sha: str, images: dict[str, str | None]) -> dict[str, frozenset]:
    files = [p for p in repo.ls(sha, "tagging/") if p.endswith(".py")]
    if files:
        texts = {p: repo.get(sha, p) or "" for p in files}
        kinds: dict[str, str] = {}
        for text in texts.values():
            kinds.update(_tag_prefix_literals(text))
        hierarchy = next((texts[p] for p in files if p.endswith("images_hierarchy.py")), "")
        if not hierarchy:
            raise GeneratorError(f"docker-stacks {sha[:12]}: tagging/ without images_hierarchy.py")
        own: dict[str, tuple[str | None, list[str]]] = {}
        heads = list(re.finditer(r'"([\w-]+)":\s*ImageDescription\(', hierarchy))
        for i, m in enumerate(heads):
            body = hierarchy[m.end() : heads[i + 1].start() if i + 1 < len(heads) else len(hierarchy)]
            parent = re.search(r'parent_image\s*=\s*(?:"([\w-]+)"|None)', body)
            tg = re.search(r"taggers\s*=\s*\[(.*?)\]", body, re.S)
            names = [n.split(".")[-1] for n in re.findall(r"([\w.]+)", tg.group(1))] if tg else []
            own[m.group(1)] = (parent.group(1) if parent and parent.group(1) else None, names)
        if not own:
            raise GeneratorError(f"docker-stacks {sha[:12]}: cannot read ALL_IMAGES in the tagging hierarchy")
        out = {}
        for image in own:
            found, cur, seen = set(), image, set()
            while cur and cur not in seen:
                seen.add(cur)
                parent, names = own.get(cur, (None, []))
                for n in names:
                    kind = kinds.get(n)
                    if kind is None:
                        raise GeneratorError(f"docker-stacks {sha[:12]}: tagger {n} makes no tag hublint can read")
                    found.add(kind)
                cur = parent
            found.add("latest")
            out[image] = frozenset(found)
        return out
    # before tagging/: the Makefile (by hand), Docker Cloud hooks, then GitHub Actions hooks (hooks/run_hook)
    out = {}
    makefile = repo.get(sha, "Makefile") or ""
    for image in images:
        found = {"latest"}
        if re.search(r"rev-parse --short=12|GIT_MASTER_HEAD_SHA", makefile):
            found.add("sha")
        for hook in ("apply_tags", "run_hook", "post_push"):
            text = repo.get(sha, f"{image}/hooks/{hook}") or ""
            if re.search(r"GIT_SHA_TAG|SOURCE_COMMIT:0:12|GITHUB_SHA:0:12", text):
                found.add("sha")
            for kind in re.findall(r"""\b([a-z]+)-\$\(docker run""", text):
                found.add(kind)
        out[image] = frozenset(found)
    return out


def prefix_scheme(repo: Repo, sha: str) -> str:
    """How the tagging code at a commit prefixes tags: ``none``; ``arm`` (x86_64 builds unprefixed, others
    ``<machine>-``); ``platform`` (every build ``<platform>-``, merged multi-platform tags without)."""
    files = [p for p in repo.ls(sha, "tagging/") if p.endswith(".py")]
    text = "\n".join(repo.get(sha, p) or "" for p in files)
    if re.search(r"""["']["']\s+if\s+machine\s*==\s*["']x86_64["']\s+else\s+f["']\{machine\}-""", text):
        return "arm"
    merged = any(p.endswith("merge_tags.py") for p in files) or "imagetools" in text
    prefixed = re.search(r"""f["'][^"'\n]*\{(?:platform|prefix|tags_prefix|tag_prefix)\}-|return\s+platform\b""", text)
    if merged and prefixed:
        return "platform"
    if prefixed or merged:
        raise GeneratorError(f"docker-stacks {sha[:12]}: tag prefixes the generator cannot read")
    return "none"


def prefixes_for(scheme: str, jobs: list[tuple[str, str, str]], image: str) -> frozenset:
    """The tag prefixes a run gives an image: from the prefix scheme and the image's build jobs."""
    mine = [(p, v) for i, p, v in jobs if i == image] or [("x86_64", "default")]
    out = set()
    for platform, variant in mine:
        var = "" if variant == "default" else f"{variant}-"
        if scheme == "none":
            out.add(var)
        elif scheme == "arm":
            out.add(var if platform == "x86_64" else f"{platform}-{var}")
        else:
            out.add(f"{platform}-{var}")
            out.add(var)  # the merged multi-platform tag
    return frozenset(out)


# --------------------------------------------------------------------------- docker-stacks history
class Commit:
    __slots__ = ("i", "sha", "t", "email", "msg", "files", "bot")

    def __init__(self, i, sha, t, email, msg, files):
        self.i, self.sha, self.t, self.email, self.msg, self.files = i, sha, t, email, msg, files
        # made on GitHub's side: a merge button (noreply@github.com) or a workflow pushing with its token
        self.bot = (
            email == "noreply@github.com"
            or email.startswith("actions@")
            or email.endswith("[bot]@users.noreply.github.com")
        )


def first_parent(repo: str) -> list[Commit]:
    """First-parent ``main`` commits, oldest first, with committer, message and the files each changed."""
    meta = git(repo, "log", "--first-parent", "--reverse", "--format=%H%x1f%cI%x1f%ce%x1f%B%x1e", "HEAD")
    files: dict[str, list[str]] = {}
    sha = None
    for line in git(repo, "log", "--first-parent", "--name-only", "--format=@@%H", "HEAD").splitlines():
        if line.startswith("@@"):
            sha = line[2:]
            files[sha] = []
        elif line.strip() and sha:
            files[sha].append(line.strip())
    out = []
    for rec in meta.split("\x1e"):
        rec = rec.strip("\n")
        if not rec:
            continue
        sha, iso, email, msg = rec.split("\x1f")
        out.append(Commit(len(out), sha, when(iso), email, msg, files.get(sha, [])))
    return out


def image_dockerfile(repo: Repo, sha: str, image: str) -> str | None:
    return repo.get(sha, f"images/{image}/Dockerfile") or repo.get(sha, f"{image}/Dockerfile")


_DOCKERFILE = re.compile(r"(^|/)Dockerfile$")
_CI_FILES = re.compile(r"(^|/)hooks/|^tagging/.*\.py$|^\.github/workflows/|^Makefile$|^docs/using/selecting")


def docs_named_tags(repo: str) -> dict[tuple[str, str], str]:
    """(image, tag) -> the first commit whose added documentation lines name ``jupyter/<image>:<tag>``: a tag the
    maintainers published (a commit, date or version tag)."""
    out: dict[tuple[str, str], str] = {}
    sha = ""
    log = git(
        repo, "log", "--first-parent", "--reverse", "-p", "--unified=0", "--format=@@%H", "HEAD", "--", "*.md", "*.rst"
    )
    rx = re.compile(
        r"(?:quay\.io/|docker\.io/)?jupyter/([a-z-]+-notebook|docker-stacks-foundation):"
        r"((?:[a-z0-9_]+-)*(?:[0-9a-f]{12}|20\d\d-\d\d-\d\d|(?:python|hub|lab|notebook)-[0-9][0-9.]*[0-9]))\b"
    )
    for line in log.splitlines():
        if line.startswith("@@") and not line.startswith("@@ "):
            sha = line[2:]
        elif line.startswith("+") and not line.startswith("+++"):
            for m in rx.finditer(line):
                out.setdefault((m.group(1), m.group(2)), sha[:12])
    return out


def trusted_tags_since(repo: Repo, sha: str) -> str | None:
    """docker-stacks' documentation: "Tags before `YYYY-MM-DD` were sometimes incorrect" (docs/using/selecting)."""
    for path in ("docs/using/selecting.md", "docs/using/selecting.rst"):
        m = re.search(r"Tags before `?(\d{4}-\d\d-\d\d)`? were sometimes incorrect", repo.get(sha, path) or "")
        if m:
            return m.group(1)
    return None


def docker_stacks(path: str) -> dict:
    """Everything the generator reads from docker-stacks, per first-parent commit (states shared until a relevant
    file changes)."""
    commits = first_parent(path)
    repo = Repo(path)
    base_states: list[tuple[int, dict]] = []  # (commit index, {"specs", "minor", "pinned"}) on change
    images: dict[str, list] = {}  # image -> [[since idx, until idx|None, parent]]
    child: dict[str, list] = {}  # image -> [[since idx, flags]]
    ci_states: list[tuple[int, dict]] = []  # (commit index, ci config) on change
    quay_copies: set[str] = set()
    state_key = ci_key = None
    present: dict[str, str | None] = {}
    trusted = None
    for c in commits:
        df_touched = c.i == 0 or any(_DOCKERFILE.search(f) for f in c.files)
        ci_touched = c.i == 0 or any(_CI_FILES.search(f) for f in c.files)
        if not (df_touched or ci_touched):
            continue
        sha = c.sha
        images_changed = False
        if df_touched:
            texts = {image: image_dockerfile(repo, sha, image) for image in IMAGES}
            base, minimal = texts["base-notebook"], texts["minimal-notebook"]
            foundation = texts["docker-stacks-foundation"]
            source = base or minimal or ""
            specs = base_specs(source)
            minor = python_minor(foundation or "", c.t) or python_minor(source, c.t)
            pinned = bool(_PYTHON_PINNED.search(read_dockerfile((foundation or "") + "\n" + source)[0]))
            key = (tuple(sorted(specs.items())), minor, pinned)
            if key != state_key:
                base_states.append((c.i, {"specs": specs, "minor": minor, "pinned": pinned}))
                state_key = key
            now: dict[str, str | None] = {}
            for image, text in texts.items():
                if text is None:
                    continue
                m = (
                    re.search(r"ARG BASE_(?:CONTAINER|IMAGE)=\$REGISTRY/\$OWNER/([\w-]+)", text)
                    or re.search(r"ARG BASE_CONTAINER=(?:jupyter|\$OWNER)/([\w-]+)", text)
                    or re.search(r"^FROM (?:quay\.io/)?jupyter/([\w-]+)", text, re.M)
                )
                now[image] = m.group(1) if m else None
                if image not in ("base-notebook", "docker-stacks-foundation") and not (
                    base is None and image == "minimal-notebook"
                ):
                    flags = child_flags(text)
                    runs = child.setdefault(image, [])
                    if not runs or runs[-1][1] != flags:
                        runs.append([c.i, flags])
            for image in sorted(set(present) | set(now)):
                spans = images.setdefault(image, [])
                if image in now and (image not in present or present[image] != now[image]):
                    if spans and spans[-1][1] is None:
                        spans[-1][1] = c.i
                    spans.append([c.i, None, now[image]])
                    images_changed = True
                elif image not in now and image in present:
                    spans[-1][1] = c.i
                    images_changed = True
            present = now
        if not (ci_touched or images_changed):
            continue
        workflow = repo.get(sha, ".github/workflows/registry-move.yml")
        if workflow:
            quay_copies |= set(re.findall(r"\b[0-9a-f]{12}\b", workflow))
        trusted = trusted_tags_since(repo, sha) or trusted
        ci = {
            "workflows": build_workflows(repo, sha),
            "cloud": any(repo.get(sha, f"{i}/hooks/post_push") for i in ("base-notebook", "minimal-notebook")),
            "dispatch": any(w["dispatch"] for w in build_workflows(repo, sha)),
            "skip_markers": re.findall(r'\*"([a-z ]+)"\*', repo.get(sha, "base-notebook/hooks/post_checkout") or ""),
            "tagging": tagging_config(repo, sha, present),
            "prefix": prefix_scheme(repo, sha),
        }
        k = json.dumps(ci, sort_keys=True, default=sorted)
        if k != ci_key:
            ci_states.append((c.i, ci))
            ci_key = k
    repo.close()
    return {
        "commits": commits,
        "base": base_states,
        "images": images,
        "child": child,
        "ci": ci_states,
        "quay_copies": sorted(quay_copies),
        "trusted_tags_since": trusted,
        "docs": docs_named_tags(path),
    }


def state_at(states: list[tuple[int, dict]], i: int) -> dict:
    idx = bisect.bisect_right([s[0] for s in states], i) - 1
    return states[idx][1] if idx >= 0 else {}


# --------------------------------------------------------------------------- the CI as it ran
def _branch_ok(branches) -> bool:
    return branches is None or any(b in ("main", "master", "**", "*") for b in branches)


def simulate_ci(ds: dict, end: dt.datetime) -> tuple[list, dict]:
    """(runs, why commits built nothing).  A run: [commit index, start (earliest), start (latest), kind, workflow];
    kinds: ``r`` a release by hand while the commit was HEAD, ``c`` a Docker Cloud build of a push, ``p`` a GitHub
    Actions push run, ``w`` the weekly cron; ``?`` after the kind: the commit may not have been a push tip."""
    commits = ds["commits"]
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


# --------------------------------------------------------------------------- per-tag records
def code_of(fact) -> str | list:
    """A :class:`hublint.image.facts.Fact` as a record's field (its reason interned later)."""
    if fact is None:
        return ["?", "text", "hublint has no record of it"]
    if fact.state == "absent":
        return "-"
    if fact.state == "value":
        return fact.value
    return ["?", "text", fact.reason]


def record(exists, why: str, built: str | None, package: str | None, facts: dict) -> list:
    return [exists, why, built, package, *(code_of(facts.get(f)) for f in FIELDS)]


def _frozen(text: str) -> dict[str, str]:
    """name -> version of the ``name==version`` lines of a frozen requirements file (normalised names)."""
    out = {}
    for m in re.finditer(r"^([A-Za-z0-9_.-]+)==([0-9][^\s;#]*)", text, re.M):
        out[m.group(1).lower().replace("_", "-").replace(".", "-")] = m.group(2)
    return out


_PIP_FIELDS = {
    "jupyterhub": "jupyterhub",
    "jupyterlab": "jupyterlab",
    "notebook": "notebook",
    "jupyter-server": "jupyter_server",
}


def tag_times(repo: str) -> dict[str, dt.datetime]:
    out = {}
    for line in git(
        repo, "for-each-ref", "--format=%(refname:short) %(creatordate:iso-strict)", "refs/tags"
    ).splitlines():
        name, iso = line.split()
        out[name] = when(iso)
    return out


def singleuser_records(hub_repo: str, images_repo: str, hub_releases: list) -> tuple[dict, list]:
    """jupyterhub/singleuser tags: {registry: {tag: record}} and notes."""
    from hublint.image import stacks
    from hublint.image.facts import known, unknown

    repo = Repo(hub_repo)
    times = tag_times(hub_repo)
    out: dict[str, dict] = {"docker.io": {}, "quay.io": {}}
    for version, t in hub_releases:
        if not re.fullmatch(r"\d+\.\d+\.\d+", version):
            continue
        dockerfile = repo.get(version, "singleuser/Dockerfile")
        release = repo.get(version, ".github/workflows/release.yml") or ""
        hooks = repo.get(version, "singleuser/hooks/build")
        pinned = known(version, "pip installs `jupyterhub==" + version + "` (singleuser/install_jupyterhub)")
        if dockerfile is None:
            if vkey(version) >= (5, 3):
                continue  # built by jupyterhub-container-images (below)
            why = "built before the jupyterhub repository held singleuser/: hublint has no record of how"
            facts = {f: unknown(why) for f in FIELDS}
            out["docker.io"][version] = record(None, why, None, None, facts)
            continue
        in_release = "jupyterhub/singleuser" in release
        disabled = re.search(r"publish-docker:[^\n]*\n(?:[ \t]+[^\n]*\n)*?[ \t]+if:\s*false", release)
        base = re.search(r"ARG BASE_IMAGE=(\S+)", dockerfile)
        base_ref = base.group(1) if base else "jupyter/base-notebook"
        regs = []
        if in_release and not disabled:
            if "REGISTRY=quay.io/" in release:
                regs.append("quay.io")
            if re.search(r"DOCKERHUB_(?:USERNAME|TOKEN)", release) and (
                "REGISTRY=quay.io/" not in release or re.search(r"^\s+jupyterhub/singleuser:", release, re.M)
            ):
                regs.append("docker.io")
            how = "the jupyterhub release workflow on the tag push"
        elif hooks is not None and not in_release and not re.search(r"docker", release, re.I):
            regs.append("docker.io")
            how = "Docker Hub's automated build of the release tag (singleuser/hooks)"
        else:
            why = (
                "the jupyterhub repository built no singleuser image at this release (jupyterhub facde964: it "
                '"got lost in the migration to GHA docker builds")'
                if not disabled
                else "the release workflow's image job was disabled then (jupyterhub 5d71fbb2)"
            )
            facts = {f: unknown(why) for f in FIELDS}
            facts["jupyterhub"] = pinned
            out["docker.io"][version] = record(None, why, None, None, facts)
            continue
        built = times.get(version, t)
        for reg in regs:
            m = re.fullmatch(r"(?:(quay\.io|docker\.io)/)?jupyter/base-notebook(?::(\S+))?", base_ref)
            base_reg = (m.group(1) if m and m.group(1) else "docker.io") if m else "docker.io"
            if m and m.group(2):
                got = stacks.docker_stacks("base-notebook", base_reg, m.group(2))
            else:
                got = stacks.latest_at("base-notebook", base_reg, mins(built))
            facts = {f: got.fact(f) for f in FIELDS}
            facts["jupyterhub"] = pinned
            if "pip install jupyterlab" in dockerfile or "pip install jupyterlab" in (
                repo.get(version, "singleuser/install_jupyterhub") or ""
            ):
                facts["jupyterlab"] = unknown(
                    "pip installs the newest jupyterlab release on top, whichever it was then"
                )
            why = f"built by {how} on {base_ref} as it was then; hublint cannot show the build succeeded"
            out[reg][version] = record(None, why, day(built), "pip:jupyterhub", facts)
    repo.close()
    # jupyterhub/jupyterhub-container-images (2024-11 on) rebuilds X.Y.Z on every push to main once its workflow
    # publishes jupyterhub/singleuser (X.Y.Z-N: the N-th build of X.Y.Z)
    crepo = Repo(images_repo)
    builds: dict[str, list[tuple[str, dt.datetime, tuple[str, ...]]]] = {}
    for line in git(images_repo, "log", "--first-parent", "--reverse", "--format=%H %cI", "HEAD").splitlines():
        sha, iso = line.split()
        req = crepo.get(sha, "base/requirements.txt") or ""
        workflow = crepo.get(sha, ".github/workflows/build.yml") or ""
        name = re.search(r"^\s+SINGLEUSER:\s*(\S+)", workflow, re.M)
        if crepo.get(sha, "singleuser/Dockerfile") is None or not name or name.group(1) != "jupyterhub/singleuser":
            continue
        if "REGISTRY=quay.io/" not in workflow:
            continue
        regs = ("quay.io", "docker.io") if re.search(r'PUBLISH_DOCKERIO:\s*"?true', workflow) else ("quay.io",)
        files = git(images_repo, "show", "--first-parent", "--format=", "--name-only", sha).split()
        if files and all(f.startswith("docs/") for f in files):
            continue  # paths-ignore: docs/**
        m = re.search(r"^jupyterhub==([0-9][^\s#]*)", req, re.M)
        if m and final(m.group(1)):
            builds.setdefault(m.group(1), []).append((sha, when(iso), regs))
    crepo.close()
    for version, pushes in builds.items():
        for reg in ("quay.io", "docker.io"):
            mine = [(sha, t) for sha, t, regs in pushes if reg in regs]
            if not mine:
                continue
            facts_all = [stacks.latest_at("base-notebook", "quay.io", mins(t)) for _, t in mine]

            def over(cands, field, numbered=False):
                fs = [c.fact(field) for c in cands]
                if all(f == fs[0] for f in fs) and fs[0] is not None:
                    return fs[0]
                if numbered:
                    return unknown(
                        f"build N is push N or, after a failed build, a later one: {len(cands)} pushes "
                        "may be it, and they differ"
                    )
                return unknown(
                    f"the tag points at the newest successful of {len(cands)} builds (jupyterhub-"
                    "container-images rebuilds it on every push to main), which differ"
                )

            earlier = out[reg].get(version)
            moving = {f: over(facts_all, f) for f in FIELDS}
            moving["jupyterhub"] = known(version, "pip installs it (jupyterhub-container-images singleuser/Dockerfile)")
            if earlier is not None:  # built at the release first, then rebuilt: any of them may be the last good one
                moving = {
                    f: unknown(
                        "built at the release by the jupyterhub repository, then rebuilt by "
                        "jupyterhub-container-images: the tag points at the newest successful build"
                    )
                    if f != "jupyterhub"
                    else moving[f]
                    for f in FIELDS
                }
            why = (
                "a moving tag: jupyterhub-container-images rebuilds it on every push to main (X.Y.Z-N names one build)"
            )
            out[reg][version] = record(None, why, f"{day(mine[0][1])}/{day(mine[-1][1])}", "pip:jupyterhub", moving)
            for n in range(1, len(mine) + 1):
                cands = facts_all[n - 1 :]  # a failed build skips its number: build N is push N or a later one
                facts = {f: over(cands, f, numbered=True) for f in FIELDS}
                facts["jupyterhub"] = known(version, "pip installs it (jupyterhub-container-images)")
                why = (
                    "built by jupyterhub-container-images: build N is its N-th push to main with this jupyterhub "
                    "or, if an earlier build failed, a later one"
                )
                out[reg][f"{version}-{n}"] = record(None, why, day(mine[n - 1][1]), "pip:jupyterhub", facts)
    return out, []


def z2jh_charts(repo_path: str, hub_releases: list) -> list:
    """[chart version, the Hub's jupyterhub, sample image record] for every chart release tag."""
    from hublint.image import stacks
    from hublint.image.facts import absent, known, unknown

    repo = Repo(repo_path)
    out = []
    for tag, t in sorted(tag_times(repo_path).items(), key=lambda kv: kv[1]):
        version = tag[1:] if tag.startswith("v") else tag
        if not re.fullmatch(r"\d+\.\d+\.\d+", version) or vkey(version) < (0, 7):
            continue
        chart = repo.get(tag, "jupyterhub/Chart.yaml") or ""
        m = re.search(r"^appVersion:\s*[\"']?([0-9][^\"'\s]*)", chart, re.M)
        hub = m.group(1) if m else None
        req = repo.get(tag, "images/hub/requirements.txt") or ""
        m = re.search(r"^jupyterhub==([0-9][^\s#]*)", req, re.M)
        if m:
            hub = m.group(1)
        hub = full(hub) if hub else None
        df = repo.get(tag, "images/singleuser-sample/Dockerfile") or ""
        sreq = _frozen(repo.get(tag, "images/singleuser-sample/requirements.txt") or "")
        froms = re.findall(r"^FROM\s+(\S+)", df, re.M)
        final_from = froms[-1] if froms else ""
        facts: dict = {}
        base_note = final_from
        m = re.fullmatch(r"jupyter/base-notebook(?::(\S+))?", final_from)
        py = re.fullmatch(r"(?:docker\.io/)?(?:library/)?python:(\d+\.\d+)(?:[.-]\S*)?", final_from)
        if m:
            got = (
                stacks.docker_stacks("base-notebook", "docker.io", m.group(1))
                if m.group(1) and m.group(1) != "latest"
                else stacks.latest_at("base-notebook", "docker.io", mins(t))
            )
            facts = {f: got.fact(f) for f in FIELDS}
            package = got.hub_package
            frozen_all = False
        elif py:
            facts = {f: absent() for f in FIELDS}
            facts["python"] = known(py.group(1) + ".*", f"its base image `{final_from}`")
            package = None
            frozen_all = True
        else:
            facts = {f: unknown(f"hublint does not know its base image `{final_from}`") for f in FIELDS}
            package = None
            frozen_all = False
        for name, field in _PIP_FIELDS.items():
            if name in sreq:
                facts[field] = known(
                    full(sreq[name]) if name != "jupyter-server" else sreq[name], "its frozen requirements.txt"
                )
                if field == "jupyterhub":
                    package = "pip:jupyterhub"
            elif frozen_all:
                facts[field] = absent()
        arg = re.search(r"ARG JUPYTERHUB_VERSION=([0-9][0-9.*]*)", df)
        if arg and "jupyterhub" not in sreq:
            spec = arg.group(1)
            series = spec.rstrip("*").rstrip(".")
            cands = [v for v, r in hub_releases if r <= t and (v == series or v.startswith(series + "."))]
            recent = [v for v, r in hub_releases if t - dt.timedelta(days=3) < r <= t and v.startswith(series + ".")]
            if cands and not recent:
                facts["jupyterhub"] = known(max(cands, key=vkey), f"pip's `jupyterhub=={spec}`: the newest then")
            else:
                facts["jupyterhub"] = known(series + ".*", f"pip's `jupyterhub=={spec}`: a series")
            package = "pip:jupyterhub"
        rec = record(True, base_note, day(t), package, facts)
        out.append([version, hub, rec])
    repo.close()
    return out


_LOCK_NAMES = {
    "jupyterhub": "jupyterhub",
    "jupyterhub-base": "jupyterhub",
    "jupyterhub-singleuser": "jupyterhub",
    "jupyterlab": "jupyterlab",
    "notebook": "notebook",
    "jupyter_server": "jupyter_server",
    "jupyter-server": "jupyter_server",
    "python": "python",
}


def lock_packages(files: dict[str, str]) -> dict[str, str] | None:
    """name -> version from a pangeo image folder's lock: conda-lock.yml (linux-64), conda-linux-64.lock or
    spec-file.txt (explicit URLs), packages.txt (``name==version``)."""
    text = files.get("conda-lock.yml")
    if text:
        out = {}
        for m in re.finditer(
            r"-\s+name:\s*(\S+)\n(?:\s+[^\n]*\n)*?\s+version:\s*['\"]?([^\s'\"]+)['\"]?\n"
            r"(?:\s+[^\n]*\n)*?\s+platform:\s*(\S+)",
            text,
        ):
            if m.group(3) == "linux-64":
                out.setdefault(m.group(1), m.group(2))
        if out:
            return out
    for name in ("conda-linux-64.lock", "spec-file.txt"):
        text = files.get(name)
        if text:
            out = {}
            for m in re.finditer(r"/([A-Za-z0-9_.-]+?)-(\d[^-/]*)-[^-/]+\.(?:conda|tar\.bz2)", text):
                out[m.group(1)] = m.group(2)
            if out:
                return out
    text = files.get("packages.txt")
    if text:
        out = {m.group(1): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M)}
        if out:
            return out
    return None


def pangeo_records(path: str) -> dict:
    """{image: {calver tag: record}} from each git tag's lock files."""
    from hublint.image.facts import absent, known, unknown

    repo = Repo(path)
    out: dict[str, dict] = {}
    for tag, _ in sorted(tag_times(path).items(), key=lambda kv: kv[1]):
        if not re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", tag):
            continue
        publish = _yaml(repo.get(tag, ".github/workflows/Publish.yml") or "") or {}
        matrix = []
        for job in (publish.get("jobs") or {}).values():
            matrix += ((job or {}).get("strategy") or {}).get("matrix", {}).get("IMAGE", []) or []
        for image in sorted(set(matrix)):
            names = [p.split("/", 1)[1] for p in repo.ls(tag, f"{image}/") if p.count("/") == 1]
            files = {
                n: repo.get(tag, f"{image}/{n}") or ""
                for n in names
                if n
                in (
                    "conda-lock.yml",
                    "conda-linux-64.lock",
                    "spec-file.txt",
                    "packages.txt",
                    "requirements.txt",
                    "postBuild",
                    "environment.yml",
                )
            }
            if not files:
                continue  # base-image: no environment of its own (its children add one through ONBUILD)
            pkgs = lock_packages(files)
            facts: dict = {}
            package = None
            if pkgs is None:
                why = (
                    "no lock file at this tag: its environment.yml was solved at build time"
                    if "environment.yml" in files
                    else "no package list at this tag"
                )
                facts = {f: unknown(why) for f in FIELDS}
            else:
                for name, field in _LOCK_NAMES.items():
                    if name in pkgs:
                        facts[field] = known(
                            pkgs[name] if field == "python" or pkgs[name].count(".") >= 2 else full(pkgs[name]),
                            f"its lock file at {tag}",
                        )
                        if field == "jupyterhub":
                            package = f"conda:{name}"
                for field in FIELDS:
                    facts.setdefault(field, absent())
                pip = _frozen(files.get("requirements.txt", ""))
                pip_any = files.get("requirements.txt", "")
                for name, field in _PIP_FIELDS.items():
                    if name in pip:
                        facts[field] = known(full(pip[name]), "its requirements.txt")
                    elif re.search(rf"^{name}(?![\w.-])", pip_any, re.M | re.I):
                        facts[field] = unknown("pip installs it unpinned from requirements.txt on top of the lock")
                post = files.get("postBuild", "")
                for name, field in _PIP_FIELDS.items():
                    if re.search(rf"install[^\n]*\s{name}(?![\w.-])", post):
                        facts[field] = unknown("its postBuild script installs it at build time")
            why = (
                "published by pangeo's Publish workflow from `master` at this tag (pangeo-docker-images "
                "docs/contributing.md: tags are releases)"
            )
            out.setdefault(image, {})[tag] = record(True, why, None, package, facts)
    repo.close()
    return out


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
    commits = ds["commits"]
    pinned = next((i for i, st in ds["base"] if st["pinned"]), None)
    child = child_windows(ds, lines, pinned)
    quay_since = next(
        (i for i, ci in ds["ci"] if any(w["registry"] == "quay.io" for w in ci["workflows"])), len(commits)
    )
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
    move = commits[quay_since].t if quay_since < len(commits) else None
    trusted = ds["trusted_tags_since"]
    times = [mins(c.t) for c in commits]
    doc = {
        "_about": [
            "What docker-stacks, jupyterhub/singleuser, zero-to-jupyterhub and pangeo image tags contain.",
            "Generated by scripts/update_image_knowledge.py from the repositories in `sources`: do not edit by hand.",
            "Times are minutes since 2015-01-01T00:00Z.  A field is a version, a series (3.9.*), '-' (absent) or",
            "['?', reason, alternatives...] (unknown); hublint/image/stacks.py reads it.",
        ],
        "sources": {name: git(paths[name], "rev-parse", "HEAD").strip() for name, _ in SOURCES},
        "ends": {name: day(read[name]) for name, _ in SOURCES},
        "docker_stacks": {
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
        },
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

    from hublint.image import stacks

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
    t = (stacks._EPOCH + dt.timedelta(minutes=start)).date()
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for _, attr in SOURCES:
        ap.add_argument(f"--{attr.replace('_', '-')}", required=True, metavar="CLONE")
    ap.add_argument("--output", default=DEFAULT_OUTPUT)
    ap.add_argument("--check", action="store_true", help="compare with --output instead of writing it")
    args = ap.parse_args()
    try:
        data = build(args)
    except GeneratorError as exc:
        print(f"update_image_knowledge: {exc}", file=sys.stderr)
        return 2
    text = dumps(data) + "\n"
    for line in report(data):
        print(line)
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
