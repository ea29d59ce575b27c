"""HUB501 baked-hub-secret: ENV/ARG puts a JupyterHub API token or OAuth secret into the image."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..dockerfile.model import env_pairs
from ..dockerfile.syntax import parse_words
from ..hits import Hit
from ._hubenv import is_secret


def check(ctx: Context) -> Iterator[Hit]:
    esc = ctx.dockerfile.escape
    steps = [*ctx.dockerfile.preamble, *ctx.chain_steps]
    for step in steps:
        ins = step.instruction
        if ins.keyword == "ENV":
            pairs = [(k, v, off) for k, v, off in env_pairs(ins, esc)]
        elif ins.keyword == "ARG":
            pairs = [(w.partition("=")[0], w.partition("=")[2], ins.args_offset + a)
                     for w, a, _ in parse_words(ins.args, esc) if "=" in w]
        else:
            continue
        for key, value, off in pairs:
            if is_secret(key) and value.strip("'\""):
                yield Hit(f"`{ins.keyword} {key}=…` bakes a JupyterHub secret into every layer of the image, where "
                          "anyone who can pull it can read it; the Hub gives each server its own token at start — "
                          f"remove `{key}` from the Dockerfile (pass secrets at run time, or with "
                          "`RUN --mount=type=secret` at build time)", *ctx.span(ins, off, off + len(key)))
