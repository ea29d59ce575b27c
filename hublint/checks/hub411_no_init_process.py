"""HUB411 no-init-process: nothing in the final ENTRYPOINT/command reaps orphaned processes.

The server runs as PID 1 when neither the image's ENTRYPOINT (its own, or its base's: hublint's image knowledge
says which bases run tini and which run none) nor the command after it starts an init (tini, dumb-init,
catatonit, s6-overlay's ``/init``), and the deployment adds none (DockerSpawner ``extra_host_config={"init":
True}``, a pod's ``shareProcessNamespace``).  An unknown base, an ENTRYPOINT script hublint cannot read, or a
shell-form command (HUB403) is not judged."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..image.launchers import classify_argv, strip_wrappers
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import clip
from ._spawned import scope_only
from ._startup import START_SCRIPTS, command, entrypoint

RULE = Rule("HUB411", "no-init-process", "info", "No init process reaps the server's orphaned processes")

_INITS = frozenset({"tini", "tini-static", "dumb-init", "catatonit", "init", "docker-init", "s6-svscan", "s6-init"})


def _has_init(argv: list[str]) -> bool:
    return any(posixpath.basename(w) in _INITS for w in argv if not w.startswith("-"))


def _entrypoint_without_init(inp: ImageInput) -> tuple[bool, list[str]] | None:
    """(True, what of the ENTRYPOINT stays in the process: its argv, nothing for a script that hands over with
    ``exec "$@"``) when it surely starts no init; None when it does or hublint cannot tell."""
    ent, step = entrypoint(inp)
    if ent is None:
        return None  # an unknown base, or a shell form (HUB403)
    if step is None:
        info = inp.image.base_info
        return (True, ent) if info is not None and info.init is False else None
    if _has_init(ent):
        return None
    programs = strip_wrappers(ent)
    if programs and classify_argv(programs) == "unknown":
        from ..image.cmdcheck import entrypoint_hands_over, read_program

        text = read_program(inp.image, step, programs[0])
        if (
            text is None
            or any(name in text for name in _INITS - {"init"})
            or not entrypoint_hands_over(inp.image, step)
        ):
            return None  # a script that may start one
        return True, []
    return True, ent


def check(inp: ImageInput) -> Iterator[Hit]:
    found = _entrypoint_without_init(inp)
    if found is None:
        return
    argv = command(inp)
    if argv is None or _has_init(argv):
        return
    runs = strip_wrappers(found[1] + argv)
    if not runs or classify_argv(runs) not in ("launcher", "server"):
        return  # no server (HUB401/HUB402), or a script that may start an init
    info = inp.image.base_info
    if posixpath.basename(runs[0]) in START_SCRIPTS and (info is None or not info.docker_stacks):
        return  # docker-stacks' scripts on another image: HUB409
    server = inp.facts.server if inp.facts is not None else None
    if server is not None and server.init is not None and server.init.value is not False:
        return  # the deployment adds an init (or may)
    known = server is not None and server.init is not None  # a container spawner hublint knows
    launch = inp.image.launch
    spawner = inp.spawner_cmd or (inp.facts is not None and inp.facts.spawner_cmd is not None)
    step = launch.entrypoint or (launch.cmd if not spawner else None)
    anchor = inp.image.keyword_span(step.instruction) if step is not None else inp.image.missing_anchor
    docker = server is not None and server.platform == "docker"
    # without a deployment in view, whether the runtime adds an init is not known: an info on a weak premise is
    # not reported (docs/deployments.md, "Severity follows certainty")
    yield Hit(
        f"no init process: `{clip(runs[0], 30)}` runs as PID 1 and never reaps orphaned processes (zombies pile up)",
        *anchor,
        help='start the server under tini: `ENTRYPOINT ["tini", "--"]` (install tini)'
        + (', or DockerSpawner `extra_host_config = {"init": True}`' if docker else ""),
        confidence=scope_only(inp) if known else "weak",
    )
