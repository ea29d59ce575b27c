"""HUB303 non-numeric-user: the final USER is a name, not a UID."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import last_user

RULE = Rule("HUB303", "non-numeric-user", "info", "The image's USER is a name, not a UID")


def check(inp: ImageInput) -> Iterator[Hit]:
    step, user = last_user(inp)
    if step is None or not is_known(user) or not user:
        return
    name = user.split(":", 1)[0]
    if name.isdigit() or name in ("root", "0"):
        return
    facts = inp.facts
    if facts is not None and facts.spawner_class and "kube" not in facts.spawner_class.lower():
        return  # `runAsNonRoot` is a Kubernetes check; other spawners start named users
    if facts is not None and (facts.uid is not None or facts.uid_everywhere):
        return  # the pod's runAsUser is set (z2jh: 1000 by default): Kubernetes checks that UID, never the name
    info = inp.image.base_info
    if info is not None and info.family == "z2jh-sample" and (facts is None or not facts.configured):
        return  # built on zero-to-jupyterhub's sample image, for the chart, which sets runAsUser (1000 by default)
    ins = step.instruction
    hint = (
        "`USER ${NB_UID}`"
        if inp.image.base_info is not None and inp.image.base_info.docker_stacks
        else "the numeric UID"
    )
    message = f"`USER {ins.args}` is a name: a pod with `runAsNonRoot` and no `runAsUser` cannot start it"
    yield Hit(
        message,
        *inp.image.span(ins, ins.args_offset, ins.args_offset + len(ins.args)),
        help=f"use {hint}, as docker-stacks does",
    )
