"""Which cases of fixtures/repos-pending/ a hublint passes (their expected.txt and the Dockerfile lines of roles.txt).

    python benchmarks/pending_cases.py [CASE ...] [--diff]

Each case is linted as tests/test_fixture_repos.py lints the cases of fixtures/repos/; a case that passes can move
there.  Prints one line per case (pass, or what differs) and a count.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def main() -> int:
    from test_fixture_repos import prepare

    from hublint.workspace.run import Request, run

    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*")
    ap.add_argument("--diff", action="store_true")
    args = ap.parse_args()
    root = HERE.parent / "fixtures" / "repos-pending"
    cases = sorted(p for p in root.iterdir() if p.is_dir() and (not args.cases or p.name in args.cases))
    passed = 0
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            repo, paths = prepare(case, pathlib.Path(tmp))
            cwd = os.getcwd()
            os.chdir(repo)
            try:
                report = run(Request(paths, use_config=False))
            finally:
                os.chdir(cwd)
        got = {f"{f.path}:{f.line}:{f.column} {f.code}" for f in report.findings}
        want = set((case / "expected.txt").read_text().split("\n")) - {""}
        roles = {e.path: e.role or "-" for e in report.entries if e.kind == "dockerfile"}
        want_roles = {}
        for line in (case / "roles.txt").read_text().splitlines():
            path, _, role = line.partition(" ")
            if role != "-":
                want_roles[path] = role
        bad_roles = {p: (roles.get(p), r) for p, r in want_roles.items() if roles.get(p) != r}
        ok = got == want and not bad_roles
        passed += ok
        line = f"{'pass' if ok else 'FAIL'} {case.name}"
        if not ok:
            line += f"  missing {len(want - got)}, extra {len(got - want)}, roles {len(bad_roles)}"
        print(line)
        if not ok and args.diff:
            for x in sorted(want - got):
                print(f"    missing {x}")
            for x in sorted(got - want):
                print(f"    extra   {x}")
            for p, (g, w) in sorted(bad_roles.items()):
                print(f"    role    {p}: {g} (want {w})")
    print(f"{passed}/{len(cases)} pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
