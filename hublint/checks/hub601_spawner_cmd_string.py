"""HUB601 spawner-cmd-string: ``c.Spawner.cmd`` (or a subclass's) is one string with spaces."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ConfigInput
from ..lint.rule import CONFIG, Rule

RULE = Rule("HUB601", "spawner-cmd-string", "error", "The spawner command is one string with spaces", takes=(CONFIG,))


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for (cls, trait), (value, _) in sorted(cfg.traits.items()):
        if trait != "cmd" or not cls.endswith("Spawner"):
            continue
        if isinstance(value.value, str) and " " in value.value.strip():
            where = "singleuser.cmd" if cfg.kind == "z2jh" and cls == "Spawner" else f"c.{cls}.cmd"
            suggestion = ", ".join(f'"{w}"' for w in value.value.split())
            shown = value.value if len(value.value) <= 40 else value.value[:39] + "…"
            yield Hit(
                f"`{where}` is one string with spaces: the spawner runs a program named `{shown}`",
                *value.span,
                help=f"write a list: `[{suggestion}]`",
            )
