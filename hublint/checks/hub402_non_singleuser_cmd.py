"""HUB402 non-singleuser-cmd: the chain's last CMD does not start a Hub-aware server."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.cmdcheck import launch_facts


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.options.spawner_cmd:
        return
    facts = launch_facts(ctx)
    if facts.cmd is None or facts.verdict not in ("server", "not"):
        return
    if facts.entrypoint is not None and not facts.cmd_after_entrypoint:
        return  # HUB401 reports the ENTRYPOINT
    ins = facts.cmd.instruction
    if facts.verdict == "server":
        why = (f"`{facts.detail}` starts a Jupyter server that does not talk to the Hub (no login, no activity "
               "reports)")
    else:
        why = f"`{facts.detail}` does not start a single-user server"
    yield Hit(f"the CMD is not a JupyterHub launcher: {why}; use `CMD [\"jupyterhub-singleuser\"]` (or "
              "`start-notebook.py` on docker-stacks images), or declare `--spawner-cmd` if the deployment sets "
              "`c.Spawner.cmd`", *ctx.span(ins, ins.args_offset, ins.args_offset + len(ins.args)))
