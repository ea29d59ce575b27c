"""HUB203 unpinned-jupyterhub: jupyterhub installed with a spec that admits more than one major version."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..lint.hits import Hit
from ._pinfix import pin_fix
from ._suggest import hub_install


def check(ctx: Context) -> Iterator[Hit]:
    for inst in ctx.installed(JUPYTERHUB):
        if inst.versions is None or inst.versions.single_major():
            continue
        where = f" (from `{inst.source}`)" if inst.source else ""
        what = f"`{inst.raw.strip(chr(39) + chr(34)) or inst.spec}`" if inst.versions.text else f"`{inst.name}`"
        yield Hit(
            f"{what}{where} admits several major versions of jupyterhub",
            *inst.anchor,
            fix=pin_fix(ctx, inst),
            help="pin the Hub's version: "
            + hub_install(ctx, "conda" if inst.manager == "conda" else "pip").removeprefix("install "),
        )


from ..image.analysis import JUPYTERHUB_NAMES as JUPYTERHUB  # noqa: E402
