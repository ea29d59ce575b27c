"""HUB401 missing-cmd: the final image has no CMD that launches the single-user server."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.cmdcheck import launch_facts


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.options.spawner_cmd:
        return
    facts = launch_facts(ctx)
    if facts.entrypoint is not None and not facts.cmd_after_entrypoint:
        ins = facts.entrypoint.instruction
        yield Hit("this ENTRYPOINT has no CMD after it, and Docker resets the inherited CMD when ENTRYPOINT is set: "
                  "the image has no CMD, so DockerSpawner fails (it uses the image's CMD) and KubeSpawner runs the "
                  "ENTRYPOINT alone; add `CMD [\"jupyterhub-singleuser\"]` after it (or declare `--spawner-cmd`)",
                  *ctx.keyword_span(ins))
        return
    if facts.cmd is not None:
        return
    info = ctx.base_info
    if ctx.base_state == "scratch":
        inherited = "`scratch` has none"
    elif info is None:
        return
    elif info.launcher:
        return
    elif not info.cmd:
        inherited = f"the base `{ctx.root.image}` has none"
    else:
        inherited = f"the base `{ctx.root.image}` runs `{' '.join(info.cmd)}`, which does not start the server"
    yield Hit(f"the image has no CMD that starts the single-user server ({inherited}): spawners that use the "
              "image's command start nothing useful; add `CMD [\"jupyterhub-singleuser\"]` "
              "(or declare `--spawner-cmd` if the deployment sets `c.Spawner.cmd`)", *ctx.missing_anchor)
