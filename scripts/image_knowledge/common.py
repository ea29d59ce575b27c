"""What every part of the generator shares: the method's stated assumptions (installer Pythons, GitHub's skip
markers, the run-time margins :data:`CF_UNSURE`, :data:`BUILD_SPAN`, :data:`SURELY_CANCELLED`, :data:`CRON_DELAY`,
:data:`LATEST_FROZEN_SPAN`), the docker-stacks images, times in the output's clock, release keys, reading a clone
(``git``, :class:`Blobs`, :class:`Repo`, :func:`read_up_to`), :class:`GeneratorError` and the memo of parsed files.

Imports nothing of this package (the other modules import it).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import subprocess

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


def _yaml(text: str):
    import yaml

    key = ("yaml", text)
    if key not in _MEMO:
        try:
            _MEMO[key] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            _MEMO[key] = None
    return _MEMO[key]
