"""HUB406 entrypoint-replaces-start-sh: an ENTRYPOINT on a docker-stacks base that no longer runs start.sh."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..image.cmdcheck import SCRIPT, broken_exec_form, launch_facts, read_program, step_argvs
from ..image.launchers import classify_argv, strip_wrappers
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule("HUB406", "entrypoint-replaces-start-sh", "warning", "An ENTRYPOINT drops docker-stacks' start.sh")

# start.sh, and docker-stacks' launchers, which run start.sh themselves
_RUNS_START = pattern(r"(?<![\w.-])start(?:-notebook|-singleuser)?\.(?:sh|py)(?![\w.-])")


def check(inp: ImageInput) -> Iterator[Hit]:
    info = inp.image.base_info
    if info is None or not info.docker_stacks:
        return
    facts = launch_facts(inp.image)
    ent = facts.entrypoint
    if ent is None:
        return
    ins = ent.instruction
    if broken_exec_form(ins) is not None:
        return  # HUB410
    if _RUNS_START.search(" ".join(ins.value) if ins.json else ins.args):
        return
    if facts.cmd is not None and facts.cmd_after_entrypoint and "start.sh" in facts.cmd.instruction.args:
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
            if _RUNS_START.search(script):
                return  # a wrapper that runs start.sh or a launcher (which runs it)
            continue
        if args[0] == SCRIPT or classify_argv(args) == "unknown":
            return
        if _RUNS_START.fullmatch(posixpath.basename(prog)):
            return
    yield Hit(
        "this ENTRYPOINT replaces docker-stacks' `tini -g -- start.sh` (NB_USER, NB_UID, GRANT_SUDO, hooks)",
        *inp.image.keyword_span(ins),
        help='run start.sh: `ENTRYPOINT ["tini", "-g", "--", "start.sh"]`, or end a wrapper with `exec start.sh "$@"`',
    )
