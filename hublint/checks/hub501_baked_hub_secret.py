"""HUB501 baked-hub-secret: ENV/ARG puts a JupyterHub API token or OAuth secret into the image."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.model import env_pairs
from ..dockerfile.syntax import parse_words
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._hubenv import is_secret

RULE = Rule("HUB501", "baked-hub-secret", "error", "A JupyterHub token or secret is baked into the image")


def check(inp: ImageInput) -> Iterator[Hit]:
    esc = inp.image.dockerfile.escape
    steps = [*inp.image.dockerfile.preamble, *inp.image.chain_steps]
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
                    *inp.image.span(ins, off, off + len(key)),
                    help=f"remove `{key}`: the Hub gives each server its own token (build secrets: "
                    "`RUN --mount=type=secret`)",
                )
