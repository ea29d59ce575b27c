"""HUB301 root-user: the final image's last USER is root."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import expand, is_known
from ..image.analysis import Context
from ..lint.fixes import fix
from ..lint.hits import Edit, Hit


def last_user(ctx: Context):
    for step in reversed(ctx.chain_steps):
        if step.instruction.keyword == "USER":
            return step, expand(step.instruction.args, step.env, ctx.dockerfile.escape).strip()
    return None, None


def _fix(ctx: Context):
    """Unsafe: append ``USER ${NB_UID}`` to the final stage (whatever ran as root before still does)."""
    final = ctx.final
    last = final.steps[-1].instruction if final.steps else final.instruction
    newline = "\r\n" if "\r\n" in ctx.text else "\n"
    lines = ctx.text.split("\n")
    at_eof = last.end_line >= len(lines) - (1 if ctx.text.endswith("\n") else 0)
    content = "USER ${NB_UID}" + newline
    if at_eof and not ctx.text.endswith("\n"):
        content = newline + "USER ${NB_UID}"
    return fix(
        "end the image with `USER ${NB_UID}`", "unsafe", Edit(last.end_line + 1, 1, last.end_line + 1, 1, content)
    )


def check(ctx: Context) -> Iterator[Hit]:
    step, user = last_user(ctx)
    if step is None or not is_known(user):
        return
    if user.split(":", 1)[0] in ("root", "0"):
        ins = step.instruction
        stacks = ctx.base_info is not None and ctx.base_info.docker_stacks
        hint = (
            (
                "end with `USER ${NB_UID}`; to start as root for NB_USER/GRANT_SUDO, ask at spawn time "
                "(z2jh `singleuser.uid: 0`)"
            )
            if stacks
            else "end with a non-root `USER`, e.g. `USER 1000`"
        )
        yield Hit(
            f"the image runs as `{user}`: every user's server runs as root in its container",
            *ctx.span(ins, ins.args_offset, ins.args_offset + len(ins.args)),
            fix=_fix(ctx) if stacks else None,
            help=hint,
        )
