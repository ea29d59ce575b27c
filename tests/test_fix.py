"""--fix, --unsafe-fixes, --diff: edits, safety, idempotence, atomic writes — and the whole real corpus."""

import json
import os
import shutil
import stat
import subprocess
import sys

import pytest
from conftest import FIXTURES as FIXTURES_DIR
from conftest import SHARED, shared_dir

import hublint

BAD = ("FROM quay.io/jupyter/base-notebook:2025-01-06\n"
       "ARG JH=4.1.6\n"
       "# keep this comment\n"
       "USER root\n"
       "RUN pip install --no-cache-dir jupyterhub==$JH nbgitpuller>=1.2 && \\\n"
       "    pip install jupyterlab-git=0.51.1\n"
       "RUN <<EOF\n"
       "echo 'heredoc stays'\n"
       "EOF\n"
       "CMD start-notebook.sh --debug\n")


def cli(*args, cwd=None, stdin=None):
    r = subprocess.run([sys.executable, "-m", "hublint", "--no-config", *args], capture_output=True, cwd=cwd,
                       input=stdin, timeout=60)
    assert b"Traceback" not in r.stderr
    return r


def write(tmp_path, data: bytes, name="Dockerfile", mode=0o640):
    path = tmp_path / name
    path.write_bytes(data)
    os.chmod(path, mode)
    return path


def test_json_offers_fixes_without_fix(tmp_path):
    path = write(tmp_path, BAD.encode())
    doc = json.loads(cli("--format", "json", "--hub-version", "5.3.0", str(path)).stdout)
    fixes = {f["code"]: f["fix"] for f in doc["findings"] if f["fix"]}
    assert set(fixes) == {"HUB204", "HUB206", "HUB301", "HUB403", "HUB404"}
    assert fixes["HUB204"]["applicability"] == "safe"
    assert fixes["HUB204"]["edits"] == [{"line": 2, "column": 8, "end_line": 2, "end_column": 13, "content": "5.3.0"}]
    assert fixes["HUB301"]["applicability"] == "unsafe" and fixes["HUB404"]["applicability"] == "unsafe"
    assert path.read_text() == BAD


def test_fix_safe_only_keeps_everything_else(tmp_path):
    path = write(tmp_path, BAD.encode())
    r = cli("--fix", "--hub-version", "5.3.0", "--format", "concise", "--fail-on", "info", str(path))
    fixed = path.read_text()
    assert fixed == BAD.replace("ARG JH=4.1.6", "ARG JH=5.3.0").replace("nbgitpuller>=1.2", "'nbgitpuller>=1.2'") \
        .replace("jupyterlab-git=0.51.1", "jupyterlab-git==0.51.1") \
        .replace("CMD start-notebook.sh --debug", 'CMD ["start-notebook.sh", "--debug"]')
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    # what is left: the unsafe ones (infos: HUB301 rests on a weak premise on a docker-stacks base, whose start.sh
    # hands the server to NB_USER), and the exit status says so
    assert r.returncode == 1
    assert sorted(line.split()[1] for line in r.stdout.decode().splitlines()) == ["HUB301", "HUB404"]
    assert b"fixed 4 findings in 1 file" in r.stderr
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


def test_unsafe_fixes_and_idempotence(tmp_path):
    path = write(tmp_path, BAD.encode())
    cli("--unsafe-fixes", "--hub-version", "5.3.0", str(path))
    once = path.read_bytes()
    assert once.endswith(b'CMD ["start-notebook.py", "--debug"]\nUSER ${NB_UID}\n')
    mtime = path.stat().st_mtime_ns
    r = cli("--unsafe-fixes", "--hub-version", "5.3.0", "--format", "json", str(path))
    assert path.read_bytes() == once and path.stat().st_mtime_ns == mtime  # nothing written the second time
    assert json.loads(r.stdout)["findings"] == [] and r.returncode == 0
    hublint.parse(once)


def test_diff_writes_nothing(tmp_path):
    path = write(tmp_path, BAD.encode())
    r = cli("--diff", "--hub-version", "5.3.0", str(path))
    assert path.read_text() == BAD
    out = r.stdout.decode()
    assert out.startswith(f"--- a/{path}\n+++ b/{path}\n")
    assert "-ARG JH=4.1.6\n+ARG JH=5.3.0\n" in out


def test_stdin_fixed_text_goes_to_stdout(tmp_path):
    r = cli("--fix", "--hub-version", "5.3.0", "--fail-on", "info", "-", stdin=BAD.encode(), cwd=tmp_path)
    assert r.stdout.decode().startswith("FROM quay.io/jupyter/base-notebook:2025-01-06\nARG JH=5.3.0\n")
    assert b"HUB301" in r.stderr and r.returncode == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("encoding", "newline"), [("utf-8", "\r\n"), ("utf-8-sig", "\n"), ("utf-16", "\n"),
                                                   ("latin-1", "\n")])
def test_bytes_outside_the_edits_stay(tmp_path, encoding, newline):
    text = ("FROM quay.io/jupyter/base-notebook:2025-01-06\n# Jörg's image\nLABEL a=\"é\"\n"
            "CMD start-notebook.py\n").replace("\n", newline)
    path = write(tmp_path, text.encode(encoding))
    cli("--fix", str(path))
    expected = text.replace("CMD start-notebook.py", 'CMD ["start-notebook.py"]').encode(encoding)
    assert path.read_bytes() == expected


def test_nothing_to_fix_writes_nothing(tmp_path):
    path = write(tmp_path, b"FROM quay.io/jupyter/base-notebook:2025-01-06\n", mode=0o444)
    r = cli("--fix", str(path))
    assert r.returncode == 0 and r.stderr == b""


def test_fixes_never_break_parsing_and_pin_conda_specs(tmp_path):
    text = ("FROM quay.io/jupyter/base-notebook:2025-01-06\n"
            "RUN mamba install --yes jupyterhub-singleuser 'nbgitpuller' && mamba clean --all -f -y\n")
    path = write(tmp_path, text.encode())
    cli("--fix", "--hub-version", "5.3.0", str(path))
    assert path.read_text() == text.replace("jupyterhub-singleuser '", "jupyterhub-singleuser=5.3.0 '")


def test_the_real_corpus(tmp_path):
    corpus = shared_dir("corpus", "real")
    work = tmp_path / "real"
    shutil.copytree(corpus, work)
    files = sorted(str(p) for p in work.iterdir() if p.suffix != ".tsv")
    before = {f: open(f, "rb").read() for f in files}
    r = cli("--fix", "--hub-version", "5.3.0", "--format", "json", *files)
    doc = json.loads(r.stdout)
    changed = [f for f in files if open(f, "rb").read() != before[f]]
    assert changed  # the corpus has safe fixes to apply
    for f in changed:
        if b"HUB001" not in subprocess.run([sys.executable, "-m", "hublint", "--no-config", "-f", "concise",
                                            "--select", "HUB001", f], capture_output=True).stdout:
            continue
        pytest.fail(f"{f} no longer parses after --fix")
    assert not [x for x in doc["findings"] if x["fix"] and x["fix"]["applicability"] == "safe"]
    after = {f: open(f, "rb").read() for f in files}
    cli("--fix", "--hub-version", "5.3.0", *files)
    assert {f: open(f, "rb").read() for f in files} == after


@pytest.mark.parametrize("spec", ["jupyterhub>=4", "jupyterhub>4", "jupyterhub<5", "jupyterhub>=4,<6"])
def test_a_fix_never_writes_an_invalid_requirement(tmp_path, spec):
    """An unquoted spec is a redirection to the shell: quoting it comes first, then the pin replaces the whole
    spec — never `'jupyterhub==5.3.0>=4'`, which hublint would flag itself."""
    path = write(tmp_path, f"FROM python:3.12.8-slim\nRUN pip install {spec} jupyterlab\n".encode())
    cli("--fix", "--hub-version", "5.3.0", str(path))
    assert path.read_text().splitlines()[1] == "RUN pip install 'jupyterhub==5.3.0' jupyterlab"


def _fixed_codes_left(path, codes) -> set:
    r = subprocess.run([sys.executable, "-m", "hublint", "--no-config", "--format", "json", "--hub-version", "5.3.0",
                        str(path)], capture_output=True, text=True)
    return {(f["code"], f["line"]) for f in json.loads(r.stdout)["findings"] if f["code"] in codes}


def test_a_fix_lints_clean_of_what_it_fixed(tmp_path):
    """The property over every real Dockerfile and fixture: after `--fix`, no finding is left of a code whose
    safe fix was applied, and no HUB206 appears that was not there (a fix never writes a spec pip rejects)."""
    corpora = [p for p in (FIXTURES_DIR / "dockerfiles").glob("*/Dockerfile")]
    real = SHARED / "corpus" / "real"
    if real.is_dir():
        corpora += sorted(p for p in real.iterdir() if p.suffix not in (".tsv",))
    checked = 0
    for source in corpora:
        path = tmp_path / f"{checked:03d}" / "Dockerfile"
        path.parent.mkdir()
        path.write_bytes(source.read_bytes())
        r = subprocess.run([sys.executable, "-m", "hublint", "--no-config", "--format", "json", "--hub-version",
                            "5.3.0", str(path)], capture_output=True, text=True)
        found = json.loads(r.stdout)["findings"]
        fixed = {f["code"] for f in found if f["fix"] and f["fix"]["applicability"] == "safe"}
        hub206 = {(f["code"], f["line"]) for f in found if f["code"] == "HUB206"}
        checked += 1
        if not fixed:
            continue
        cli("--fix", "--hub-version", "5.3.0", str(path))
        left = _fixed_codes_left(path, fixed | {"HUB206"})
        assert not {x for x in left if x[0] in fixed - {"HUB206"}}, (source.name, left)
        assert len({x for x in left if x[0] == "HUB206"}) <= len(hub206), (source.name, left)
    assert checked >= 8


def test_an_edit_made_while_fix_runs_is_kept(tmp_path, monkeypatch, capsys):
    """The fixes are written after the whole tree is linted: a file edited meanwhile is not overwritten; the
    run says so (exit 2) and the edit stays."""
    import hublint.workspace.run as workspace_run
    from hublint.cli import main

    path = write(tmp_path, BAD.encode())
    real_run = workspace_run.run

    def run_then_edit(request, workspace=None):
        report = real_run(request, workspace)
        path.write_text(BAD + "# edited meanwhile\n")
        return report

    monkeypatch.setattr(workspace_run, "run", run_then_edit)
    status = main(["--no-config", "--no-cache", "--fix", "--hub-version", "5.3.0", str(path)])
    assert status == 2 and "changed while hublint ran" in capsys.readouterr().err
    assert path.read_text() == BAD + "# edited meanwhile\n"


def test_temporary_files_of_a_killed_run_are_removed(tmp_path):
    """A run killed between writing a temporary file and renaming it leaves `.hublint-<pid>-….tmp`; the next
    write in that folder removes those whose process is gone, and nothing else."""
    path = write(tmp_path, BAD.encode())
    stale = tmp_path / ".hublint-999999999-abcd.tmp"
    stale.write_text("half a file")
    mine = tmp_path / f".hublint-{os.getpid()}-efgh.tmp"
    mine.write_text("a live run's")
    other = tmp_path / ".hublint-notes.tmp"
    other.write_text("not ours")
    cli("--fix", "--hub-version", "5.3.0", str(path))
    assert not stale.exists() and mine.exists() and other.exists()
    assert path.read_text() != BAD
