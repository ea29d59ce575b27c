"""HUB403 shell-form-cmd: the final image's CMD or ENTRYPOINT is in shell form."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..image.cmdcheck import broken_exec_form, launch_facts
from ..lint.fixes import edit, fix
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule("HUB403", "shell-form-cmd", "warning", "CMD or ENTRYPOINT in shell form")

# anything that makes the shell do more than split words on blanks
_SHELL_SYNTAX = "$&|;<>'\"`*?()[]{}~#\\\n\t"


def check(inp: ImageInput) -> Iterator[Hit]:
    facts = launch_facts(inp.image)
    for step in (facts.entrypoint, facts.cmd):
        if step is None or step.instruction.json or not step.instruction.args:
            continue
        if step is facts.cmd and inp.spawner_cmd:
            continue  # the spawner's command replaces the CMD (an ENTRYPOINT still runs)
        if broken_exec_form(step.instruction) is not None:
            continue  # HUB410: meant as exec form, broken
        ins = step.instruction
        plain = all(c not in ins.args for c in _SHELL_SYNTAX) and not ins.args.startswith("[")
        suggestion = json.dumps(ins.args.split()) if plain else None
        advice = (
            f"write it in exec form: `{ins.keyword} {suggestion}`"
            if suggestion
            else f'write it in exec form (`{ins.keyword} ["program", "arg"]`), with a script if it needs a shell'
        )
        shown = ins.args if len(ins.args) <= 50 else ins.args[:49] + "…"
        fixed = None
        if suggestion:
            fixed = fix(
                f"write `{ins.keyword} {suggestion}`",
                "safe",
                edit(inp.image, ins, ins.args_offset, ins.args_offset + len(ins.args), suggestion),
            )
        yield Hit(
            f"`{ins.keyword} {shown}` is in shell form: the server never gets the Hub's SIGTERM",
            *inp.image.keyword_span(ins),
            fix=fixed,
            help=advice,
        )
