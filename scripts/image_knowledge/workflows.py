"""docker-stacks' CI as configured at a commit: GitHub Actions workflows that build and push (their triggers,
``paths`` filters in GitHub's glob syntax, build jobs, cron schedules), the taggers of each image and the platform
prefixes its tags get.

Imports :mod:`.common` only.
"""

from __future__ import annotations

import datetime as dt
import re

from .common import _MEMO, GeneratorError, Repo, _yaml


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
