"""Hand-written deployment repositories (fixtures/repos/<case>/) linted at their root, as `hublint .`.

Each case is copied into a fresh folder with its own ``.git`` (so the hublint checkout around it is not part
of its deployment) and linted with default options and no ``--hub-version``: the Hub's version and the
spawner command come from the case's own files.  ``expected.txt`` holds ``PATH:LINE:COLUMN CODE`` lines,
``roles.txt`` ``PATH ROLE`` lines (``-`` for files that are not images).  Optional: ``git-dirs.txt`` names
folders that get a ``.git`` too (``no-root``: the root gets none), ``command.txt`` the paths to lint instead
of ``.``.  Regenerate after a deliberate change with HUBLINT_UPDATE_GOLDEN=1.

``fixtures/repos-pending/`` holds cases (with a SPEC.md each) whose behaviour is not built yet:
``python benchmarks/pending_cases.py`` says which pass; a case moves here when it does.
"""

import os
import shutil

import pytest
from conftest import FIXTURES

CASES = sorted(p for p in (FIXTURES / "repos").iterdir() if p.is_dir())


CASE_FILES = ("expected.txt", "roles.txt", "SPEC.md", "git-dirs.txt", "command.txt")


def prepare(case, into):
    """A copy of the case, with the ``.git`` folders git cannot store; returns (its folder, the paths to lint)."""
    repo = into / case.name
    shutil.copytree(case, repo, ignore=shutil.ignore_patterns(*CASE_FILES))
    dirs = (case / "git-dirs.txt").read_text().split() if (case / "git-dirs.txt").exists() else []
    if "no-root" not in dirs:
        (repo / ".git").mkdir()
    for folder in dirs:
        if folder != "no-root":
            (repo / folder / ".git").mkdir(parents=True)
    paths = (case / "command.txt").read_text().split() if (case / "command.txt").exists() else ["."]
    return repo, paths


def run(case, tmp_path, monkeypatch):
    from hublint.workspace.run import Request, run

    repo, paths = prepare(case, tmp_path)
    monkeypatch.chdir(repo)
    return run(Request(paths, use_config=False))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_findings_at_the_root(case, tmp_path, monkeypatch):
    report = run(case, tmp_path, monkeypatch)
    assert not report.errors
    got = "".join(f"{f.path}:{f.line}:{f.column} {f.code}\n" for f in sorted(report.findings))
    roles = "".join(f"{e.path} {e.role or '-'}\n" for e in report.entries)
    if os.environ.get("HUBLINT_UPDATE_GOLDEN"):
        (case / "expected.txt").write_text(got)
        (case / "roles.txt").write_text(roles)
    assert got == (case / "expected.txt").read_text()
    assert roles == (case / "roles.txt").read_text()


def test_compose_latest_user_image_and_latest_hub(tmp_path, monkeypatch):
    """jupyterhub-deploy-docker's layout: HUB102 for the `:latest` user image set in the compose environment
    (read by `os.environ[...]` in jupyterhub_config.py) and for the Hub built `FROM …:$JUPYTERHUB_VERSION` with
    the compose build argument `latest`; the database image is not judged."""
    report = run(FIXTURES / "repos" / "compose-latest", tmp_path, monkeypatch)
    found = {(f.path, f.line, f.code): f for f in report.findings}
    assert ("docker-compose.yml", 16, "HUB102") in found
    hub = found[("Dockerfile.hub", 2, "HUB102")]
    assert hub.message == "base image `quay.io/jupyterhub/jupyterhub:latest` uses the moving tag `latest`"
    assert "`JUPYTERHUB_VERSION=latest` comes from `docker-compose.yml:8`" in hub.help
    assert not any(path.startswith("db/") for path, _, _ in found)
    assert not any(code == "HUB106" for _, _, code in found)  # the compose build argument gives the base


def test_compose_mismatch_hub_5_and_singleuser_4(tmp_path, monkeypatch):
    """dockerspawner's internal-ssl layout: the Hub is `FROM jupyterhub:5.2.1`, the spawn image comes from `.env`
    through compose interpolation: HUB204 at the `.env` line, naming where the Hub's version was found."""
    report = run(FIXTURES / "repos" / "compose-mismatch", tmp_path, monkeypatch)
    by_place = {(f.path, f.line, f.code): f for f in report.findings}
    env = by_place[(".env", 2, "HUB204")]
    assert "the Hub runs 5.2.1" in env.message and "(the Hub's 5.2.1: `Dockerfile:1`" in env.help
    # the image compose builds as `ourlab:2025.3`, which the configuration spawns, is single-user
    assert ("user-image/Dockerfile", 2, "HUB204") in by_place
    roles = {e.path: e.role for e in report.entries}
    assert roles["user-image/Dockerfile"] == "singleuser" and roles["Dockerfile"] == "hub"


def test_z2jh_wrapper_chart(tmp_path, monkeypatch):
    """A wrapper chart: values under `jupyterhub:`, chartpress images by valuesPath; the chart's default
    `singleuser.cmd` means the user image's `CMD jupyter lab` is not HUB402."""
    report = run(FIXTURES / "repos" / "z2jh-wrapper", tmp_path, monkeypatch)
    codes = {(f.path, f.code) for f in report.findings}
    assert ("chart/values.yaml", "HUB103") in codes and ("chart/values.yaml", "HUB102") in codes
    # the user image's command is the chart's `jupyterhub-singleuser`: nothing about its CMD (HUB411 says that
    # nothing reaps orphaned processes in it: a python base, no tini)
    assert {(p, c) for p, c in codes if p.startswith("images/")} == {("images/user-image/Dockerfile", "HUB411")}
    roles = {e.path: e.role for e in report.entries}
    assert roles == {**roles, "images/cert-sync/Dockerfile": "other", "images/hub/Dockerfile": "hub",
                     "images/user-image/Dockerfile": "singleuser"}
    (doc,) = report.deployment_json(str(tmp_path / "z2jh-wrapper"))
    assert doc["hub"]["version"] == "5.3.0" and doc["spawner_cmd"][0]["cmd"] == ["jupyterhub-singleuser"]
