"""HUB407 unverifiable-cmd: the CMD runs a program hublint cannot read, so HUB402 cannot judge it.  An SSH daemon
(``sshd``) is not judged: the image is a host a Hub reaches over SSH, whose CMD is not the server's command."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.cmdcheck import broken_exec_form, copied_by, launch_facts
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._startup import runs_ssh_daemon

RULE = Rule("HUB407", "unverifiable-cmd", "info", "The CMD runs a program hublint cannot read", finished=True)


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.spawner_cmd:
        return
    facts = launch_facts(inp.image)
    if facts.cmd is None or facts.verdict not in ("unreadable", "unknown"):
        return
    if facts.entrypoint is not None and not facts.cmd_after_entrypoint:
        return
    if runs_ssh_daemon(inp):
        return
    ins = facts.cmd.instruction
    if broken_exec_form(ins) is not None:
        return  # HUB410 says why this CMD cannot run
    prog = facts.detail if len(facts.detail) <= 50 else facts.detail[:49] + "…"
    step = copied_by(inp.image, facts.detail) if facts.verdict == "unreadable" else None
    if step is not None:
        message = (
            f"the CMD runs `{prog}`, which `{step.instruction.keyword}` (line {step.instruction.start_line}) "
            "brings from a file hublint cannot read"
        )
        help = "lint with `--context` at the build context, so hublint can check that it starts the server"
    else:
        message = f"the CMD runs `{prog}`, which hublint does not know and no COPY or ADD brings"
        help = 'make sure it ends with `exec jupyterhub-singleuser "$@"`'
    yield Hit(message, *inp.image.span(ins, ins.args_offset, ins.args_offset + len(ins.args)), help=help)
