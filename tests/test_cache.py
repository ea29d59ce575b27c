"""The run cache (in the user's cache folder, one subfolder per repository): a repeated run replays the same output
and exit status; any change to the files it depends on, the options or hublint itself is a new run; a corrupt
entry, concurrent runs or an unwritable folder never break a run; --no-cache and standard input bypass it; a
repository cannot redirect it (a committed `.hublint_cache` link writes and deletes nothing)."""

import os
import subprocess
import sys

import pytest

USER = ("FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==4.1.6' 'jupyterlab==4.3.4'\nUSER 1000\n"
        'CMD ["jupyterhub-singleuser"]\n')
COMPOSE = "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:{v}\n    command: jupyterhub\n"


CACHE = {}


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory):
    CACHE["dir"] = tmp_path_factory.mktemp("user-cache") / "hublint"
    yield CACHE["dir"]


def hublint(cwd, *args, stdin=None):
    env = {k: v for k, v in os.environ.items() if k != "HUBLINT_NO_CACHE"}
    env["HUBLINT_CACHE_DIR"] = str(CACHE["dir"])
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


def folder_of(repo):
    """The cache subfolder of a repository (one folder under the user's cache folder)."""
    found = [p for p in CACHE["dir"].iterdir() if p.is_dir()] if CACHE["dir"].exists() else []
    assert len(found) <= 1, found
    return found[0] if found else CACHE["dir"] / "none"


def entries(repo):
    folder = folder_of(repo)
    return sorted(p.name for p in folder.iterdir() if len(p.name) == 40) if folder.exists() else []


def test_a_repeated_run_is_replayed(repo):
    first = hublint(repo, ".")
    assert len(entries(repo)) == 1
    assert not (repo / ".hublint_cache").exists()  # nothing is written into the repository
    assert (CACHE["dir"] / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    (key,) = entries(repo)
    # make the stored entry recognisable: a replay must print exactly what is stored
    path = folder_of(repo) / key
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
    assert entries(repo) == []
    hublint(repo, "-", "--stdin-filename", "user/Dockerfile", stdin=USER)
    assert entries(repo) == []


def test_a_corrupt_entry_is_a_miss_and_is_rewritten(repo):
    first = hublint(repo, ".")
    (key,) = entries(repo)
    for garbage in (b"", b"HUBLINT-CACHE-1\n", b"HUBLINT-CACHE-1\n0 99999 0\nshort", b"\x00\xff" * 100,
                    b"HUBLINT-CACHE-1\n-1 0 0\n"):
        (folder_of(repo) / key).write_bytes(garbage)
        assert hublint(repo, ".") == first
        from hublint.cli import cache

        status, out, err = cache.lookup((str(folder_of(repo)), key))  # a valid entry again
        assert (status, out.decode(), err.decode()) == first


def test_a_truncated_entry_is_a_miss_and_is_rewritten(repo):
    first = hublint(repo, ".")
    (key,) = entries(repo)
    whole = (folder_of(repo) / key).read_bytes()
    for cut in sorted({1, len(whole) // 3, len(whole) // 2, len(whole) - 1}):
        (folder_of(repo) / key).write_bytes(whole[:cut])
        assert hublint(repo, ".") == first
        assert (folder_of(repo) / key).read_bytes() == whole


def test_concurrent_runs(repo):
    env = {k: v for k, v in os.environ.items() if k != "HUBLINT_NO_CACHE"}
    env["HUBLINT_CACHE_DIR"] = str(CACHE["dir"])
    procs = [subprocess.Popen([sys.executable, "-m", "hublint", "--format", "concise", "."], cwd=repo, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    assert len({r for r in results}) == 1
    assert not [n for n in os.listdir(folder_of(repo)) if n.startswith(".tmp-")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_cache_folder_means_no_cache(repo):
    CACHE["dir"].mkdir(parents=True)
    os.chmod(CACHE["dir"], 0o555)
    try:
        status, out, err = hublint(repo, ".")
        assert "hublint: error" not in err and "Traceback" not in err and status == 1
    finally:
        os.chmod(CACHE["dir"], 0o755)
    assert entries(repo) == []


def test_a_cache_folder_that_is_a_file_or_a_link_means_no_cache(repo, tmp_path):
    """Simulated for root too: the cache folder is a file, then a link to another folder: nothing is written
    there, and the runs still print the same."""
    CACHE["dir"].parent.mkdir(parents=True, exist_ok=True)
    CACHE["dir"].write_text("not a folder")
    first = hublint(repo, ".")
    assert first == hublint(repo, ".") and CACHE["dir"].read_text() == "not a folder"
    CACHE["dir"].unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    CACHE["dir"].symlink_to(elsewhere)
    assert hublint(repo, ".") == first
    assert list(elsewhere.iterdir()) == []


def test_a_committed_cache_link_writes_and_deletes_nothing_outside(repo, tmp_path):
    """A repository that commits `.hublint_cache -> ../victim` (the old cache folder's name) gets no say:
    nothing is written into the victim folder and none of its files is pruned."""
    victim = tmp_path / "victim"
    victim.mkdir()
    for i in range(300):
        (victim / f"{i:040x}").write_text("a file of someone else's\n")
    (repo / ".hublint_cache").symlink_to(victim)
    for _ in range(2):
        status, out, err = hublint(repo, ".")
        assert "Traceback" not in err
    assert sorted(p.name for p in victim.iterdir()) == [f"{i:040x}" for i in range(300)]
    assert len(entries(repo)) == 1


def test_pruning_removes_only_hublints_own_entries(tmp_path, monkeypatch):
    from hublint.cli import cache

    folder = tmp_path / "cache"
    folder.mkdir()
    foreign = [folder / f"{i:040x}" for i in range(20)]
    for f in foreign:
        f.write_bytes(b"not an entry")
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    for i in range(10):
        cache._write(str(folder / f"{1000 + i:040x}"), b"HUBLINT-CACHE-1\n0 0 0\n")
        os.utime(folder / f"{1000 + i:040x}", ns=(i, i))
    cache._prune(str(folder))
    assert all(f.exists() for f in foreign)
    assert len([p for p in folder.iterdir() if p.read_bytes().startswith(b"HUBLINT-CACHE-1")]) == 5


def test_the_key_sees_hublints_own_files():
    """In a source checkout (as here) every file of the package and every rule page is in the key."""
    from hublint.cli import cache

    files = [p for p, _, _ in cache._package_state()]
    assert any(p.endswith(os.path.join("hublint", "cli", "cache.py")) for p in files)
    assert any(p.endswith("stacks.json") for p in files)
    assert any(p.endswith("HUB101-untagged-base-image.md") for p in files)


def test_a_parent_configuration_without_git_is_in_the_key(tmp_path):
    """No `.git`: a `.hublint.toml` in a parent folder applies, so creating one is another run."""
    project = tmp_path / "project" / "images"
    project.mkdir(parents=True)
    (project / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:latest\n")
    first = hublint(project, "Dockerfile")
    assert "HUB102" in first[1]
    (tmp_path / "project" / ".hublint.toml").write_text('ignore = ["HUB102"]\n')
    second = hublint(project, "Dockerfile")
    assert "HUB102" not in second[1]


def test_a_linked_file_is_in_the_key_through_its_target(repo, tmp_path):
    target = tmp_path / "shared-Dockerfile"
    target.write_text(USER)
    (repo / "linked").mkdir()
    (repo / "linked" / "Dockerfile").symlink_to(target)
    first = hublint(repo, "linked/Dockerfile")
    target.write_text(USER.replace("USER 1000", "USER root"))
    os.utime(target, ns=(10**18, 10**18))
    assert hublint(repo, "linked/Dockerfile") != first
