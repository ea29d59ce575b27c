"""Which file names are deployment files: string tests only, so that discovery (``hublint.workspace.discover.kind_of``)
imports none of the readers until a file of their kind is found."""

from __future__ import annotations

import os

from ..lazy import pattern

__all__ = [
    "folders_up",
    "CHART_NAMES",
    "is_chart_name",
    "is_compose_name",
    "is_build_script_name",
    "is_python_driver",
    "ci_kind",
    "is_bake_name",
    "is_hubploy_name",
    "no_surrogates",
    "under",
    "HUB_IMAGE_FOLDER",
]

CHART_NAMES = ("Chart.yaml", "requirements.yaml")


# a folder named for the Hub image: `hub`, `jhub`, `jupyterhub`, `jupyter-hub`, `k8s-hub`, `hub-image`… (not a
# whole deployment's folder, `jupyterhub-prod`)
HUB_IMAGE_FOLDER = pattern(r"(?:k8s[-_])?(?:j|jupyter[-_]?)?hub(?:[-_](?:image|img|docker|container|server))?")


def under(path: str, folder: str) -> bool:
    """Is ``path`` ``folder`` or inside it (both absolute, normalised)?"""
    folder = folder.rstrip(os.sep) or os.sep
    return path == folder or path.startswith(folder + os.sep)


def folders_up(folder: str, depth: int) -> list[str]:
    """``folder`` and up to ``depth`` folders above it, nearest first (fewer at the file system's root)."""
    out = [folder]
    for _ in range(depth):
        parent = os.path.dirname(out[-1])
        if parent == out[-1]:
            break
        out.append(parent)
    return out


def is_compose_name(name: str) -> bool:
    """``docker-compose*.y*ml`` and ``compose*.y*ml`` (``compose.yaml``, ``docker-compose.prod.yml``…)."""
    if not name.endswith((".yaml", ".yml")) or "/" in name:
        return False
    stem = name[:-5] if name.endswith(".yaml") else name[:-4]
    if stem.startswith("docker-"):
        stem = stem[len("docker-") :]
    if not stem.startswith("compose"):
        return False
    rest = stem[len("compose") :]
    return rest == "" or rest[0] in ".-"


def is_chart_name(name: str) -> bool:
    return name in CHART_NAMES or name in ("helmfile.yaml", "helmfile.yml") or name.startswith("helmfile.")


def is_helmfile(parts: list[str]) -> bool:
    """A helmfile by its path's parts: ``helmfile.yaml``, ``helmfile.prod.yaml``, ``helmfile.yaml.gotmpl``, or a
    YAML (or ``.gotmpl``) file of a ``helmfile.d`` folder, which helmfile reads as one helmfile each."""
    name = parts[-1]
    if not name.endswith((".yaml", ".yml", ".gotmpl")):
        return False
    return name.startswith("helmfile.") or (len(parts) > 1 and parts[-2] == "helmfile.d")


def no_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (a ``"\\ud800"`` escape in YAML or Python, or an editor's buffer) as
    U+FFFD, as Go's decoders give it: such a character cannot be written out in any format."""
    if text.isascii():
        return text
    import re

    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def is_build_script_name(name: str, folder: str = "") -> bool:
    """Makefiles, ``*.mk``, ``*.sh``, ``*.bash``, and a file without an extension in a ``bin``/``scripts`` folder
    (``bin/build``: read only when it starts with a shell's ``#!``, :func:`is_shell_script`)."""
    if name in ("Makefile", "makefile", "GNUmakefile") or name.endswith((".mk", ".sh", ".bash")):
        return True
    return "." not in name and folder in _SCRIPT_FOLDERS


def is_python_driver(name: str) -> bool:
    """A Python program named as a deployment's driver — ``deploy*.py``, ``build*.py``, ``noxfile.py``,
    ``tasks.py``, ``fabfile.py`` — whose ``helm upgrade`` argument lists are read (:mod:`.releases`)."""
    return name.endswith(".py") and (name.startswith(("deploy", "build")) or name in _PY_DRIVERS)


_PY_DRIVERS = ("noxfile.py", "tasks.py", "fabfile.py")


_SCRIPT_FOLDERS = ("bin", "scripts", "script", "tools")
_SHELL_SHEBANG = pattern(r"#![ \t]*(?:\S*/)?(?:env[ \t]+(?:-S[ \t]+)?)?(?:ba|da|z|k|a)?sh\b")


def is_shell_script(path: str, text: str) -> bool:
    """A build script is read as the shell reads it: a Makefile, ``*.mk``, ``*.sh`` or ``*.bash`` always; a file
    without an extension only when its first line is a shell's ``#!`` (``#!/bin/bash``, ``#!/usr/bin/env sh``)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if is_python_driver(name):
        return False
    return "." in name or is_build_script_name(name) or _SHELL_SHEBANG.match(text) is not None


def ci_kind(parts: list[str]) -> bool:
    """A CI configuration that builds images: ``.github/workflows/*.y*ml``, ``.gitlab-ci.yml`` (``parts``: the
    path's components)."""
    name = parts[-1]
    if name in (".gitlab-ci.yml", ".gitlab-ci.yaml"):
        return True
    return name.endswith((".yml", ".yaml")) and parts[-3:-1] == [".github", "workflows"]


def is_bake_name(name: str) -> bool:
    """``docker-bake.hcl``, ``docker-bake.json``, ``docker-bake.override.hcl``, ``docker-bake.<anything>.hcl``."""
    return name.startswith("docker-bake") and name.endswith((".hcl", ".json"))


def is_hubploy_name(name: str) -> bool:
    return name in ("hubploy.yaml", "hubploy.yml")
