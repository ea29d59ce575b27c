"""HUB107 unknown-base-image: hublint cannot see inside the base, and the image installs no jupyterhub/server."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.imageref import valid_reference
from ..image.analysis import JUPYTERHUB_NAMES, SERVER_METAPACKAGES, SERVER_NAMES
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import clip_ref

# environment files a base built to be built on installs from the build context (pangeo's base-image ONBUILD:
# binder/ or .binder/ first, then the context itself)
_ENV_FILES = ("environment.yml", "environment.yaml", "conda-lock.yml", "requirements.txt")
_PACKAGES = (
    r"(jupyterhub-singleuser|jupyterhub|notebook|jupyterlab|jupyter[-_]server|nbclassic|pangeo-notebook|nbgitpuller)"
    r"(?![\w.-])"
)
# packages that bring jupyterhub or a server (pangeo-notebook: pangeo-data/conda-metapackages notebook-packages.txt,
# `jupyterhub>=1.1` and `jupyterlab>=1.2`; nbgitpuller: its setup.py, `notebook>=5.5.0` and `jupyter_server>=1.10.1`)
_BRINGS = {"pangeo-notebook": {"jupyterhub", "jupyterlab"}, "nbgitpuller": {"notebook", "jupyter-server"}}
# a YAML list item (`- jupyterlab=4`, a conda-lock `- name: jupyterlab`), never the environment's own `name:`
_LISTED_YAML = pattern(r"(?im)^[ \t]*-[ \t]*(?:name:[ \t]*)?" + _PACKAGES)
_LISTED_TXT = pattern(r"(?im)^[ \t]*" + _PACKAGES)  # a requirements line

RULE = Rule("HUB107", "unknown-base-image", "info", "hublint cannot see what the base image contains")


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.image.base_state != "unknown" or inp.image.installs.unknown:
        return
    base = inp.image.base_ref
    if base is not None and not valid_reference(base.raw):
        return  # no image at all: HUB106 says `docker build` fails on it
    if base is not None and inp.facts is not None and base.name in inp.facts.local_bases:
        return  # built in the same pipeline: its contents are its Dockerfile's, not unknown
    has_hub = bool(inp.image.installed(JUPYTERHUB_NAMES))
    servers = SERVER_NAMES | SERVER_METAPACKAGES
    has_server = bool(inp.image.installed({"pip": servers, "conda": servers | {"jupyterhub-singleuser"}}))
    if has_hub and has_server:
        return
    if _context_lists(inp, has_hub, has_server):
        return  # the context's environment file lists it: an unknown base may install it (ONBUILD, as pangeo's)
    what = "a server package" if has_hub else ("jupyterhub" if has_server else "jupyterhub or a server package")
    if base is not None and inp.facts is not None and base.name in inp.facts.built_bases:
        return  # built here: its contents are its Dockerfile's, which hublint does not carry — unknown, not missing
    name = inp.image.base_ref.short if inp.image.base_ref is not None else inp.image.root.image
    declare = (
        f'declare the base: `[images."{name}"]` with `provides = ["jupyterhub==…", "jupyterlab"]`, '
        "`user` and `cmd` in the configuration"
    )
    candidates = inp.facts.base_candidates if inp.facts is not None else ()
    if candidates:  # a Dockerfile here that no build names may build it: unknown, maybe not missing
        which = f"`{candidates[0]}`" if len(candidates) == 1 else f"one of {len(candidates)} Dockerfiles here"
        yield Hit(
            f"unknown base `{clip_ref(inp.image.root.image, 32)}`, maybe built here: this file installs no "
            f"{what.removeprefix('a ').replace(' a ', ' ')}",
            *inp.image.missing_anchor,
            help=f"it may be {which}, which no build definition names: build it under that name in a script, a "
            f"Makefile or CI, or {declare}",
        )
        return
    yield Hit(
        f"unknown base `{clip_ref(inp.image.root.image)}`: nothing here installs {what}",
        *inp.image.missing_anchor,
        help=declare,
    )


def _context_lists(inp: ImageInput, has_hub: bool, has_server: bool) -> bool:
    """Does an environment file of the build context (``environment.yml``, ``conda-lock.yml``, ``requirements.txt``;
    in ``binder/`` or ``.binder/`` too) that the Dockerfile does not install itself list what it lacks?"""
    import os

    ctx = inp.image.context_dir
    if not ctx:
        return False
    found: set[str] = set()
    for sub in ("binder", ".binder", ""):
        for name in _ENV_FILES:
            text = inp.image.read_file(os.path.join(ctx, sub, name) if sub else os.path.join(ctx, name))
            if text:
                listed = _LISTED_TXT if name.endswith(".txt") else _LISTED_YAML
                found |= {m.group(1).lower().replace("_", "-") for m in listed.finditer(text)}
    for meta in found & set(_BRINGS):
        found |= _BRINGS[meta] - {meta}
    found -= set(_BRINGS)
    hub = has_hub or bool(found & {"jupyterhub", "jupyterhub-singleuser"})
    server = has_server or bool(found - {"jupyterhub"})
    return hub and server
