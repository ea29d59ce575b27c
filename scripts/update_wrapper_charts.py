#!/usr/bin/env python3
"""Rebuild hublint/deployment/wrappercharts.json — which jupyterhub chart each published version of a wrapper chart
(daskhub, binderhub) depends on, and the single-user image its own values default to — from the wrapper
repositories' git history, so the data can be refreshed instead of edited by hand.

    python scripts/update_wrapper_charts.py --dask-helm-chart CLONE --binderhub CLONE \\
        [--output hublint/deployment/wrappercharts.json] [--check]

CLONE: a git clone (or bare mirror) of dask/helm-chart and of jupyterhub/binderhub.  Only git data is read
(``git tag``, ``git rev-list``, ``git show``); nothing in the clones is built or run.  ``--check`` compares with
the committed file instead of writing it (exit 1 when they differ).

Method:

- daskhub is published at each tag of dask/helm-chart (its publish workflow runs on tags and passes the tag as
  the chart version): per tag that has ``daskhub/Chart.yaml``, the ``jupyterhub`` dependency's version and
  ``jupyterhub.singleuser.image`` of ``daskhub/values.yaml``.
- binderhub is published from every push to its default branch by chartpress as
  ``<baseVersion>.git.<N>.h<sha>`` (``helm-chart/chartpress.yaml``: ``baseVersion: 1.0.0-0.dev``), ``N`` being the
  number of commits since the latest tag (``git describe``).  Per first-parent commit since that tag: ``N`` and the
  ``jupyterhub`` dependency of ``helm-chart/binderhub/Chart.yaml`` (or ``requirements.yaml`` before the chart
  embedded it); consecutive commits with the same dependency are one range ``[first N, last N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "..", "hublint", "deployment", "wrappercharts.json")


def git(clone: str, *args: str) -> str:
    return subprocess.run(["git", "-C", clone, *args], capture_output=True, text=True, check=False).stdout


def show(clone: str, ref: str, path: str) -> str | None:
    out = subprocess.run(["git", "-C", clone, "show", f"{ref}:{path}"], capture_output=True, text=True, check=False)
    return out.stdout if out.returncode == 0 else None


def jupyterhub_dependency(text: str | None) -> str | None:
    """The version of the ``jupyterhub`` dependency in a Chart.yaml / requirements.yaml (read as YAML)."""
    import yaml

    if not text:
        return None
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    for dep in (doc or {}).get("dependencies") or []:
        if isinstance(dep, dict) and dep.get("name") == "jupyterhub" and dep.get("version") is not None:
            return str(dep["version"])
    return None


def singleuser_image(text: str | None) -> str | None:
    import yaml

    if not text:
        return None
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return None
    image = (((doc.get("jupyterhub") or {}).get("singleuser") or {}).get("image")) or {}
    name, tag = image.get("name"), image.get("tag")
    return f"{name}:{tag}" if name and tag else (name or None)


def _key(tag: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", tag))


def daskhub(clone: str) -> dict:
    versions = {}
    for tag in sorted(git(clone, "tag").split(), key=_key):
        if not re.fullmatch(r"\d+\.\d+\.\d+", tag):
            continue
        chart = jupyterhub_dependency(show(clone, tag, "daskhub/Chart.yaml"))
        if chart is None:
            continue
        versions[tag] = {"jupyterhub": chart, "singleuser_image": singleuser_image(show(clone, tag, "daskhub/values.yaml"))}
    return {
        "source": "dask/helm-chart: daskhub/Chart.yaml and daskhub/values.yaml at each tag (published at tags)",
        "commit": git(clone, "rev-parse", "HEAD").strip(),
        "versions": versions,
    }


def binderhub(clone: str) -> dict:
    described = git(clone, "describe", "--tags", "--abbrev=0", "HEAD").strip()
    base = "1.0.0-0.dev"
    config = show(clone, "HEAD", "helm-chart/chartpress.yaml") or ""
    m = re.search(r"baseVersion:\s*([^\s#]+)", config)
    if m:
        base = m.group(1).strip("'\"")
    commits = git(clone, "rev-list", "--first-parent", "--reverse", f"{described}..HEAD").split()
    ranges: list[list] = []
    for sha in commits:
        n = int(git(clone, "rev-list", "--count", f"{described}..{sha}").strip() or 0)
        chart = jupyterhub_dependency(show(clone, sha, "helm-chart/binderhub/Chart.yaml"))
        chart = chart or jupyterhub_dependency(show(clone, sha, "helm-chart/binderhub/requirements.yaml"))
        if chart is None:
            continue
        if ranges and ranges[-1][2] == chart:
            ranges[-1][1] = n
        else:
            ranges.append([n, n, chart])
    return {
        "source": (
            "jupyterhub/binderhub: helm-chart/binderhub/Chart.yaml (requirements.yaml before) on each first-parent "
            f"commit since tag {described}; published by chartpress as {base}.git.<N>.h<sha>"
        ),
        "commit": git(clone, "rev-parse", "HEAD").strip(),
        "dev_prefix": f"{base}.git.",
        "dev_ranges": ranges,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dask-helm-chart", required=True)
    ap.add_argument("--binderhub", required=True)
    ap.add_argument("--output", default=DEFAULT_OUTPUT)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    doc = {
        "_about": [
            "Published wrapper charts of the jupyterhub chart: which jupyterhub chart version each wrapper version",
            "depends on (and the single-user image its values default to).",
            "Generated by scripts/update_wrapper_charts.py from the repositories in each entry's `source`: do not",
            "edit by hand.",
        ],
        "daskhub": daskhub(args.dask_helm_chart),
        "binderhub": binderhub(args.binderhub),
    }
    text = json.dumps(doc, indent=1, sort_keys=True) + "\n"
    if args.check:
        with open(args.output, encoding="utf-8") as fh:
            same = fh.read() == text
        print("up to date" if same else f"{args.output} differs")
        return 0 if same else 1
    with open(args.output, "w", encoding="utf-8") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
