"""HUB402 non-singleuser-cmd: the chain's last CMD does not start a Hub-aware server."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.cmdcheck import broken_exec_form, launch_facts
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._startup import CMD_UNKNOWN, cmd_unknown

RULE = Rule(
    "HUB402", "non-singleuser-cmd", "error", "The CMD does not start a JupyterHub single-user server", finished=True
)


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.spawner_cmd:
        return
    facts = launch_facts(inp.image)
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
    stacks = inp.image.base_info is not None and inp.image.base_info.docker_stacks
    launcher = '`CMD ["start-notebook.py"]`' if stacks else '`CMD ["jupyterhub-singleuser"]`'
    weak = cmd_unknown(inp)
    yield Hit(
        f"the CMD is not a JupyterHub launcher: {why}",
        *inp.image.span(ins, ins.args_offset, ins.args_offset + len(ins.args)),
        help=f"use {launcher}, or declare `--spawner-cmd` if the deployment sets `c.Spawner.cmd`"
        + (f" — {CMD_UNKNOWN}" if weak else ""),
        confidence=weak,
    )
