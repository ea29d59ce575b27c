"""Precision and recall of hublint's core findings on shared/corpus/real against EXPECTED.tsv.

Matching is on (file, code, line); rows marked `uncertain` are neutral.  Usage:
    python benchmarks/corpus_accuracy.py [--verbose] [PATH-TO-shared/corpus/real]
"""

from __future__ import annotations

import csv
import pathlib
import sys


def measure(root: pathlib.Path, verbose: bool = False) -> tuple[float, float, list[str]]:
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
    tp, fp, fn = got & sure, got - sure - unsure, sure - got
    notes = [f"wrong  {x}" for x in sorted(fp)] + [f"missed {x}" for x in sorted(fn)]
    precision = len(tp) / (len(tp) + len(fp)) if tp or fp else 0.0
    recall = len(tp) / (len(tp) + len(fn)) if tp or fn else 0.0
    return precision, recall, notes


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    root = pathlib.Path(args[0]) if args else pathlib.Path(__file__).resolve().parents[2] / "shared/corpus/real"
    precision, recall, notes = measure(root)
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    if "--verbose" in sys.argv:
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
