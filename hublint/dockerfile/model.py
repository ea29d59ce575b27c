"""The Dockerfile as Docker builds it: stages, chains, feeders and resolved ARG/ENV values.

Scoping follows BuildKit (``dockerfile2llb``): ARGs before the first FROM are global and
usable in FROM; a stage sees an ARG only once it declares it (an ``ARG V`` without a
default takes the global value); ``--build-arg`` overrides declared ARGs; ENV beats ARG;
ENV is inherited through ``FROM <stage>``; the automatic platform ARGs exist in the global
scope.  Values hublint cannot know are :data:`hublint.expand.UNKNOWN`.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable, Mapping
from types import MappingProxyType

from .expand import UNKNOWN, expand, is_known
from .syntax import _RE_WS, Instruction, SyntaxTree, parse_words

__all__ = ["Dockerfile", "Stage", "Step", "PLATFORM_ARGS", "analyze"]

# hublint resolves the automatic platform ARGs for a linux/amd64 build on a linux/amd64 host.
PLATFORM_ARGS: Mapping[str, str] = MappingProxyType(
    {
        "TARGETPLATFORM": "linux/amd64",
        "TARGETOS": "linux",
        "TARGETARCH": "amd64",
        "TARGETVARIANT": "",
        "BUILDPLATFORM": "linux/amd64",
        "BUILDOS": "linux",
        "BUILDARCH": "amd64",
        "BUILDVARIANT": "",
    }
)

_EMPTY: Mapping[str, str | None] = MappingProxyType({})


class Step(namedtuple("Step", "instruction env stage")):
    """An instruction of a stage, with the variables visible to it (ARG and ENV)."""

    # instruction: Instruction
    # env: Mapping[str, str | None]
    # stage: int
    __slots__ = ()


class Stage:
    __slots__ = (
        "index",
        "instruction",
        "image",
        "image_raw",
        "image_span",
        "name",
        "parent",
        "steps",
        "env",
        "base_env",
    )

    def __init__(
        self,
        index: int,
        instruction: Instruction,
        image: str,
        image_raw: str,
        image_span: tuple[int, int],
        name: str | None,
        parent: Stage | None = None,
        steps: list[Step] | None = None,
        env: dict[str, str | None] | None = None,
        base_env: Mapping[str, str | None] | None = None,
    ) -> None:
        self.index = index
        self.instruction = instruction
        self.image = image
        self.image_raw = image_raw
        self.image_span = image_span
        self.name = name
        self.parent = parent
        self.steps = list() if steps is None else steps
        self.env = dict() if env is None else env
        self.base_env = dict() if base_env is None else base_env


class Dockerfile:
    """A parsed Dockerfile (``hublint.parse``): instructions, comments, stages."""

    def __init__(
        self, tree: SyntaxTree, stages: list[Stage], global_args: dict[str, str | None], preamble: list[Step]
    ) -> None:
        self.tree = tree
        self.instructions: list[Instruction] = list(tree.instructions)
        self.comments = tree.comments
        self.escape = tree.escape
        self.stages = stages
        self.global_args = global_args
        self.preamble = preamble

    def __repr__(self) -> str:
        return f"<Dockerfile {len(self.instructions)} instructions, {len(self.stages)} stages>"

    def stage_named(self, name: str) -> Stage | None:
        name = name.lower()
        for stage in self.stages:
            if stage.name == name:
                return stage
        return None

    def final(self, target: str | None = None) -> Stage | None:
        if not self.stages:
            return None
        if target:
            return self.stage_named(target)
        return self.stages[-1]

    def chain(self, target: str | None = None) -> list[Stage]:
        """The final stage and every stage it is built FROM, root first."""
        stage = self.final(target)
        out: list[Stage] = []
        seen: set[int] = set()
        while stage is not None and stage.index not in seen:
            seen.add(stage.index)
            out.append(stage)
            stage = stage.parent
        out.reverse()
        return out

    def feeders(self, chain: list[Stage]) -> list[Stage]:
        """Stages whose files ``COPY --from`` brings into ``chain`` (transitively), with their chains."""
        in_chain = {s.index for s in chain}
        found: dict[int, Stage] = {}
        todo = list(chain)
        while todo:
            stage = todo.pop()
            for step in stage.steps:
                src = self.copy_from(step)
                if src is None or src.index in in_chain or src.index in found:
                    continue
                sub: Stage | None = src
                while sub is not None and sub.index not in in_chain and sub.index not in found:
                    found[sub.index] = sub
                    todo.append(sub)
                    sub = sub.parent
        return sorted(found.values(), key=lambda s: s.index)

    def copy_from(self, step: Step) -> Stage | None:
        """The earlier stage a ``COPY --from=`` names, if it names one."""
        ins = step.instruction
        if ins.keyword not in ("COPY", "ADD"):
            return None
        ref = ins.flag("from")
        if not ref:
            return None
        ref = expand(ref, step.env)
        if not is_known(ref):
            return None
        if ref.isdigit():
            idx = int(ref)
            return self.stages[idx] if idx < step.stage else None
        stage = self.stage_named(ref)
        return stage if stage is not None and stage.index < step.stage else None


def _arg_pairs(ins: Instruction, esc: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for word, _, _ in parse_words(ins.args, esc):
        name, eq, default = word.partition("=")
        out.append((name, default if eq else None))
    return out


def env_pairs(ins: Instruction, esc: str) -> list[tuple[str, str, int]]:
    """``ENV``/``LABEL`` as (raw key, raw value, offset of the pair in ``ins.original``)."""
    words = parse_words(ins.args, esc)
    if not words:
        return []
    if "=" not in words[0][0]:
        parts = _RE_WS.split(ins.args, maxsplit=1)
        if len(parts) < 2:
            return []
        return [(parts[0], parts[1], ins.args_offset)]
    out = []
    for word, start, _ in words:
        key, _, value = word.partition("=")
        out.append((key, value, ins.args_offset + start))
    return out


_AS = re.compile(r"as\Z", re.IGNORECASE)


def analyze(
    tree: SyntaxTree,
    build_args: Mapping[str, str] | None = None,
    base_env: Callable[[str], Mapping[str, str | None] | None] | None = None,
) -> Dockerfile:
    """Resolve stages and variables of a syntax tree."""
    build_args = dict(build_args or {})
    esc = tree.escape
    global_env: dict[str, str | None] = dict(PLATFORM_ARGS)
    global_args: dict[str, str | None] = {}
    stages: list[Stage] = []
    preamble: list[Step] = []
    current: Stage | None = None
    args: dict[str, str | None] = {}
    envs: dict[str, str | None] = {}
    visible: Mapping[str, str | None] = _EMPTY

    for ins in tree.instructions:
        if ins.keyword == "FROM":
            if current is not None:
                current.env = dict(envs)
            current = _new_stage(ins, len(stages), stages, global_env, esc)
            stages.append(current)
            args = {}
            if current.parent is not None:
                envs = dict(current.parent.env)
            else:
                known = base_env(current.image) if base_env and is_known(current.image) else None
                current.base_env = MappingProxyType(dict(known or {}))
                envs = dict(known or {})
            visible = MappingProxyType({**args, **envs})
            continue
        if current is None:
            preamble.append(Step(ins, MappingProxyType(dict(global_env)), -1))
            if ins.keyword == "ARG":
                for name, default in _arg_pairs(ins, esc):
                    if name in build_args:
                        value: str | None = build_args[name]
                    elif default is not None:
                        value = expand(default, global_env, esc)
                    else:
                        value = None
                    global_args[name] = value
                    global_env[name] = value
            continue
        current.steps.append(Step(ins, visible, current.index))
        if ins.keyword == "ARG":
            for name, default in _arg_pairs(ins, esc):
                if name in build_args:
                    value = build_args[name]
                elif default is not None:
                    value = expand(default, visible, esc)
                elif global_args.get(name) is not None:
                    value = global_args[name]
                elif name in PLATFORM_ARGS:
                    value = PLATFORM_ARGS[name]
                else:
                    value = None
                args[name] = value
            visible = MappingProxyType({**args, **envs})
        elif ins.keyword == "ENV":
            new = {}
            for key, value, _ in env_pairs(ins, esc):
                new[expand(key, visible, esc)] = expand(value, visible, esc)
            envs.update(new)
            visible = MappingProxyType({**args, **envs})
    if current is not None:
        current.env = dict(envs)
    return Dockerfile(tree, stages, global_args, preamble)


def _new_stage(
    ins: Instruction, index: int, earlier: list[Stage], global_env: Mapping[str, str | None], esc: str
) -> Stage:
    words = parse_words(ins.args, esc)
    if not words:
        raw, span = "", (ins.args_offset, ins.args_offset)
    else:
        raw, start, end = words[0]
        span = (ins.args_offset + start, ins.args_offset + end)
    name = None
    if len(words) >= 3 and _AS.match(words[1][0]):
        name = words[2][0].lower()
    image = expand(raw, global_env, esc, unset=True) if raw else UNKNOWN
    parent = None
    if is_known(image):
        lowered = image.lower()
        for stage in reversed(earlier):
            if stage.name == lowered:
                parent = stage
                break
    return Stage(index, ins, image, raw, span, name, parent)
