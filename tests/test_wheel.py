"""The wheel as users install it: built from a copy of the sources, installed (not editable) into a fresh virtual
environment and run from there; and its contents checked against the source tree, so a sub-package, a rule page or
a data file left out of the wheel fails here (the editable install the other tests use would hide it)."""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "MANIFEST.in")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> pathlib.Path:
    if not (ROOT / "setup.py").exists():
        pytest.skip("not a source checkout")
    src = tmp_path_factory.mktemp("src")
    for name in ("hublint", "rules"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in SOURCES:
        shutil.copy(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(src)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (whl,) = out.glob("hublint-*.whl")
    return whl


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> pathlib.Path:
    """A fresh virtual environment with the wheel installed; its dependencies come from the test environment
    (a .pth line to its site-packages, whose editable hublint is not on that path: .pth files there are not run)."""
    env = tmp_path_factory.mktemp("fresh")
    venv.create(env, with_pip=False)
    py = env / "bin" / "python"
    site = pathlib.Path(subprocess.check_output([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()"
                                                 "['purelib'])"], text=True).strip())
    (site / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps",
                           "--no-index", str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return env


def run(env: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(env / "bin" / "hublint"), *args], capture_output=True, text=True, timeout=120,
                          cwd=env)


def test_the_installed_wheel_runs(installed):
    from hublint import __version__

    where = subprocess.check_output([str(installed / "bin" / "python"), "-c", "import hublint; print(hublint.__file__)"],
                                    text=True, cwd=installed).strip()
    assert where.startswith(str(installed)), where  # the wheel's copy, not the checkout's
    version = run(installed, "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"hublint {__version__}"
    page = run(installed, "--explain", "HUB101")
    assert page.returncode == 0 and "untagged-base-image (HUB101)" in page.stdout
    lint = run(installed, "--no-cache", "--format", "json", str(ROOT / "fixtures" / "examples" / "Dockerfile"))
    assert lint.returncode == 1, lint.stderr
    codes = {f["code"] for f in json.loads(lint.stdout)["findings"]}
    assert codes and all(c.startswith("HUB") for c in codes)
    server = subprocess.run([str(installed / "bin" / "python"), "-c", "import hublint.server.lsp"],
                            capture_output=True, text=True, timeout=60, cwd=installed)
    assert server.returncode == 0, server.stderr


def test_the_wheel_holds_every_package_page_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "hublint").rglob("*")
                if p.is_file() and p.suffix in (".py", ".json", ".typed") and "__pycache__" not in p.parts}
    expected |= {f"hublint/catalog/{p.name}" for p in (ROOT / "rules").iterdir() if p.suffix in (".md", ".py")}
    assert "hublint/checks/__init__.py" in expected and "hublint/py.typed" in expected
    missing = sorted(expected - names)
    assert not missing, missing
    stray = sorted(n for n in names if not n.startswith(("hublint/", "hublint-")))
    assert not stray, stray


# --------------------------------------------------------------------------- ready for an index

def _tracked_tree(dest: pathlib.Path) -> pathlib.Path:
    """The files git tracks, as a fresh clone has them (with this working tree's edits): what a release is built
    from, without the developer's .venv, caches or build folders."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (the release is built from a clone)")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        src = ROOT / name
        if src.is_file():  # a file deleted in the working tree and not yet committed is left out
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def _build(*args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "build", *args], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return proc.stdout + proc.stderr


def _contents(wheel: pathlib.Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_python_m_build_makes_distributions_twine_accepts_and_the_sdist_builds_the_same_wheel(tmp_path):
    """`python -m build` from a clean tree gives an sdist and a wheel; `twine check --strict` passes both (the
    README renders as the project page); the wheel built from the sdist, as an index's users and distributions
    build it, has the same files with the same contents; no setuptools deprecation is left to break a later
    build; and the README, the project page on the index, has no link relative to this repository."""
    pytest.importorskip("build", reason="the `build` package is not installed (pip install -e '.[test]')")
    pytest.importorskip("twine", reason="twine is not installed (pip install -e '.[test]')")
    src = _tracked_tree(tmp_path / "src")
    dist, again = tmp_path / "dist", tmp_path / "from-sdist"
    log = _build("--sdist", "--wheel", "--outdir", str(dist), str(src))
    deprecations = re.findall(r"^.*(?:DeprecationWarning|\b(?:is|are) deprecated\b).*$", log, re.M)
    assert not deprecations, deprecations
    (sdist,) = dist.glob("hublint-*.tar.gz")
    (wheel,) = dist.glob("hublint-*.whl")
    with tarfile.open(sdist) as tar:
        top = sdist.name[: -len(".tar.gz")]
        names = {m.name.removeprefix(top + "/") for m in tar.getmembers() if m.isfile()}
    for needed in ("pyproject.toml", "setup.py", "README.md", "LICENSE", "MANIFEST.in", "PKG-INFO",
                   "hublint/__init__.py", "rules/HUB101-untagged-base-image.md", "tests/conftest.py",
                   "docs/editors.md", "docs/deployment-example.svg"):  # the shipped tests read them
        assert needed in names, needed
    twine = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)],
                           capture_output=True, text=True, timeout=300)
    assert twine.returncode == 0 and twine.stdout.count("PASSED") == 2, twine.stdout + twine.stderr
    _build("--wheel", "--outdir", str(again), str(sdist))
    (rebuilt,) = again.glob("hublint-*.whl")
    assert rebuilt.name == wheel.name
    first, second = _contents(wheel), _contents(rebuilt)
    assert sorted(first) == sorted(second), sorted(set(first) ^ set(second))
    differ = sorted(name for name in first if first[name] != second[name])
    assert not differ, differ
    metadata = next(v for k, v in first.items() if k.endswith(".dist-info/METADATA")).decode()
    assert "License-Expression: BSD-3-Clause" in metadata and "Description-Content-Type: text/markdown" in metadata
    relative = re.findall(r"\]\((?!https?://|#|mailto:)([^)]+)\)", (ROOT / "README.md").read_text())
    assert not relative, f"relative links break on the index's project page: {relative}"
