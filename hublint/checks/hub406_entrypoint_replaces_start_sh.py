"""HUB406 entrypoint-replaces-start-sh: an ENTRYPOINT on a docker-stacks base that no longer runs start.sh."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.cmdcheck import launch_facts, read_program
from ..image.launchers import strip_wrappers


def check(ctx: Context) -> Iterator[Hit]:
    info = ctx.base_info
    if info is None or not info.docker_stacks:
        return
    facts = launch_facts(ctx)
    ent = facts.entrypoint
    if ent is None:
        return
    ins = ent.instruction
    text = " ".join(ins.value) if ins.json else ins.args
    if "start.sh" in text:
        return
    args = strip_wrappers(list(ins.value)) if ins.json else ins.args.split()
    if args:
        script = read_program(ctx, ent, args[0])
        if script is None and posixpath.basename(args[0]) not in ("tini", "bash", "sh", "dumb-init"):
            return  # a wrapper hublint cannot read: it may well run start.sh
        if script is not None and "start.sh" in script:
            return
    yield Hit("this ENTRYPOINT replaces docker-stacks' `tini -g -- start.sh`: NB_USER, NB_UID, GRANT_SUDO, "
              "CHOWN_HOME and the start-notebook.d/before-notebook.d hooks stop working; run start.sh from it, e.g. "
              "`ENTRYPOINT [\"tini\", \"-g\", \"--\", \"start.sh\"]`, or a wrapper that ends with "
              "`exec start.sh \"$@\"`", *ctx.keyword_span(ins))
