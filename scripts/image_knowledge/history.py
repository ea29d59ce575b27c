"""docker-stacks' history: its first-parent ``main`` commits and, per commit, what the method reads there (the
images and their parents, base-notebook's specs, child installs, Python, workflows, taggers, prefixes, the tags its
documentation names).

Imports :mod:`.common`, :mod:`.dockerfiles` and :mod:`.workflows`.
"""

from __future__ import annotations

import bisect
import json
import re

from .common import IMAGES, Repo, git, when
from .dockerfiles import _PYTHON_PINNED, base_specs, child_flags, python_minor, read_dockerfile
from .workflows import build_workflows, prefix_scheme, tagging_config


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


def _parents(texts: dict[str, str | None], base: str | None, i: int, child: dict[str, list]) -> dict[str, str | None]:
    """Each image's parent at commit ``i`` (from the Dockerfiles ``texts``); a child image whose root-environment
    installs change gets a new ``[i, flags]`` row in ``child``."""
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
                runs.append([i, flags])
    return now


def _ci_config(repo: Repo, sha: str, present: dict[str, str | None]) -> dict:
    """The CI configuration at a commit: build workflows, Docker Cloud hooks, skip markers, taggers, prefixes."""
    return {
        "workflows": build_workflows(repo, sha),
        "cloud": any(repo.get(sha, f"{i}/hooks/post_push") for i in ("base-notebook", "minimal-notebook")),
        "dispatch": any(w["dispatch"] for w in build_workflows(repo, sha)),
        "skip_markers": re.findall(r'\*"([a-z ]+)"\*', repo.get(sha, "base-notebook/hooks/post_checkout") or ""),
        "tagging": tagging_config(repo, sha, present),
        "prefix": prefix_scheme(repo, sha),
    }


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
            now = _parents(texts, base, c.i, child)
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
        ci = _ci_config(repo, sha, present)
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
