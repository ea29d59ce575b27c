"""HUB410 broken-exec-form: a CMD or ENTRYPOINT written as a JSON array that is not one, so it runs as
``/bin/sh -c '[…]'`` and the container cannot start."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.cmdcheck import broken_exec_form, launch_facts
from ..lint.fixes import edit, fix
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule("HUB410", "broken-exec-form", "error", "A CMD or ENTRYPOINT that looks like exec form is not JSON")


def check(inp: ImageInput) -> Iterator[Hit]:
    facts = launch_facts(inp.image)
    for step in (facts.entrypoint, facts.cmd):
        if step is None:
            continue
        ins = step.instruction
        broken = broken_exec_form(ins)
        if broken is None:
            continue
        fixed = None
        help = "write a JSON array with double quotes and nothing after it"
        if broken.fixed is not None:
            fixed = fix(
                f"write `{ins.keyword} {broken.fixed}`",
                "safe",
                edit(inp.image, ins, ins.args_offset, ins.args_offset + broken.end, broken.fixed),
            )
            help = f"write `{ins.keyword} {broken.fixed}`"
        if step is facts.cmd and inp.spawner_cmd:  # the spawner's command replaces the CMD (an ENTRYPOINT still runs)
            short = broken.what.split(" (", 1)[0]  # "single quotes", "text after the JSON array", "invalid JSON"
            yield Hit(
                f"this CMD is not a JSON array ({short}): it fails run alone; the spawner's command replaces it",
                *inp.image.keyword_span(ins),
                fix=fixed,
                help=help,
                confidence="weak",
            )
            continue
        yield Hit(
            f"this {ins.keyword} is not a JSON array ({broken.what}): it runs through `/bin/sh -c` and fails",
            *inp.image.keyword_span(ins),
            fix=fixed,
            help=help,
        )
