"""HUB407 unverifiable-cmd: the CMD runs a program hublint cannot read, so HUB402 cannot judge it."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.cmdcheck import launch_facts


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.options.spawner_cmd:
        return
    facts = launch_facts(ctx)
    if facts.cmd is None or facts.verdict not in ("unreadable", "unknown"):
        return
    if facts.entrypoint is not None and not facts.cmd_after_entrypoint:
        return
    ins = facts.cmd.instruction
    where = ("it is copied into the image, but not from a file hublint can read in the build context"
             if facts.verdict == "unreadable" else "hublint does not know it and found no COPY/ADD that puts it there")
    yield Hit(f"the CMD runs `{facts.detail}`, which hublint cannot read ({where}), so it cannot tell whether it starts "
              "a JupyterHub single-user server; make sure it ends by running `exec jupyterhub-singleuser \"$@\"` (lint "
              "with `--context` pointing at the build context to let hublint check)",
              *ctx.span(ins, ins.args_offset, ins.args_offset + len(ins.args)))
