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

This script is the command line; the method is in ``scripts/image_knowledge/`` (one module per concern, the
constants named above in its ``common``).
"""

from __future__ import annotations

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
from image_knowledge.assemble import SOURCES, build, dumps, report  # noqa: E402  (after the paths above)
from image_knowledge.common import GeneratorError  # noqa: E402

DEFAULT_OUTPUT = os.path.join(HERE, "..", "hublint", "image", "stacks.json")


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
