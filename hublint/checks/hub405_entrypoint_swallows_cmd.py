"""HUB405 entrypoint-swallows-cmd: the final ENTRYPOINT ignores the spawner's command or receives it as arguments."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..image.cmdcheck import (
    broken_exec_form,
    entrypoint_hands_over,
    entrypoint_script_server,
    launch_facts,
    step_starts_server,
)
from ..image.launchers import classify_argv, strip_wrappers
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import clip

RULE = Rule("HUB405", "entrypoint-swallows-cmd", "error", "The ENTRYPOINT ignores or swallows the spawner's command")


def check(inp: ImageInput) -> Iterator[Hit]:
    facts = launch_facts(inp.image)
    ent = facts.entrypoint
    if ent is None:
        return
    ins = ent.instruction
    if not ins.json:
        if not ins.args or broken_exec_form(ins) is not None:
            return
        itself = step_starts_server(inp.image, ent)  # the server still starts: only the spawner's options are lost
        yield Hit(
            "a shell-form ENTRYPOINT ignores every command: the spawner's command and the CMD never run"
            + (" (it starts the server itself)" if itself else ""),
            *inp.image.keyword_span(ins),
            help='write it in exec form; end a wrapper script with `exec "$@"`',
            confidence="weak" if itself else None,
        )
        return
    argv = list(ins.value)
    kind = classify_argv(argv)
    script = entrypoint_script_server(inp.image, ent) if kind == "unknown" else None
    if script is not None:
        name, server = script
        prog = clip(" ".join([posixpath.basename(server[0]), *server[1:2]]), 24)
        yield Hit(
            f"ENTRYPOINT script `{clip(name, 24)}` starts `{prog}` itself: the spawner's command is lost",
            *inp.image.keyword_span(ins),
            help='end the script with `exec "$@"` and put the server in CMD (`CMD ["jupyterhub-singleuser"]`)',
            # a launcher still starts the Hub's server: only the spawner's command and options are lost
            confidence="weak" if classify_argv(server) == "launcher" else None,
        )
        return
    if kind in ("launcher", "server") and not entrypoint_hands_over(inp.image, ent):
        prog = " ".join(strip_wrappers(argv))
        prog = prog if len(prog) <= 40 else prog[:39] + "…"
        yield Hit(
            f"the ENTRYPOINT starts `{prog}` itself: the spawner's command arrives as its arguments",
            *inp.image.keyword_span(ins),
            help='keep the ENTRYPOINT to a wrapper such as `["tini", "--"]` and put the server in CMD',
        )
