"""HUB409 spawner-cmd-not-in-image: the deployment's spawner command names a program the image does not have.

Judged for docker-stacks' start scripts, which only docker-stacks images have: `start-singleuser.sh`,
`start-notebook.sh` (all of them), `start-singleuser.py`, `start-notebook.py` (built since 2023-10-17, bceaead5)
and `start.sh`. A program a COPY/ADD of the Dockerfile puts in the image counts as there, and so does one a RUN
names (it may write it: ``cat > /usr/local/bin/start-notebook.sh <<EOF``); an image whose base hublint does not
know is not judged."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..image.cmdcheck import copied_by
from ..image.knowledge import built_after
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule(
    "HUB409", "spawner-cmd-not-in-image", "error", "The deployment's spawner command is not in the image", finished=True
)

_STACKS_SCRIPTS = {"start-singleuser.sh", "start-notebook.sh", "start-singleuser.py", "start-notebook.py", "start.sh"}


def check(inp: ImageInput) -> Iterator[Hit]:
    facts = inp.facts
    if facts is None or not facts.spawner_cmd:
        return
    program = facts.spawner_cmd[0]
    if not isinstance(program, str) or "\uffff" in program:
        return
    name = posixpath.basename(program)
    if name not in _STACKS_SCRIPTS:
        return
    info = inp.image.base_info
    if info is None or copied_by(inp.image, name) is not None or _named_by_run(inp, name):
        return
    where = f" ({facts.cmd_where})" if facts.cmd_where else ""
    if not info.docker_stacks:
        yield Hit(
            f"the deployment starts `{name}`{where}, which only docker-stacks images have",
            *inp.image.missing_anchor,
            help="use `jupyterhub-singleuser` as the spawner's cmd, or build on a docker-stacks image",
        )
    elif name.endswith(".py") and built_after(info, "2023-10-17") is False:
        yield Hit(
            f"the deployment starts `{name}`{where}: this base predates docker-stacks' `.py` start scripts",
            *inp.image.missing_anchor,
            help=f"use `{name[:-3]}.sh` with this base, or a base built since 2023-10-17",
        )


def _named_by_run(inp: ImageInput, name: str) -> bool:
    """Does a RUN of the chain name the program (``cat > /usr/local/bin/start-notebook.sh <<EOF``, ``curl -o``,
    ``chmod +x``…)?  It may make it: hublint does not judge what a RUN writes."""
    import re

    word = re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])")
    removed = re.compile(rf"\brm\s[^;&|]*(?<![\w.-]){re.escape(name)}(?![\w.-])")
    runs = [s.instruction.original for s in inp.image.chain_steps if s.instruction.keyword == "RUN"]
    return any(word.search(text) and not removed.search(text) for text in runs)
