"""How users install hublint before it is on a package index: what the README and the `--server` error tell
them must work. No index has hublint and no release tag exists yet, so every install names the repository's URL
(git, or GitHub's archive) or a clone, every pin is a commit; the git URL form is installed here from this
clone."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text()
URL = "https://github.com/hublint/hublint"
# `pip install 'SPEC'`, `pipx install 'SPEC'`, `uv tool install 'SPEC'`, quoted or not, in the README's text
INSTALL = re.compile(r"\b(pip|pipx|uv tool) install (?:-q |--quiet )*(?:'([^']+)'|([^\s`'\"]+))")


def _server_error() -> str:
    """`hublint --server` where pygls cannot be imported, as without the extra."""
    code = ("import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None\n"
            "from hublint.cli import main\nsys.exit(main(['--server']))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 2 and proc.stdout == "", proc
    return proc.stderr


def _specs(text: str) -> list[tuple[str, str]]:
    return [(tool, quoted or bare) for tool, quoted, bare in INSTALL.findall(text)]


def test_the_server_error_says_an_install_that_works():
    err = _server_error()
    assert err.count("\n") == 1 and err.startswith("hublint: error: --server needs the `server` extra")
    assert f"pip install 'hublint[server] @ git+{URL}'" in err and "pip install -e '.[server]'" in err
    assert ("pip", f"hublint[server] @ git+{URL}") in _specs(err)


def test_every_install_named_in_the_readme_and_the_error_can_work():
    from packaging.requirements import Requirement

    specs = _specs(README) + _specs(_server_error())
    named = set()
    for tool, spec in specs:
        if spec.startswith("-") or spec in (".", "-e"):  # pip install -e '.[…]', pip install . (a clone)
            continue
        if not re.match(r"(?i)hublint\b|git\+https://github.com/hublint/", spec):
            continue  # another package (jupyterhub in rule help, reviewdog…)
        if spec.startswith("git+"):  # pipx / uv tool install git+URL
            assert spec == f"git+{URL}" or re.fullmatch(re.escape(f"git+{URL}@") + r"(?:[0-9a-f]{40}|<commit sha>)",
                                                          spec), spec
            named.add((tool, "git"))
            continue
        req = Requirement(spec.replace("<commit sha>", "0" * 40))
        assert req.name == "hublint" and req.url, f"{tool} install {spec!r}: hublint is on no package index yet"
        assert req.url.startswith((f"git+{URL}", f"{URL}/archive/")), req.url
        named.add((tool, "git" if req.url.startswith("git+") else "archive"))
    assert {("pip", "git"), ("pipx", "git"), ("uv tool", "git"), ("pip", "archive")} <= named, named
    assert "pip install -e '.[server]'" in README
    # no release tag exists: nothing is pinned to one (`rev: v0.2.0`, `hublint/hublint@v0.2.0`)
    assert not re.search(r"rev: v\d|hublint/hublint@v\d|hublint@v\d", README)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_git_url_form_installs_from_a_clone(tmp_path):
    """The README's `pip install 'hublint[server] @ git+URL@<commit>'`, with this clone's URL and commit: pip
    clones it, builds the wheel and installs it (dependencies are the test environment's concern)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("no commit to install")
    # file://localhost/…: older pip (23.2, Python 3.11's own) wants a host in a git+ URL
    spec = f"hublint[server] @ git+file://localhost{ROOT.as_posix()}@{head.stdout.strip()}"
    target = tmp_path / "site"
    env = {**os.environ, "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "protocol.file.allow",
           "GIT_CONFIG_VALUE_0": "always"}
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                           spec], capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (target / "hublint" / "cli" / "__init__.py").is_file()
    assert list(target.glob("hublint-*.dist-info"))
