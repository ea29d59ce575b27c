"""HUB301 root-user: the final image's last USER is root (unless the spawner decides the container's user).

When the container starts through a program that switches to another user before the server starts
(:func:`._startup.leaves_root`), the servers do not run as root: the finding says the container starts as root,
on a weak premise (only a start that bypasses the switch runs a server as root).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..lint.fixes import fix
from ..lint.hits import Edit, Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import last_user
from ._startup import ROOT, leaves_root

RULE = Rule("HUB301", "root-user", "error", "The image runs as root", finished=True)


def _fix(inp: ImageInput):
    """Unsafe: append ``USER ${NB_UID}`` to the final stage (whatever ran as root before still does)."""
    final = inp.image.final
    last = final.steps[-1].instruction if final.steps else final.instruction
    newline = "\r\n" if "\r\n" in inp.text else "\n"
    lines = inp.text.split("\n")
    at_eof = last.end_line >= len(lines) - (1 if inp.text.endswith("\n") else 0)
    content = "USER ${NB_UID}" + newline
    if at_eof and not inp.text.endswith("\n"):
        content = newline + "USER ${NB_UID}"
    return fix(
        "end the image with `USER ${NB_UID}`", "unsafe", Edit(last.end_line + 1, 1, last.end_line + 1, 1, content)
    )


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.facts is not None and inp.facts.user_set_by:
        return  # the spawner decides the container's user, not the image
    step, user = last_user(inp)
    if step is None or user is None or not is_known(user):
        return
    if user.split(":", 1)[0] in ROOT:
        ins = step.instruction
        stacks = inp.image.base_info is not None and inp.image.base_info.docker_stacks
        hint = (
            (
                "end with `USER ${NB_UID}`; to start as root for NB_USER/GRANT_SUDO, ask at spawn time "
                "(z2jh `singleuser.uid: 0`)"
            )
            if stacks
            else "end with a non-root `USER`, e.g. `USER 1000`"
        )
        span = inp.image.span(ins, ins.args_offset, ins.args_offset + len(ins.args))
        switch = leaves_root(inp)
        if switch is not None:
            yield Hit(
                f"the image runs as `{user}`, but {switch}",
                *span,
                fix=_fix(inp) if stacks else None,
                help=hint,
                confidence="weak",
            )
            return
        yield Hit(
            f"the image runs as `{user}`: every user's server runs as root in its container",
            *span,
            fix=_fix(inp) if stacks else None,
            help=hint,
        )
