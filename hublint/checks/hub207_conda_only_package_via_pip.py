"""HUB207 conda-only-package-via-pip: pip installs ``jupyterhub-singleuser`` or ``jupyterhub-base``."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule(
    "HUB207", "conda-only-package-via-pip", "error", "pip installs a package name that exists only on conda-forge"
)


def check(inp: ImageInput) -> Iterator[Hit]:
    for inst in inp.image.installed({"pip": {"jupyterhub-singleuser", "jupyterhub-base"}}):
        version = inst.spec[len(inst.name) :] if inst.spec.lower().startswith(inst.name) else ""
        yield Hit(
            f"`{inst.name}` is a conda-forge package, not on PyPI: this pip install fails",
            *inst.anchor,
            help=f"`pip install 'jupyterhub{version}' jupyterlab`, or "
            f"`mamba install '{inst.name}{version.replace('==', '=')}'`",
        )
