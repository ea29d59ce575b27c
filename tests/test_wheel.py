"""The wheel as users install it: built from a copy of the sources, installed (not editable) into a fresh virtual
environment and run from there; and its contents checked against the source tree, so a sub-package, a rule page or
a data file left out of the wheel fails here (the editable install the other tests use would hide it)."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
import sysconfig
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
