"""HUB203 unpinned-jupyterhub: jupyterhub installed with a spec that admits more than one major version."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import JUPYTERHUB_NAMES, Context
from ..hits import Hit
from ._pinfix import pin_fix


def check(ctx: Context) -> Iterator[Hit]:
    for inst in ctx.installed(JUPYTERHUB_NAMES):
        if inst.versions is None or inst.versions.single_major():
            continue
        spec = inst.versions.text
        if inst.manager == "pip":
            how = f"`{inst.name}=={{version}}` (or `{inst.name}=={{major}}.*`)"
        else:
            how = f"`{inst.name}={{version}}`"
        target = ctx.options.hub_version or "5.3.0"
        major = target.split(".")[0]
        how = how.format(version=target, major=major)
        where = f" (from `{inst.source}`)" if inst.source else ""
        what = f"`{inst.spec}`{where}" if spec else f"`{inst.name}` without a version{where}"
        yield Hit(f"{what} admits several major versions of jupyterhub: each build may get a different one, and "
                  f"the Hub warns or fails when the major versions differ; pin the Hub's version, e.g. {how}",
                  *inst.anchor, fix=pin_fix(ctx, inst))
