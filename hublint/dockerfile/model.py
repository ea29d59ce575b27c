"""The Dockerfile as Docker builds it: stages, chains, feeders and resolved ARG/ENV values.

Scoping follows BuildKit (``dockerfile2llb``): ARGs before the first FROM are global and
usable in FROM; a stage sees an ARG only once it declares it (an ``ARG V`` without a
default takes the global value); ``--build-arg`` overrides declared ARGs; ENV beats ARG;
ENV is inherited through ``FROM <stage>``; the automatic platform ARGs exist in the global
scope.  Values hublint cannot know are :data:`hublint.expand.UNKNOWN`.

Each step's variables are an :class:`~hublint.dockerfile.variables.Env`: shared with the step before, never
copied, so memory stays linear in the Dockerfile.  All of a Dockerfile's Envs share one expansion budget
(:data:`EXPANSION_BUDGET` characters of results longer than :data:`hublint.expand.SHORT`).
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable, Mapping
from types import MappingProxyType

from .expand import UNKNOWN, expand, is_known
from .syntax import _RE_WS, Instruction, SyntaxTree, go_lower, parse_words
from .variables import Budget, Scope

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
EXPANSION_BUDGET = 8_000_000


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
        "scope",
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
        env: Mapping[str, str | None] | None = None,
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
        self.scope = Scope(self.env)  # its ENVs as they are bound (set by analyze)


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
        self._first_named: dict[str, Stage] | None = None

    def __repr__(self) -> str:
        return f"<Dockerfile {len(self.instructions)} instructions, {len(self.stages)} stages>"

    def by_default(self, word: str) -> str:
        """``word`` (a ``FROM``'s image as written) expanded with the file's own global ``ARG`` defaults, as a
        build passing no ``--build-arg`` sees it (UNKNOWN where a variable has no default)."""
        env: dict[str, str | None] = dict(PLATFORM_ARGS)
        for step in self.preamble:
            if step.instruction.keyword == "ARG":
                for name, default in _arg_pairs(step.instruction, self.escape):
                    env[name] = None if default is None else expand(default, env, self.escape)
        return expand(word, env, self.escape, unset=True)

    def stage_named(self, name: str) -> Stage | None:
        """The first stage ``AS name`` (any case)."""
        if self._first_named is None:
            self._first_named = {}
            for stage in self.stages:
                if stage.name is not None:
                    self._first_named.setdefault(stage.name, stage)
        return self._first_named.get(go_lower(name))

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


def _words(ins: Instruction, esc: str, latin1: bool) -> list[tuple[str, int, int]]:
    """``parse_words(ins.args)``: as the parser split them when it did (ENV, LABEL, ARG)."""
    known = ins.words
    if known is not None and known[0] == esc and known[1] == latin1:
        return known[2]
    return parse_words(ins.args, esc, latin1)


def _arg_pairs(ins: Instruction, esc: str, latin1: bool = False) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for word, _, _ in _words(ins, esc, latin1):
        name, eq, default = word.partition("=")
        out.append((name, default if eq else None))
    return out


def env_pairs(ins: Instruction, esc: str, latin1: bool = False) -> list[tuple[str, str, int]]:
    """``ENV``/``LABEL`` as (raw key, raw value, offset of the pair in ``ins.original``)."""
    words = _words(ins, esc, latin1)
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
    import gc

    # The analysis makes many small objects and no reference cycles: the cycle collector, run every 700
    # allocations over a growing heap, took two thirds of its time on a 30,000-stage file.  It is paused
    # meanwhile (and left as it was: off if the caller had it off).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _analyze(tree, build_args, base_env)
    finally:
        if collecting:
            gc.enable()


def _analyze(
    tree: SyntaxTree,
    build_args: Mapping[str, str] | None,
    base_env: Callable[[str], Mapping[str, str | None] | None] | None,
) -> Dockerfile:
    build_args = dict(build_args or {})
    esc = tree.escape
    latin1 = tree.latin1
    budget = Budget(EXPANSION_BUDGET)
    global_scope = Scope(PLATFORM_ARGS, budget)
    global_env = global_scope.view()
    global_args: dict[str, str | None] = {}
    stages: list[Stage] = []
    preamble: list[Step] = []
    current: Stage | None = None
    env_scope = vis_scope = Scope(_EMPTY, budget)  # the stage's ENVs; what its steps see (ARGs and ENVs)
    visible = vis_scope.view()
    by_name: dict[str, Stage] = {}

    for ins in tree.instructions:
        if ins.keyword == "FROM":
            if current is not None:
                current.env = env_scope.view()
            current = _new_stage(ins, len(stages), stages, global_env, esc, latin1, by_name)
            stages.append(current)
            if current.name is not None:
                by_name[current.name] = current
            if current.parent is not None:
                base: Mapping[str, str | None] = current.parent.scope.start()
            else:
                known = base_env(current.image) if base_env and is_known(current.image) else None
                current.base_env = MappingProxyType(dict(known or {}))
                base = current.base_env
            env_scope, vis_scope = Scope(base, budget), Scope(base, budget)
            current.scope = env_scope
            visible = vis_scope.view()
            continue
        if current is None:
            preamble.append(Step(ins, global_env, -1))
            if ins.keyword == "ARG":
                for name, default in _arg_pairs(ins, esc, latin1):
                    if name in build_args:
                        value: str | None = build_args[name]
                    elif default is not None:
                        value = expand(default, global_env, esc)
                    else:
                        value = None
                    global_args[name] = value
                    global_env = global_scope.bind([(name, value)])
            continue
        current.steps.append(Step(ins, visible, current.index))
        if ins.keyword == "ARG":
            new: list[tuple[str, str | None]] = []
            for name, default in _arg_pairs(ins, esc, latin1):
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
                new.append((name, value))
            # what a step sees: the stage's ARGs and ENVs, an ENV hiding an ARG of its name
            envs = env_scope.view()
            visible = vis_scope.bind([(k, v) for k, v in new if k not in envs])
        elif ins.keyword == "ENV":
            pairs = [(expand(k, visible, esc), expand(v, visible, esc)) for k, v, _ in env_pairs(ins, esc, latin1)]
            env_scope.bind(pairs)
            visible = vis_scope.bind(pairs)
    if current is not None:
        current.env = env_scope.view()
    return Dockerfile(tree, stages, global_args, preamble)


def _new_stage(
    ins: Instruction,
    index: int,
    earlier: list[Stage],
    global_env: Mapping[str, str | None],
    esc: str,
    latin1: bool = False,
    by_name: Mapping[str, Stage] | None = None,
) -> Stage:
    words = parse_words(ins.args, esc, latin1)
    if not words:
        raw, span = "", (ins.args_offset, ins.args_offset)
    else:
        raw, start, end = words[0]
        span = (ins.args_offset + start, ins.args_offset + end)
    name = None
    if len(words) >= 3 and _AS.match(words[1][0]):
        name = go_lower(words[2][0])
    image = expand(raw, global_env, esc, unset=True) if raw else UNKNOWN
    parent = None
    if is_known(image):
        lowered = go_lower(image)
        if by_name is not None:
            parent = by_name.get(lowered)
        else:
            parent = next((stage for stage in reversed(earlier) if stage.name == lowered), None)
    return Stage(index, ins, image, raw, span, name, parent)
