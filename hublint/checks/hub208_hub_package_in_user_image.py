"""HUB208 hub-package-in-user-image: conda/mamba installs ``jupyterhub`` (the Hub, with its proxy)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..dockerfile.expand import UNKNOWN
from ..image.installs import Install
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule("HUB208", "hub-package-in-user-image", "info", "conda installs the whole Hub into a single-user image")

# conda-forge split the Hub in 1.1.0 (jupyterhub-feedstock 5e3e3a4, 2020-01-28): `jupyterhub-singleuser` and
# `jupyterhub-base` exist only from that release on.
_FIRST_SPLIT = "1.1.0"
# Commands that need nodejs, which conda's `jupyterhub` brings and `jupyterhub-singleuser` does not.
_NEEDS_NODE = pattern(
    r"(?<![\w./-])(?:labextension\s+(?:install|link|update)|lab\s+build|npm|npx|yarn|jlpm|node)(?![\w./-])"
)
# an install of the Hub's proxy (npm, yarn, pnpm, conda, mamba…), not its removal
_PROXY_INSTALL = pattern(r"(?<![\w-])(?:install|add|i)\s(?:[^;&|\n]*\s)?configurable-http-proxy(?![\w-])")
# ... except cleaning their caches, which is only there because nodejs is: drop it with the switch
_CACHE_CLEAN = pattern(r"(?<![\w.-])(?:npm|yarn|jlpm)\s+cache\s+(?:clean|clear)(?:\s+--force)?")


def check(inp: ImageInput) -> Iterator[Hit]:
    info = inp.image.base_info
    if info is not None and info.hub_package == "conda:jupyterhub":
        return  # the base already has conda's whole Hub: this install adds nothing the image lacked
    if any(_PROXY_INSTALL.search(s.instruction.args) for s in inp.image.chain_steps if s.instruction.keyword == "RUN"):
        return  # the image installs the Hub's proxy itself: it runs a Hub, on purpose
    for inst in inp.image.installed({"conda": {"jupyterhub"}}):
        if inst.upgrade or _before_split(inst):
            continue
        node = _node_use(inp, inst)
        written = inst.raw or inst.spec
        if UNKNOWN in written:
            written = inst.spec
        suggestion = re.sub(r"jupyterhub(?![-\w])", "jupyterhub-singleuser", written, count=1, flags=re.I)
        shown = suggestion.replace(UNKNOWN, "…")
        if node == "needed":  # the image's nodejs tools need nodejs, never the Hub's proxy: keep nodejs alone
            advice = f"install `{shown} nodejs` instead (jupyterhub-base, jupyterlab and the nodejs this image uses)"
        else:
            also = f", and drop `{node}` (no nodejs then)" if node else ""
            advice = f"install `{shown}` instead (jupyterhub-base plus jupyterlab){also}"
        yield Hit(
            "conda's `jupyterhub` is the whole Hub, with configurable-http-proxy and nodejs",
            *inst.anchor,
            help=advice,
        )


def _before_split(inst: Install) -> bool:
    """Every version the spec admits predates conda-forge's `jupyterhub-singleuser` package."""
    versions = inst.versions
    if versions is None or versions.unconstrained:
        return False
    from ..image.pep440 import version as Version

    return not versions.admits_from(Version(_FIRST_SPLIT))


def _node_use(inp: ImageInput, inst: Install) -> str | None:
    """How the image uses nodejs from this install on (the same RUN, or a later one): "needed" (a labextension
    install, npm, yarn… — switching without nodejs would break the build), the cache-cleaning command that is its
    only use, or None."""
    if inst.step is None:
        return None
    seen = False
    cleaning = None
    for stage in inp.image.chain:
        for step in stage.steps:
            if step is inst.step:
                seen = True
            if not seen or step.instruction.keyword != "RUN":
                continue
            text = step.instruction.args
            m = _CACHE_CLEAN.search(text)
            if m:
                cleaning = cleaning or m.group(0)
                text = _CACHE_CLEAN.sub("", text)
            if _NEEDS_NODE.search(text):
                return "needed"
    return cleaning
