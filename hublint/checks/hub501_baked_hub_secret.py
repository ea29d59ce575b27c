"""HUB501 baked-hub-secret: ENV/ARG puts a JupyterHub API token or OAuth secret into the image."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.model import env_pairs
from ..dockerfile.syntax import parse_words
from ..image.analysis import Context
from ..lint.hits import Hit
from ._hubenv import is_secret


def check(ctx: Context) -> Iterator[Hit]:
    esc = ctx.dockerfile.escape
    steps = [*ctx.dockerfile.preamble, *ctx.chain_steps]
    for step in steps:
        ins = step.instruction
        if ins.keyword == "ENV":
            pairs = [(k, v, off) for k, v, off in env_pairs(ins, esc)]
        elif ins.keyword == "ARG":
            pairs = [
                (w.partition("=")[0], w.partition("=")[2], ins.args_offset + a)
                for w, a, _ in parse_words(ins.args, esc)
                if "=" in w
            ]
        else:
            continue
        for key, value, off in pairs:
            if is_secret(key) and value.strip("'\""):
                yield Hit(
                    f"`{ins.keyword} {key}=…` bakes a JupyterHub secret into the image, for anyone who pulls it",
                    *ctx.span(ins, off, off + len(key)),
                    help=f"remove `{key}`: the Hub gives each server its own token (build secrets: "
                    "`RUN --mount=type=secret`)",
                )
