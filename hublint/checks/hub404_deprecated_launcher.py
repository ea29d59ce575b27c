"""HUB404 deprecated-launcher: jupyter-labhub, the docker-stacks .sh shims, or start.sh in CMD on docker-stacks."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..context import Context
from ..fixes import edit, fix
from ..hits import Hit
from ..image.cmdcheck import launch_facts, step_argvs


def _copied(ctx: Context, name: str) -> bool:
    """Does the Dockerfile bring its own script of that name (then it is not docker-stacks' shim)?"""
    return any(step.instruction.keyword in ("COPY", "ADD") and name in step.instruction.args
               for step in ctx.chain_steps)


def check(ctx: Context) -> Iterator[Hit]:
    facts = launch_facts(ctx)
    if facts.cmd is None:
        return
    ins = facts.cmd.instruction
    stacks = ctx.base_info is not None and ctx.base_info.docker_stacks
    reasons = []
    for argv in step_argvs(facts.cmd):
        names = [posixpath.basename(a) for a in argv]
        if "jupyter-labhub" in names or ("jupyter" in names and "labhub" in argv):
            reasons.append("`jupyter-labhub` is discouraged by JupyterLab and always takes JupyterHub's old subclass "
                           "path; with jupyterhub 2 or newer `jupyterhub-singleuser` opens JupyterLab by default")
        for shim in ("start-notebook.sh", "start-singleuser.sh"):
            if shim in names and stacks and not _copied(ctx, shim):
                reasons.append(f"`{shim}` is a deprecated shim that docker-stacks will remove; use "
                               f"`{shim[:-3]}.py` (images built since 2023-10-17)")
        if stacks and "start.sh" in names:
            reasons.append("`start.sh` is already the ENTRYPOINT of docker-stacks images (since 2024-01-22); running "
                           "it again from CMD only logs a warning: drop it from CMD")
    edits = []
    for shim in ("start-notebook.sh", "start-singleuser.sh") if stacks else ():
        at = ins.original.find(shim, ins.args_offset)
        while at >= 0:
            edits.append(edit(ctx, ins, at, at + len(shim), shim[:-3] + ".py"))
            at = ins.original.find(shim, at + 1)
    shim_fix = fix("use the `.py` start scripts (images built since 2023-10-17)", "unsafe", *edits) if edits else None
    for reason in dict.fromkeys(reasons):
        yield Hit(f"the CMD uses a deprecated launcher: {reason}",
                  *ctx.span(ins, ins.args_offset, ins.args_offset + len(ins.args)),
                  fix=shim_fix if ".sh` is a deprecated shim" in reason else None)
