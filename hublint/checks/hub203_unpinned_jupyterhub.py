"""HUB203 unpinned-jupyterhub: jupyterhub installed with a spec that admits more than one major version."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._pinfix import pin_fix
from ._suggest import hub_install

RULE = Rule("HUB203", "unpinned-jupyterhub", "warning", "jupyterhub is installed without a major-version pin")


def check(inp: ImageInput) -> Iterator[Hit]:
    for inst in inp.image.installed(JUPYTERHUB):
        if inst.versions is None or inst.versions.single_major():
            continue
        where = f" (from `{inst.source}`)" if inst.source else ""
        what = f"`{inst.raw.strip(chr(39) + chr(34)) or inst.spec}`" if inst.versions.text else f"`{inst.name}`"
        yield Hit(
            f"{what}{where} admits several major versions of jupyterhub",
            *inst.anchor,
            fix=pin_fix(inp, inst),
            help=_pin(hub_install(inp, "conda" if inst.manager == "conda" else "pip").removeprefix("install ")),
        )


def _pin(install: str) -> str:
    """ "pin the Hub's version: `pip install …`", saying "the Hub's version" once."""
    if install.startswith("the Hub's version"):
        return f"pin {install}"
    return f"pin the Hub's version: {install}"


from ..image.analysis import JUPYTERHUB_NAMES as JUPYTERHUB  # noqa: E402
