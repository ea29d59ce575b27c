"""HUB403 shell-form-cmd: the final image's CMD or ENTRYPOINT is in shell form."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..cmdcheck import launch_facts
from ..context import Context
from ..hits import Hit


def check(ctx: Context) -> Iterator[Hit]:
    facts = launch_facts(ctx)
    for step in (facts.entrypoint, facts.cmd):
        if step is None or step.instruction.json or not step.instruction.args:
            continue
        ins = step.instruction
        suggestion = json.dumps(ins.args.split()) if all(c not in ins.args for c in "$&|;<>'\"`*?()\\") else None
        fix = f"write it in exec form: `{ins.keyword} {suggestion}`" if suggestion else \
            f"write it in exec form (`{ins.keyword} [\"program\", \"arg\"]`), with a script if it needs a shell"
        yield Hit(f"`{ins.keyword} {ins.args}` is in shell form, so PID 1 is `/bin/sh -c`: the server never gets "
                  f"SIGTERM when the Hub stops it, and is killed after the timeout; {fix}", *ctx.keyword_span(ins))
