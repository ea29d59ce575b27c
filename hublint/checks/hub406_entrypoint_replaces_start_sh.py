"""HUB406 entrypoint-replaces-start-sh: an ENTRYPOINT on a docker-stacks base that no longer runs start.sh."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..image.cmdcheck import SCRIPT, broken_exec_form, launch_facts, read_program, step_argvs
from ..image.knowledge import START_SH_ENTRYPOINT, built_after
from ..image.launchers import classify_argv, strip_wrappers
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule("HUB406", "entrypoint-replaces-start-sh", "warning", "An ENTRYPOINT drops docker-stacks' start.sh")

_START = pattern(r"(?<![\w.-])start\.sh(?![\w.-])")


def check(inp: ImageInput) -> Iterator[Hit]:
    info = inp.image.base_info
    if info is None or not info.docker_stacks:
        return
    # was start.sh the base's ENTRYPOINT? not on a base built before that day (its ENTRYPOINT was `tini -g --` and
    # its launchers ran start.sh: replacing the ENTRYPOINT drops no start.sh), yes after; when the tag does not
    # tell, the finding rests on a guess: weak
    after = built_after(info, START_SH_ENTRYPOINT)
    if after is False:
        return
    confidence = "weak" if after is None else None

    facts = launch_facts(inp.image)
    ent = facts.entrypoint
    if ent is None:
        return
    ins = ent.instruction
    if broken_exec_form(ins) is not None:
        return  # HUB410
    if _START.search(" ".join(ins.value) if ins.json else ins.args):
        return
    if facts.cmd is not None and facts.cmd_after_entrypoint and _START.search(facts.cmd.instruction.args):
        return  # the CMD runs start.sh itself
    # every command the ENTRYPOINT runs (exec form, or each command of a shell form / `sh -c` body) must be one
    # hublint can judge; a wrapper script it cannot read may well run start.sh
    for argv in step_argvs(ent):
        args = strip_wrappers(argv)
        if not args:
            continue
        prog = args[1] if args[0] == SCRIPT and len(args) > 1 else args[0]
        if prog in ("$@", "${@}", "$*", "${*}"):
            continue  # runs the CMD, judged above
        script = read_program(inp.image, ent, prog)
        if script is not None:
            if _START.search(script):
                return  # a wrapper that runs start.sh (or a launcher that runs it)
            continue
        if args[0] == SCRIPT or classify_argv(args) == "unknown":
            return
        if _START.search(posixpath.basename(prog)):
            return
    yield Hit(
        "this ENTRYPOINT replaces docker-stacks' `tini -g -- start.sh` (NB_USER, NB_UID, GRANT_SUDO, hooks)",
        *inp.image.keyword_span(ins),
        help='run start.sh: `ENTRYPOINT ["tini", "-g", "--", "start.sh"]`, or end a wrapper with `exec start.sh "$@"`'
        + (
            f" — the base's tag does not tell whether start.sh is its ENTRYPOINT (since {START_SH_ENTRYPOINT})"
            if confidence
            else ""
        ),
        confidence=confidence,
    )
