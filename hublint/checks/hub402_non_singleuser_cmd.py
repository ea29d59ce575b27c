"""HUB402 non-singleuser-cmd: the chain's last CMD does not start a Hub-aware server."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import Context
from ..image.cmdcheck import broken_exec_form, launch_facts
from ..lint.hits import Hit


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.options.spawner_cmd:
        return
    facts = launch_facts(ctx)
    if facts.cmd is None or facts.verdict not in ("server", "not"):
        return
    if facts.entrypoint is not None and not facts.cmd_after_entrypoint:
        return  # HUB401 reports the ENTRYPOINT
    ins = facts.cmd.instruction
    if broken_exec_form(ins) is not None:
        return  # HUB410 says why this CMD cannot run
    detail = facts.detail if len(facts.detail) <= 32 else facts.detail[:31] + "…"
    if facts.verdict == "server":
        why = f"`{detail}` is a server that does not talk to the Hub"
    else:
        why = f"`{detail}` does not start a single-user server"
    stacks = ctx.base_info is not None and ctx.base_info.docker_stacks
    launcher = '`CMD ["start-notebook.py"]`' if stacks else '`CMD ["jupyterhub-singleuser"]`'
    yield Hit(
        f"the CMD is not a JupyterHub launcher: {why}",
        *ctx.span(ins, ins.args_offset, ins.args_offset + len(ins.args)),
        help=f"use {launcher}, or declare `--spawner-cmd` if the deployment sets `c.Spawner.cmd`",
    )
