"""The bad-input matrix: every odd input gets its exit status and one clear line — never a traceback
or a hang — and hublint never executes, imports, evaluates, fetches or writes anything."""

import json
import os
import socket
import subprocess
import sys

import pytest

GOOD = b"FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def cli(*args, cwd=None, stdin=None, timeout=60):
    """hublint on odd inputs; the files are single-user Dockerfiles by construction (``--role singleuser``)."""
    r = subprocess.run([sys.executable, "-m", "hublint", "--no-config", "--role", "singleuser", *args],
                       capture_output=True, cwd=cwd,
                       input=stdin, timeout=timeout)
    out, err = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    return r.returncode, out, err


def one_finding(path, *args):
    status, out, err = cli("--format", "json", *args, str(path))
    doc = json.loads(out)
    return status, doc["findings"], err


def write(tmp_path, name, data):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "message"), [
    (b"", "file with no instructions"),
    (b"# only\n# comments\n", "file with no instructions"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (it contains NUL bytes): not a Dockerfile"),
    (b"FROM a:1\nRUN echo \x00\n", "binary file"),
    ("FROM a:1\nRUN true\n".encode("utf-16-le"), "UTF-16-LE text without a byte-order mark"),
    ("FROM a:1\nRUN true\n".encode("utf-16-be"), "UTF-16-BE text without a byte-order mark"),
    ("FROM a:1\nRUN true\n".encode("utf-32-le"), "UTF-32-LE text without a byte-order mark"),
    (b"FROM a:1\nRUN " + b"x" * 70_000 + b"\n", "dockerfile line greater than max allowed size of 65535"),
    (b"FROM a:1\nRUN <<EOF\necho\n", "unterminated heredoc"),
])
def test_unreadable_dockerfiles_are_hub001(tmp_path, data, message):
    status, findings, err = one_finding(write(tmp_path, "Dockerfile", data))
    assert status == 1 and err == ""
    assert [f["code"] for f in findings] == ["HUB001"]
    assert message in findings[0]["message"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_unicode_with_bom_is_linted(tmp_path, codec):
    status, findings, _ = one_finding(write(tmp_path, "Dockerfile", "FROM python\nUSER 1000\n".encode(codec)))
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [
        ("HUB101", 1, 6), ("HUB201", 1, 6), ("HUB202", 1, 6), ("HUB401", 1, 6)]


def test_latin1_is_linted(tmp_path):
    status, findings, _ = one_finding(write(tmp_path, "Dockerfile", 'FROM python\nLABEL m="J\xf6rg"\nUSER 1\n'.encode("latin-1")))
    assert "HUB101" in [f["code"] for f in findings]


def test_mixed_line_endings(tmp_path):
    data = b"FROM python:3.12\r\nUSER root\nRUN a \\\r\n  b\rc\nCMD [\"jupyterhub-singleuser\"]\r\n"
    status, findings, _ = one_finding(write(tmp_path, "Dockerfile", data))
    assert ("HUB301", 2) in [(f["code"], f["line"]) for f in findings]


def test_five_megabyte_continuation(tmp_path):
    data = b"FROM python:3.12\nRUN true" + b" \\\n  && echo abcdefghijklmnopqrstuvwxyz0123456789" * 110_000 + b"\n"
    assert len(data) > 5_000_000
    status, findings, _ = one_finding(write(tmp_path, "Dockerfile", data))
    assert status == 1 and "HUB302" in [f["code"] for f in findings]


def test_hundred_thousand_line_heredoc(tmp_path):
    data = b"FROM python:3.12\nUSER 1000\nRUN <<EOF\n" + b"pip install 'jupyterhub==5.3.0' jupyterlab\n" * 100_000 \
        + b"EOF\nCMD [\"jupyterhub-singleuser\"]\n"
    status, findings, _ = one_finding(write(tmp_path, "Dockerfile", data))
    assert (status, findings) == (0, [])


def test_deeply_nested_modifiers(tmp_path):
    data = b"ARG A\nFROM " + b"${A:-" * 3000 + b"python" + b"}" * 3000 + b"\n"
    status, findings, _ = one_finding(write(tmp_path, "Dockerfile", data))
    assert [f["code"] for f in findings] == ["HUB106"]


def test_missing_path_is_exit_2_and_others_still_linted(tmp_path):
    good = write(tmp_path, "Dockerfile", GOOD)
    status, out, err = cli("--format", "concise", str(tmp_path / "missing"), str(good))
    assert status == 2 and out == "" and err == f"hublint: error: {tmp_path / 'missing'}: no such file or folder\n"


def test_folder_without_dockerfiles(tmp_path):
    (tmp_path / "empty").mkdir()
    status, _, err = cli(str(tmp_path / "empty"))
    assert status == 2 and err.count("\n") == 1 and "no Dockerfile found in this folder" in err


def test_symlink_loop_in_folders(tmp_path):
    write(tmp_path, "a/Dockerfile", GOOD)
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink(tmp_path / "a" / "self", tmp_path / "a" / "self")  # a file symlink loop, not a Dockerfile name
    status, out, err = cli("--format", "concise", str(tmp_path), timeout=30)
    assert (status, out, err) == (0, "", "")


def test_symlinked_dockerfile_loop_is_an_error(tmp_path):
    os.symlink(tmp_path / "Dockerfile", tmp_path / "Dockerfile")
    status, _, err = cli(str(tmp_path / "Dockerfile"))
    assert status == 2 and err.count("\n") == 1 and "Dockerfile" in err


def test_unreadable_file(tmp_path, monkeypatch, capsys):
    from hublint.cli import main

    bad = write(tmp_path, "Dockerfile", GOOD)
    other = write(tmp_path, "b/Dockerfile", b"FROM python\n")
    real_open = open

    def fake_open(path, *a, **k):
        if str(path) == str(bad):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr("builtins.open", fake_open)
    status = main(["--no-config", "--role", "singleuser", "--format", "concise", str(bad), str(other)])
    out, err = capsys.readouterr()
    assert status == 2 and f"{other}:1:6: HUB101" in out
    assert err == f"hublint: error: {bad}: cannot read file (Permission denied)\n"


def test_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "Dockerfile"
    os.mkfifo(fifo)
    status, _, err = cli(str(fifo), timeout=20)
    assert status == 2 and "not a regular file" in err


def test_path_with_spaces_and_non_ascii(tmp_path):
    path = write(tmp_path, "dössier with space/Dockerfile", b"FROM python\n")
    status, out, _ = cli("--format", "concise", "--select", "HUB101", str(path))
    assert status == 1 and out.startswith(f"{path}:1:6: HUB101")


def test_bad_config_file(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".hublint.toml").write_text("colour = true\n")
    write(tmp_path, "Dockerfile", GOOD)
    r = subprocess.run([sys.executable, "-m", "hublint", str(tmp_path / "Dockerfile")], capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr == f"hublint: error: {tmp_path / '.hublint.toml'}: unknown key `colour`\n"


def test_build_arg_without_equals(tmp_path):
    status, _, err = cli("--build-arg", "JUST_A_NAME", str(write(tmp_path, "Dockerfile", GOOD)))
    assert status == 2 and err == "hublint: error: --build-arg 'JUST_A_NAME': expected NAME=VALUE\n"


# --------------------------------------------------------------------------- safety

def test_never_executes_or_writes_anything_from_the_repository(tmp_path):
    marker = tmp_path / "EXECUTED"
    evil = f"import pathlib; pathlib.Path({str(marker)!r}).write_text('x')\n"
    write(tmp_path, "start.py", evil.encode())
    write(tmp_path, "start.sh", f"#!/bin/sh\ntouch {marker}\n".encode())
    write(tmp_path, "requirements.txt", f"-r $(touch {marker})\njupyterhub==5.3.0\n".encode())
    write(tmp_path, "setup.py", evil.encode())
    write(tmp_path, "conftest.py", evil.encode())
    write(tmp_path, "environment.yml", b"dependencies: !!python/object/apply:os.system ['touch EXECUTED']\n")
    dockerfile = write(tmp_path, "Dockerfile", (
        b"FROM python:3.12\nCOPY . /src\nCOPY start.sh start.py /usr/local/bin/\n"
        b"RUN pip install -r /src/requirements.txt -e /src && mamba env update -f /src/environment.yml\n"
        b"RUN python /usr/local/bin/start.py\nUSER 1000\nCMD [\"start.sh\"]\n"))
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    status, out, err = cli("--format", "concise", str(dockerfile), cwd=tmp_path)
    assert not marker.exists()
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before  # nothing written, nothing created


def test_never_uses_the_network(monkeypatch):
    import hublint

    def refuse(*a, **k):
        raise AssertionError("hublint tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    text = "FROM quay.io/jupyter/base-notebook\nRUN pip install jupyterhub\nCMD [\"jupyter\", \"lab\"]\n"
    assert {f.code for f in hublint.lint_text(text, hub_version="5.3.0")} == {"HUB101", "HUB203", "HUB402"}
