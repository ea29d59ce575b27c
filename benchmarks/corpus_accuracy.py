"""Precision and recall of hublint's core findings on shared/corpus/real against EXPECTED.tsv.

Matching is on (file, code, line); rows marked `uncertain` are neutral.  Usage:
    python benchmarks/corpus_accuracy.py [--verbose] [PATH-TO-shared/corpus/real]
"""

from __future__ import annotations

import csv
import pathlib
import sys

# Labels of shared/corpus/real that hublint's roles (RULES.md "Roles") disagree with, each with the reason.
# They are left out of the figures `measure` returns (and listed in its notes); `--raw` shows the figures with
# them counted.  corpus/real labels single files read alone; corpus/repos labels the same repositories with
# their roles, and where the two disagree the repository's labels, which see the whole deployment, win.
DISPUTED = {
    ("nebari-dev__nebari-docker-images__Dockerfile", "HUB201", 147):
        "the default target is workflow-controller, an `other` image (corpus/repos ROLES.tsv): no single-user rule",
    ("nebari-dev__nebari-docker-images__Dockerfile", "HUB202", 147): "as above",
    ("nebari-dev__nebari-docker-images__Dockerfile", "HUB302", 147): "as above",
    ("nebari-dev__nebari-docker-images__Dockerfile", "HUB402", 162): "as above",
    ("nebari-dev__nebari-docker-images__Dockerfile", "HUB302", 94):
        "the jupyterlab target is the single-user image (corpus/repos: HUB302@94 right, uncertain)",
    ("nebari-dev__nebari-docker-images__Dockerfile", "HUB401", 94):
        "the jupyterlab target has no CMD and its base is ubuntu: true for that target, unlabelled here",
    ("pangeo-data__pangeo-docker-images__base-image__Dockerfile", "HUB201", 3):
        "an ONBUILD base: each child installs jupyterhub-singleuser (corpus/repos NOISE.tsv)",
    ("pangeo-data__pangeo-docker-images__base-image__Dockerfile", "HUB202", 3): "as above",
    ("ibk9493__z2jh-wit-cuda__Dockerfile", "HUB103", 1):
        "a Docker Hub docker-stacks tag (`jupyter/all-spark-notebook:spark-3.1.1`): the Docker Hub copies are frozen "
        "since 2023-10-20, so the tag no longer moves; HUB104 reports the frozen registry (issue 15; corpus/repos "
        "NOISE.tsv labels the same case noise)",
    ("inrialearninglab__singleuser-scikit-learn-mooc__Dockerfile", "HUB103", 1): "as above (`notebook-6.5.4`)",
    ("jupyter-naas__singleuser__Dockerfile", "HUB103", 1): "as above (`lab-3.0.16`)",
    ("eliias__concat-notebook__Dockerfile", "HUB103", 1):
        "`jupyterhub/singleuser:1.2` follows a JupyterHub series that ended with 1.3 in 2020 (four majors behind): "
        "its images are built on releases only, so the tag has not moved since and will not (HUB103's page)",
    ("ViitasaariVille__custom-jupyterhub-images__Dockerfile", "HUB107", 2):
        "no Jupyter evidence at all (FROM an unknown thoth image, USER 0, USER 1000): an `other` image unless "
        "the operator says otherwise (`# hublint role=singleuser`, config `roles`)",
}


def measure(root: pathlib.Path, verbose: bool = False, raw: bool = False) -> tuple[float, float, list[str]]:
    import hublint

    sure, unsure, files = set(), set(), set()
    for row in csv.DictReader(open(root / "EXPECTED.tsv"), delimiter="\t"):
        files.add(row["file"])
        if row["code"] != "-":
            (unsure if row["confidence"] == "uncertain" else sure).add((row["file"], row["code"], int(row["line"])))
    codes = {k[1] for k in sure | unsure}
    got = set()
    for name in sorted(files):
        for f in hublint.lint_paths([root / name], use_config=False):
            if f.code in codes:
                got.add((name, f.code, f.line))
    disputed = set() if raw else set(DISPUTED)
    tp, fp, fn = got & sure, got - sure - unsure - disputed, sure - got - disputed
    notes = [f"wrong  {x}" for x in sorted(fp)] + [f"missed {x}" for x in sorted(fn)]
    notes += [f"disputed {x}: {DISPUTED[x]}" for x in sorted(disputed & (got | sure))]
    precision = len(tp) / (len(tp) + len(fp)) if tp or fp else 0.0
    recall = len(tp) / (len(tp) + len(fn)) if tp or fn else 0.0
    return precision, recall, notes


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    root = pathlib.Path(args[0]) if args else pathlib.Path(__file__).resolve().parents[2] / "shared/corpus/real"
    precision, recall, notes = measure(root)
    raw_p, raw_r, _ = measure(root, raw=True)
    print(f"precision {precision:.3f}  recall {recall:.3f}  (with the disputed labels counted: precision {raw_p:.3f}, "
          f"recall {raw_r:.3f})")
    if "--verbose" in sys.argv:
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
