"""HUB405 entrypoint-swallows-cmd: the final ENTRYPOINT ignores the spawner's command or receives it as arguments."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..hits import Hit
from ..image.cmdcheck import launch_facts
from ..image.launchers import classify_argv, strip_wrappers


def check(ctx: Context) -> Iterator[Hit]:
    facts = launch_facts(ctx)
    ent = facts.entrypoint
    if ent is None:
        return
    ins = ent.instruction
    if not ins.json:
        if not ins.args:
            return
        yield Hit(f"`ENTRYPOINT {ins.args}` is in shell form, so Docker ignores every command given to the container: "
                  "the spawner's command (and the image's CMD) never run; write it in exec form and end a wrapper "
                  "script with `exec \"$@\"`", *ctx.keyword_span(ins))
        return
    argv = list(ins.value)
    kind = classify_argv(argv)
    if kind in ("launcher", "server"):
        prog = " ".join(strip_wrappers(argv))
        yield Hit(f"`ENTRYPOINT {ins.args}` starts `{prog}` itself, so the spawner's command (e.g. "
                  "`jupyterhub-singleuser`) arrives as its arguments and the server exits (\"No such file or "
                  "directory\"); keep the ENTRYPOINT to a wrapper such as `[\"tini\", \"--\"]` and put the server "
                  "in CMD", *ctx.keyword_span(ins))
