"""HUB303 non-numeric-user: the final USER is a name, not a UID."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..dockerfile.expand import is_known
from ..hits import Hit
from .hub301_root_user import last_user


def check(ctx: Context) -> Iterator[Hit]:
    step, user = last_user(ctx)
    if step is None or not is_known(user) or not user:
        return
    name = user.split(":", 1)[0]
    if name.isdigit() or name in ("root", "0"):
        return
    ins = step.instruction
    hint = "`USER ${NB_UID}`" if ctx.base_info is not None and ctx.base_info.docker_stacks else "the numeric UID"
    yield Hit(f"`USER {ins.args}` names the user `{name}`: Kubernetes `runAsNonRoot` cannot verify that a name is "
              f"not root, so pods with that policy refuse to start; use {hint}, as docker-stacks does",
              *ctx.span(ins, ins.args_offset, ins.args_offset + len(ins.args)))
