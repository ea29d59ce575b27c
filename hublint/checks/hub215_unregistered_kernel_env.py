"""HUB215 unregistered-kernel-env: ipykernel is installed into an extra environment (a conda env, a venv) that
is not the server's, and nothing makes it a kernel the server can see — no `ipykernel install` / `jupyter
kernelspec install`, no nb_conda_kernels, no kernel.json, no `JUPYTER_PATH`, its `bin` not first on `PATH`: the
environment never shows in the launcher (docker-stacks #1903, #2043)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from ..dockerfile.expand import UNKNOWN, is_known
from ..image.analysis import JUPYTERHUB_NAMES, SERVER_NAMES
from ..image.installs import Install
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule(
    "HUB215",
    "unregistered-kernel-env",
    "info",
    "An environment with ipykernel that is never registered as a kernel",
)

# what in the build registers a kernel, or lets the server find one
_REGISTERS = pattern(
    r"ipykernel\s+install|kernel\s+install|kernelspec\s+install|install_kernel_spec|nb[-_]conda[-_]kernels|"
    r"nb_conda\b|kernel\.json|share/jupyter/kernels|JUPYTER_PATH|JUPYTER_DATA_DIR|environment_kernels",
    re.IGNORECASE,
)


def _server_prefixes(inp: ImageInput) -> set[str | None]:
    """Where the server runs from: the environments jupyterhub or a server package are installed into, or the
    default environment (a base that provides them)."""
    names = {"pip": JUPYTERHUB_NAMES["pip"] | SERVER_NAMES, "conda": JUPYTERHUB_NAMES["conda"] | SERVER_NAMES}
    found = {i.prefix for i in inp.image.installed(names)}
    return found or {None}


def _on_path(inp: ImageInput, prefix: str) -> bool:
    """Is the environment's ``bin`` on the final PATH (its python then runs the default kernel)?"""
    path, _ = inp.image.final_env("PATH")
    if path is None:
        return False
    bin_dir = posixpath.join(prefix, "bin")
    return any(posixpath.normpath(p) == bin_dir or UNKNOWN in p for p in path.split(":") if p)


def _registered_elsewhere(inp: ImageInput) -> bool:
    texts, opaque = inp.image.build_texts
    if opaque or any(_REGISTERS.search(t) for t in texts):
        return True  # a step hublint cannot read may register it
    if any(i.name == "nb-conda-kernels" for i in inp.image.installs.installs):
        return True
    if any(inp.image.final_env(name)[0] for name in ("JUPYTER_PATH", "JUPYTER_DATA_DIR")):
        return True
    launch = inp.image.launch
    texts = [
        " ".join(s.instruction.value) if s.instruction.json else s.instruction.args
        for s in (launch.cmd, launch.entrypoint)
        if s is not None
    ]
    return any(_REGISTERS.search(t) or "activate" in t for t in texts)


def check(inp: ImageInput) -> Iterator[Hit]:
    kernels: dict[str, Install] = {}
    for install in sorted(inp.image.installs.installs, key=lambda i: i.order):
        prefix = install.prefix
        if install.name != "ipykernel" or not prefix or UNKNOWN in prefix or prefix.startswith("~"):
            continue
        kernels.setdefault(prefix, install)
    if not kernels:
        return
    servers = _server_prefixes(inp)
    kernels = {p: i for p, i in kernels.items() if p not in servers and not _on_path(inp, p)}
    if not kernels or _registered_elsewhere(inp):
        return
    conda_dir, _ = inp.image.final_env("CONDA_DIR")
    into = next(iter(servers)) or (conda_dir if conda_dir and is_known(conda_dir) else "/usr/local")
    for prefix, install in kernels.items():
        name = posixpath.basename(prefix.rstrip("/")) or "env"
        yield Hit(
            f"ipykernel goes into `{prefix}`, which no step registers as a kernel: it never shows in the launcher",
            *install.anchor,
            help=f"register it: `{prefix}/bin/python -m ipykernel install --prefix={into} --name={name}` "
            "(or install nb_conda_kernels)",
        )
