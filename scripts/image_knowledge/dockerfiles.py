"""docker-stacks Dockerfiles read with hublint's own parser: the specs base-notebook installs, what a child image
installs into the root environment, and the Python minor an image asks for (or its installer bundles).

Imports :mod:`.common` only.
"""

from __future__ import annotations

import datetime as dt
import re

from .common import _MEMO, INSTALLER_PYTHON, LATEST_MAMBAFORGE_PYTHON, stamp


# --------------------------------------------------------------------------- Dockerfiles
def read_dockerfile(text: str):
    """(the instructions' text without comments, the installs hublint's analysis finds): the Dockerfile read
    as BuildKit reads it (comment lines inside continuations are not part of an instruction)."""
    key = ("df", text)
    if key not in _MEMO:
        _MEMO[key] = _read_dockerfile(text)
    return _MEMO[key]


def _read_dockerfile(text: str):
    from hublint.dockerfile.model import analyze
    from hublint.dockerfile.syntax import ParseError, scan
    from hublint.image.install_analysis import analyze_installs

    try:
        tree = scan(text)
    except ParseError:
        return "", []
    df = analyze(tree)
    clean = "\n".join(ins.original for ins in tree.instructions)
    return clean, analyze_installs(df.stages, df.escape, None).installs


def _spec_of(install) -> str:
    """An install's version spec as written (``=0.9.*``, ``==0.5``, ``>=7.2.2``), ``*`` when unpinned."""
    raw = install.spec.strip("'\"")
    m = re.match(r"(?:[^:\s]+::)?[A-Za-z0-9_.-]+(?:\[[^\]]*\])?\s*(.*)\Z", raw)
    spec = (m.group(1) if m else "").replace(" ", "")
    return spec or "*"


def _root_env(prefix: str | None) -> bool:
    """Is an install's prefix docker-stacks' root environment (``$CONDA_DIR``, ``/opt/conda``)?"""
    return prefix is None or prefix.rstrip("/") in ("/opt/conda", "$CONDA_DIR", "${CONDA_DIR}")


def base_specs(text: str) -> dict[str, str]:
    """The jupyterhub/jupyterlab/notebook specs a base-notebook Dockerfile installs into its root environment ("*"
    when unpinned); conda's jupyterhub-base and jupyterhub-singleuser are jupyterhub."""
    out: dict[str, str] = {}
    for inst in read_dockerfile(text)[1]:
        if not _root_env(inst.prefix):
            continue
        name = "jupyterhub" if inst.name in ("jupyterhub-base", "jupyterhub-singleuser") else inst.name
        if name in ("jupyterhub", "jupyterlab", "notebook"):
            out[name] = _spec_of(inst)
            if name == "jupyterhub":  # which package: conda's whole Hub (with the proxy and nodejs), or less
                out["jupyterhub_package"] = f"{inst.manager}:{inst.name}"
    # a package an install line names but the analysis did not read is unknown, not absent
    clean = read_dockerfile(text)[0]
    for pkg in ("jupyterhub", "jupyterlab", "notebook"):
        if pkg not in out and re.search(rf"install[^\n]*(?:\\\n[^\n]*)*['\"\s]{pkg}\b", clean):
            out[pkg] = "?"
    return out


_PINNED_ECHO = re.compile(r"""echo\s+['"]?(jupyterlab|notebook|python)\b[^\n]*?>>\s*\S*conda-meta/pinned""")


def child_flags(text: str) -> frozenset:
    """What a child image's own Dockerfile may re-solve in the root environment: ``jupyterlab``/``notebook`` it
    installs or pins, ``conda`` when any conda/mamba install runs there (it may move an unpinned Python).
    Installs into another environment (``conda create -p …/envs/python2``, a venv) change nothing of it."""
    clean, installs = read_dockerfile(text)
    found = set()
    for inst in installs:
        if not _root_env(inst.prefix):
            continue
        if inst.name in ("jupyterlab", "notebook"):
            found.add(inst.name)
        if inst.manager == "conda":
            found.add("conda")
    for line in clean.splitlines():
        for m in _PINNED_ECHO.finditer(line):
            found.add("conda" if m.group(1) == "python" else m.group(1))
    return frozenset(found)


def python_minor(text: str, at: dt.datetime | None = None) -> str | None:
    """The Python minor a base-notebook (or foundation) Dockerfile asks for, or its installer bundles."""
    text = read_dockerfile(text)[0] if text else ""
    m = re.search(r"ARG PYTHON_VERSION=([0-9]+\.[0-9]+)\b", text) or re.search(
        r"['\"\s]python=([0-9]+\.[0-9]+)\b", text
    )
    if m:
        return m.group(1)
    m = re.search(r"Miniconda3-py(\d)(\d+)_", text)
    if m:
        return f"{m.group(1)}.{m.group(2)}"
    version = None
    m = re.search(r"MINICONDA_VERSION[= ]\s*([0-9.]+)", text) or re.search(r"Miniconda3-([0-9][0-9.]+)-Linux", text)
    if m:
        version = ("Miniconda3", m.group(1))
    m = re.search(r"conda_version=\"?([0-9.]+)", text)
    if m and re.search(r"miniforge|mambaforge", text, re.I):
        version = ("Miniforge", m.group(1))
    elif re.search(r"Mambaforge-Linux-|Miniforge3-Linux-", text) and at is not None:
        for start, end, minor in LATEST_MAMBAFORGE_PYTHON:
            if start <= stamp(at) < end:
                return minor
    if version:
        for inst, prefix, minor in INSTALLER_PYTHON:
            if inst == version[0] and (version[1] == prefix or prefix.endswith(".") and version[1].startswith(prefix)):
                return minor
    return None


# base-notebook/foundation pin Python's minor for every later conda install: `conda list python | … >> pinned`
# (2019-04, #778) or `echo "python ${PYTHON_VERSION}.*" >> pinned`
_PYTHON_PINNED = re.compile(r"python[^\n]*>>\s*[\"']?\$\{?CONDA_DIR\}?/conda-meta/pinned")
