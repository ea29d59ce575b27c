"""The run cache (.hublint_cache/): a repeated run replays the same output and exit status; any change to the
files it depends on, the options or hublint itself is a new run; the folder ignores itself; a corrupt entry,
concurrent runs or an unwritable folder never break a run; --no-cache and standard input bypass it."""

import os
import subprocess
import sys

import pytest

USER = ("FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==4.1.6' 'jupyterlab==4.3.4'\nUSER 1000\n"
        'CMD ["jupyterhub-singleuser"]\n')
COMPOSE = "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:{v}\n    command: jupyterhub\n"


def hublint(cwd, *args, stdin=None):
    env = {k: v for k, v in os.environ.items() if k != "HUBLINT_NO_CACHE"}
    proc = subprocess.run([sys.executable, "-m", "hublint", "--format", "concise", *args], cwd=cwd, env=env,
                          input=stdin, capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "docker-compose.yml").write_text(COMPOSE.format(v="4.1.6"))
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "Dockerfile").write_text(USER)
    return tmp_path


def entries(repo):
    folder = repo / ".hublint_cache"
    return sorted(p.name for p in folder.iterdir() if len(p.name) == 40) if folder.exists() else []


def test_a_repeated_run_is_replayed(repo):
    first = hublint(repo, ".")
    assert len(entries(repo)) == 1
    assert (repo / ".hublint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (repo / ".hublint_cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    (key,) = entries(repo)
    # make the stored entry recognisable: a replay must print exactly what is stored
    path = repo / ".hublint_cache" / key
    data = path.read_bytes()
    assert data.startswith(b"HUBLINT-CACHE-1\n")
    assert hublint(repo, ".") == first
    assert entries(repo) == [key]


def test_a_changed_deployment_file_is_a_new_run(repo):
    status, out, _ = hublint(repo, "user/Dockerfile")
    assert "HUB204" not in out
    os.utime(repo / "docker-compose.yml", ns=(1, 1))  # even with an old time: the size changes below
    (repo / "docker-compose.yml").write_text(COMPOSE.format(v="5.3.0"))
    status, out, _ = hublint(repo, "user/Dockerfile")
    assert "HUB204" in out and status == 1
    assert len(entries(repo)) == 2


def test_options_and_paths_are_part_of_the_key(repo):
    hublint(repo, ".")
    hublint(repo, ".", "--select", "HUB2")
    hublint(repo, "user/Dockerfile")
    assert len(entries(repo)) == 3


def test_no_cache_and_stdin_bypass_it(repo):
    hublint(repo, "--no-cache", ".")
    assert not (repo / ".hublint_cache").exists()
    hublint(repo, "-", "--stdin-filename", "user/Dockerfile", stdin=USER)
    assert not (repo / ".hublint_cache").exists()


def test_a_corrupt_entry_is_a_miss_and_is_rewritten(repo):
    first = hublint(repo, ".")
    (key,) = entries(repo)
    for garbage in (b"", b"HUBLINT-CACHE-1\n", b"HUBLINT-CACHE-1\n0 99999 0\nshort", b"\x00\xff" * 100,
                    b"HUBLINT-CACHE-1\n-1 0 0\n"):
        (repo / ".hublint_cache" / key).write_bytes(garbage)
        assert hublint(repo, ".") == first
        from hublint.cli import cache

        status, out, err = cache.lookup((str(repo / ".hublint_cache"), key))  # a valid entry again
        assert (status, out.decode(), err.decode()) == first


def test_a_truncated_entry_is_a_miss_and_is_rewritten(repo):
    first = hublint(repo, ".")
    (key,) = entries(repo)
    whole = (repo / ".hublint_cache" / key).read_bytes()
    for cut in sorted({1, len(whole) // 3, len(whole) // 2, len(whole) - 1}):
        (repo / ".hublint_cache" / key).write_bytes(whole[:cut])
        assert hublint(repo, ".") == first
        assert (repo / ".hublint_cache" / key).read_bytes() == whole


def test_concurrent_runs(repo):
    env = {k: v for k, v in os.environ.items() if k != "HUBLINT_NO_CACHE"}
    procs = [subprocess.Popen([sys.executable, "-m", "hublint", "--format", "concise", "."], cwd=repo, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    assert len({r for r in results}) == 1
    assert not [n for n in os.listdir(repo / ".hublint_cache") if n.startswith(".tmp-")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_repository_means_no_cache(repo):
    os.chmod(repo, 0o555)
    try:
        status, out, err = hublint(repo, ".")
        assert "hublint: error" not in err and "Traceback" not in err
    finally:
        os.chmod(repo, 0o755)
    assert not (repo / ".hublint_cache").exists()


def test_an_unwritable_cache_folder_means_no_cache(repo, monkeypatch):
    """Simulated for root too: the cache folder is a file, so nothing can be written inside it."""
    (repo / ".hublint_cache").write_text("not a folder")
    first = hublint(repo, ".")
    assert first == hublint(repo, ".")
    assert (repo / ".hublint_cache").read_text() == "not a folder"


def test_the_key_sees_hublints_own_files():
    """In a source checkout (as here) every file of the package and every rule page is in the key."""
    from hublint.cli import cache

    files = [p for p, _, _ in cache._package_state()]
    assert any(p.endswith(os.path.join("hublint", "cli", "cache.py")) for p in files)
    assert any(p.endswith("stacks.json") for p in files)
    assert any(p.endswith("HUB101-untagged-base-image.md") for p in files)
