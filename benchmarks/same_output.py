"""Is hublint's output byte for byte what another hublint printed?  For changes that must not change behaviour.

    python benchmarks/same_output.py save  HUBLINT OUT_DIR   [--shared ../shared]
    python benchmarks/same_output.py check HUBLINT OUT_DIR   [--shared ../shared]
    python benchmarks/same_output.py compare HUBLINT_A HUBLINT_B [--shared ../shared]

HUBLINT is a command (``.venv/bin/hublint``, or the ``hublint`` of another checkout's virtual environment).
Each case runs in a fresh process with ``--no-cache --no-config`` from the same folder of a fixed temporary
copy (``$TMPDIR/hublint-same-output/``), so absolute and relative paths in the output are the same for both
runs.  The cases: every format on ``corpus/real`` (one invocation), ``corpus/syntax`` and
``corpus/syntax-probes``; ``--format json``, ``sarif``, ``concise``, ``--show-roles`` and
``--show-deployment`` at the root of every repository of ``corpus/repos`` and of ``fixtures/repos``; every
format on ``fixtures/dockerfiles`` and ``fixtures/deployments``.  Exit status, stdout and stderr are compared.

``save`` writes one file per case; ``check`` compares with a saved run; ``compare`` runs both commands and
compares.  Prints one line per difference and a summary; exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
FORMATS = ("concise", "json", "sarif", "github", "gitlab", "checkstyle")


def prepare(shared: pathlib.Path) -> pathlib.Path:
    """A fixed copy of every input, each repository with its own ``.git`` (nothing above it is read)."""
    work = pathlib.Path(tempfile.gettempdir()) / "hublint-same-output"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    corpus = shared / "corpus"
    for name in ("real", "syntax", "syntax-probes"):
        if (corpus / name).is_dir():
            shutil.copytree(corpus / name, work / name, ignore=shutil.ignore_patterns("*.tsv", "*.jsonl"))
    (work / "repos").mkdir()
    if (corpus / "repos").is_dir():
        for repo in sorted(p for p in (corpus / "repos").iterdir() if p.is_dir()):
            shutil.copytree(repo, work / "repos" / repo.name, symlinks=True)
    for repo in sorted(p for p in (ROOT / "fixtures" / "repos").iterdir() if p.is_dir()):
        shutil.copytree(repo, work / "repos" / f"fixture-{repo.name}",
                        ignore=shutil.ignore_patterns("expected.txt", "roles.txt"))
    for repo in (work / "repos").iterdir():
        (repo / ".git").mkdir(exist_ok=True)
    for name in ("dockerfiles", "deployments"):
        shutil.copytree(ROOT / "fixtures" / name, work / f"fixtures-{name}")
    (work / ".git").mkdir()
    return work


def cases(work: pathlib.Path):
    """(name, folder to run in, arguments)."""
    for name in ("real", "syntax", "syntax-probes"):
        folder = work / name
        if not folder.is_dir():
            continue
        files = sorted(p.name for p in folder.iterdir() if p.is_file())
        for fmt in FORMATS:
            yield f"{name}.{fmt}", folder, ["--format", fmt, *files]
    for repo in sorted((work / "repos").iterdir()):
        for fmt in ("json", "sarif", "concise"):
            yield f"repos.{repo.name}.{fmt}", repo, ["--format", fmt, "."]
        yield f"repos.{repo.name}.show-roles", repo, ["--show-roles", "--format", "json", "."]
        yield f"repos.{repo.name}.show-deployment", repo, ["--show-deployment", "--format", "json", "."]
        yield f"repos.{repo.name}.show-deployment-text", repo, ["--show-deployment", "--format", "concise", "."]
    for name in ("fixtures-dockerfiles", "fixtures-deployments"):
        for fmt in FORMATS:
            yield f"{name}.{fmt}", work / name, ["--format", fmt, "."]


def run(hublint: list[str], folder: pathlib.Path, args: list[str]) -> bytes:
    env = {**os.environ, "HUBLINT_NO_CACHE": "1", "NO_COLOR": "1", "COLUMNS": "120"}
    proc = subprocess.run([*hublint, "--no-cache", "--no-config", *args], cwd=folder, capture_output=True, env=env)
    return b"status %d\n--- stdout\n%s--- stderr\n%s" % (proc.returncode, proc.stdout, proc.stderr)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("save", "check", "compare"))
    ap.add_argument("first")
    ap.add_argument("second")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    work = prepare(pathlib.Path(args.shared))
    first = [os.path.abspath(args.first)]
    differ = total = 0
    out = pathlib.Path(args.second)
    if args.mode == "save":
        out.mkdir(parents=True, exist_ok=True)
    for name, folder, argv in cases(work):
        total += 1
        got = run(first, folder, argv)
        if args.mode == "save":
            (out / name).write_bytes(got)
            continue
        if args.mode == "check":
            want = (out / name).read_bytes() if (out / name).exists() else b"(not saved)"
        else:
            want = run([os.path.abspath(args.second)], folder, argv)
        if got != want:
            differ += 1
            print(f"differs: {name} (hublint {' '.join(argv)[:80]} in {folder.relative_to(work)})")
    if args.mode == "save":
        print(f"saved {total} cases to {out}")
        return 0
    print(f"{total} cases, {total - differ} byte-identical, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
