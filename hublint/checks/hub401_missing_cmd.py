"""HUB401 missing-cmd: the final image has no CMD that launches the single-user server."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.cmdcheck import entrypoint_script_server, launch_facts
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._startup import CMD_UNKNOWN, cmd_unknown

RULE = Rule("HUB401", "missing-cmd", "error", "The image has no CMD that starts the single-user server", finished=True)


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.spawner_cmd:
        return
    facts = launch_facts(inp.image)
    if facts.entrypoint is not None and not facts.cmd_after_entrypoint:
        ins = facts.entrypoint.instruction
        if not ins.json or entrypoint_script_server(inp.image, facts.entrypoint) is not None:
            return  # a shell-form ENTRYPOINT, or a script that starts the server itself, ignores any CMD: HUB405
        weak = cmd_unknown(inp)
        yield Hit(
            "no CMD after this ENTRYPOINT, and setting ENTRYPOINT resets the inherited CMD",
            *inp.image.keyword_span(ins),
            help='add `CMD ["jupyterhub-singleuser"]` after it (or declare `--spawner-cmd`)'
            + (f" — {CMD_UNKNOWN}" if weak else ""),
            confidence=weak,
        )
        return
    if facts.cmd is not None:
        return
    info = inp.image.base_info
    if inp.image.base_state == "scratch":
        inherited = "`scratch` has none"
    elif info is None or info.launcher:
        return
    elif not info.cmd:
        inherited = f"the base `{inp.image.root.image}` has none"
    else:
        inherited = f"the base's is `{' '.join(info.cmd)}`"
    weak = cmd_unknown(inp)
    yield Hit(
        f"no CMD starts the single-user server ({inherited})",
        *inp.image.missing_anchor,
        help='add `CMD ["jupyterhub-singleuser"]` (or declare `--spawner-cmd` if the deployment sets `c.Spawner.cmd`)'
        + (f" — {CMD_UNKNOWN}" if weak else ""),
        confidence=weak,
    )
