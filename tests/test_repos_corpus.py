"""hublint at the root of real deployment repositories (shared/corpus/repos), scored by shared/tools/score_repos.py:
roles against ROLES.tsv, single-user findings on Hub and other images (must be none), coverage of the
single-user Dockerfiles, recall of EXPECTED.tsv's sure rows, and NOISE.tsv rows still reported.  Prints the figures."""

import os
import re
import shutil
import subprocess
import sys

from conftest import SHARED, shared_dir


def score():
    repos = shared_dir("corpus", "repos")
    tool = SHARED / "tools" / "score_repos.py"
    exe = shutil.which("hublint", path=os.path.dirname(sys.executable))
    assert exe, "the hublint command is not installed next to this Python"
    r = subprocess.run([sys.executable, str(tool), exe, str(repos), str(repos), "--verbose"], capture_output=True,
                       text=True, timeout=600)
    last = r.stdout.strip().splitlines()[-1]
    print(last)
    figures = dict(re.findall(r"(\w+)=([\d./]+)", last))
    return figures, r.stdout


def ratio(text):
    a, b = text.split("/")
    return int(a) / int(b)


def test_roles_noise_coverage_and_recall():
    figures, detail = score()
    assert figures["crashes"] == "0", detail
    assert figures["noise"] == "0", detail  # no single-user rule finding on a hub or other Dockerfile
    assert ratio(figures["roles"]) >= 0.95, detail
    assert ratio(figures["coverage"]) >= 0.95, detail
    assert float(figures["recall"].split("(")[0]) >= 0.85, detail
    # every wrong finding today's hublint used to give (NOISE.tsv) is gone
    assert figures["noise_rows_left"].split("/")[0] == "0", detail
