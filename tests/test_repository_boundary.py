"""Nothing outside the repository is read (issue 30, items 2, 3 and 14): a link out of the repository is listed
and reported (HUB003), never followed; a value naming a file outside it is not read; the files that steer a run
(.gitignore, .hublint.toml) are read only when they are regular files; a folder at any depth is searched."""

import json
import os
import subprocess
import sys

import pytest

from hublint.workspace.sources import Sources

LAB = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
SECRET = "root:x:0:0:SECRET-FIRST-LINE\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symlinks")


def repo(tmp_path):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    return root


def test_a_dockerfile_linked_out_of_the_repository_is_reported_not_read(tmp_path, run_cli, monkeypatch):
    root = repo(tmp_path)
    (tmp_path / "outside" / "Dockerfile").write_text(SECRET)
    (root / "Dockerfile").symlink_to(tmp_path / "outside" / "Dockerfile")
    (root / "lab").mkdir()
    (root / "lab" / "Dockerfile").write_text(LAB)
    monkeypatch.chdir(root)
    for args in (["."], ["Dockerfile"]):  # found in the repository, or named on the command line
        status, out, err = run_cli("--no-config", "--no-cache", "--format", "json", *args)
        assert "SECRET" not in out + err
        doc = json.loads(out)
        assert [(f["path"], f["code"], f["line"]) for f in doc["findings"]] == [("Dockerfile", "HUB003", 1)]
        entry = next(e for e in doc["files"] if e["path"] == "Dockerfile")
        assert entry["linted"] is False and "link out of the repository" in entry["reason"]
        assert status == 1


def test_a_link_inside_the_repository_is_followed(tmp_path, run_cli, monkeypatch):
    root = repo(tmp_path)
    (root / "images").mkdir()
    (root / "images" / "lab.Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:latest\n")
    (root / "Dockerfile").symlink_to("images/lab.Dockerfile")
    monkeypatch.chdir(root)
    status, out, _ = run_cli("--no-config", "--no-cache", "--format", "json", "Dockerfile")
    assert [f["code"] for f in json.loads(out)["findings"]] == ["HUB102"]


def test_deployment_files_linked_out_are_not_read(tmp_path, run_cli, monkeypatch):
    root = repo(tmp_path)
    (tmp_path / "outside" / "env").write_text("JUPYTERHUB_CRYPT_KEY=SECRET-VALUE\n")
    (root / ".env").symlink_to(tmp_path / "outside" / "env")
    (root / "Dockerfile").write_text(LAB)
    monkeypatch.chdir(root)
    status, out, err = run_cli("--no-config", "--no-cache", "--format", "json", "--show-deployment", ".")
    assert "SECRET" not in out + err
    status, out, err = run_cli("--no-config", "--no-cache", "--format", "json", ".")
    assert [(f["path"], f["code"]) for f in json.loads(out)["findings"]] == [(".env", "HUB003")]


def test_a_file_a_value_names_outside_the_repository_is_not_read(tmp_path):
    root = repo(tmp_path)
    outside = tmp_path / "outside" / "dotenv"
    outside.write_text("A=1\n")
    inside = root / "x.env"
    inside.write_text("B=2\n")
    sources = Sources()
    sources.confine(str(root))
    assert sources.text(str(inside)) == "B=2\n"
    assert sources.text(str(root / ".." / "outside" / "dotenv")) is None
    assert sources.opens == 1  # the outside file was never opened
    free = Sources()  # no repository given (the Python API on a single file): nothing is refused
    assert free.text(str(outside)) == "A=1\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_ignore_and_config_files_that_are_not_regular_files_do_not_block(tmp_path):
    root = repo(tmp_path)
    os.mkfifo(tmp_path / "outside" / "fifo")
    (root / ".gitignore").symlink_to("/dev/stdin")
    (root / ".hublint.toml").symlink_to(tmp_path / "outside" / "fifo")
    (root / "images").mkdir()
    (root / "images" / ".gitignore").symlink_to(tmp_path / "outside" / "fifo")
    (root / "images" / "Dockerfile").write_text(LAB)
    # stdin stays open (a pipe nobody writes to): reading /dev/stdin would block until the timeout
    proc = subprocess.Popen(
        [sys.executable, "-m", "hublint", "--no-cache", "--format", "concise", "images/"],
        cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err


def test_a_dockerfile_at_any_depth_is_linted(tmp_path, run_cli, monkeypatch):
    root = repo(tmp_path)
    deep = root.joinpath(*["d"] * 100)
    deep.mkdir(parents=True)
    (deep / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:latest\n")
    monkeypatch.chdir(root)
    status, out, _ = run_cli("--no-config", "--no-cache", "--format", "json", ".")
    assert [(f["path"].count("/"), f["code"]) for f in json.loads(out)["findings"]] == [(100, "HUB102")]
