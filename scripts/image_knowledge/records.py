"""Per-tag records of the other families: jupyterhub/singleuser (jupyterhub and
jupyterhub-container-images), zero-to-jupyterhub charts and their sample image, and pangeo-docker-images lock
files.

Imports :mod:`.common` (and hublint's image knowledge, to answer from docker-stacks data being built).
"""

from __future__ import annotations

import datetime as dt
import re

from hublint.image.facts import FIELDS

from .common import Repo, _yaml, day, final, full, git, mins, vkey, when


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


def _release_records(hub_repo: str, hub_releases: list, out: dict[str, dict]) -> None:
    """Into ``out``: the jupyterhub/singleuser images the jupyterhub repository built at its release tags."""
    from hublint.image import stacks
    from hublint.image.facts import known, unknown

    repo = Repo(hub_repo)
    times = tag_times(hub_repo)
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


def _container_image_builds(images_repo: str) -> dict[str, list[tuple[str, dt.datetime, tuple[str, ...]]]]:
    """jupyterhub version -> the pushes of jupyterhub-container-images that built jupyterhub/singleuser with it:
    (commit, time, registries)."""
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
    return builds


def _container_image_records(builds: dict, out: dict[str, dict]) -> None:
    """Into ``out``: the moving ``X.Y.Z`` and the numbered ``X.Y.Z-N`` tags of jupyterhub-container-images."""
    from hublint.image import stacks
    from hublint.image.facts import known, unknown

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


def singleuser_records(hub_repo: str, images_repo: str, hub_releases: list) -> tuple[dict, list]:
    """jupyterhub/singleuser tags: {registry: {tag: record}} and notes."""
    out: dict[str, dict] = {"docker.io": {}, "quay.io": {}}
    _release_records(hub_repo, hub_releases, out)
    # jupyterhub/jupyterhub-container-images (2024-11 on) rebuilds X.Y.Z on every push to main once its workflow
    # publishes jupyterhub/singleuser (X.Y.Z-N: the N-th build of X.Y.Z)
    _container_image_records(_container_image_builds(images_repo), out)
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
