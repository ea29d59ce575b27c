"""HUB208 hub-package-in-user-image: conda/mamba installs ``jupyterhub`` (the Hub, with its proxy)."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit


def check(ctx: Context) -> Iterator[Hit]:
    for inst in ctx.installed({"conda": {"jupyterhub"}}):
        suggestion = inst.spec.replace("jupyterhub", "jupyterhub-singleuser", 1)
        yield Hit(f"conda's `jupyterhub` package is the whole Hub: it also installs configurable-http-proxy and "
                  f"nodejs (about 150 MB) that a single-user image never runs; install `{suggestion}` instead "
                  "(jupyterhub-base plus jupyterlab)", *inst.anchor)
