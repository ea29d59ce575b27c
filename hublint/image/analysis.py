"""What a rule sees: the analysed Dockerfile, the options, and shared analyses computed once."""

from __future__ import annotations

from collections import namedtuple
from functools import cached_property

from ..dockerfile.expand import is_known
from ..dockerfile.imageref import ImageRef, parse_ref
from ..dockerfile.model import Dockerfile, Stage, Step
from ..dockerfile.syntax import Instruction
from ..settings.options import Options
from .installs import Install, InstallReport, analyze_installs
from .knowledge import ImageInfo, lookup
from .versions import provided_version_set

__all__ = ["Context", "HubFacts", "JUPYTERHUB_NAMES", "SERVER_NAMES"]

JUPYTERHUB_NAMES = {"pip": {"jupyterhub"}, "conda": {"jupyterhub", "jupyterhub-base", "jupyterhub-singleuser"}}
SERVER_NAMES = {"notebook", "jupyterlab", "jupyter-server", "nbclassic"}


class HubFacts(namedtuple("HubFacts", "install versions anchor")):
    """The jupyterhub of the final image: where it comes from and which versions it admits."""

    # install: Install | None
    # versions: VersionSet | None
    # anchor: tuple[int, int, int, int]
    __slots__ = ()


class Context:
    def __init__(
        self,
        dockerfile: Dockerfile,
        options: Options,
        path: str = "Dockerfile",
        context_dir: str | None = None,
        text: str = "",
    ) -> None:
        self.text = text
        self.dockerfile = dockerfile
        self.options = options
        self.path = path
        self.context_dir = context_dir

    def span(self, ins: Instruction, start: int, end: int) -> tuple[int, int, int, int]:
        """1-based (line, column, end_line, end_column) of ``ins.original[start:end]``."""
        line, col = ins.position(start)
        end_line, end_col = ins.position(max(start, end - 1))
        return line, col, end_line, end_col + (1 if end > start else 0)

    def keyword_span(self, ins: Instruction) -> tuple[int, int, int, int]:
        return self.span(ins, *ins.keyword_span)

    def image_span(self, stage: Stage) -> tuple[int, int, int, int]:
        start, end = stage.image_span
        if end <= start:
            return self.keyword_span(stage.instruction)
        return self.span(stage.instruction, start, end)

    @property
    def missing_anchor(self) -> tuple[int, int, int, int]:
        """Where a finding about something missing points: the final stage's FROM."""
        return self.image_span(self.final)

    # ---- stages
    @cached_property
    def chain(self) -> list[Stage]:
        return self.dockerfile.chain(self.options.target)

    # a Context is made only for a file with a stage to build (engine.analyse_source): the chain is never empty
    @cached_property
    def final(self) -> Stage:
        return self.chain[-1]

    @cached_property
    def root(self) -> Stage:
        return self.chain[0]

    @cached_property
    def chain_steps(self) -> list[Step]:
        return [step for stage in self.chain for step in stage.steps]

    @cached_property
    def feeders(self) -> list[Stage]:
        return self.dockerfile.feeders(self.chain)

    # ---- the base image
    @cached_property
    def base_ref(self) -> ImageRef | None:
        root = self.root
        if root is None or not is_known(root.image) or not root.image or root.image.lower() == "scratch":
            return None
        return parse_ref(root.image)

    @cached_property
    def base_state(self) -> str:
        """ "unresolved", "scratch", "known" or "unknown"."""
        root = self.root
        if root is None or not is_known(root.image) or not root.image:
            return "unresolved"
        if root.image.lower() == "scratch":
            return "scratch"
        return "known" if self.base_info is not None else "unknown"

    @cached_property
    def base_info(self) -> ImageInfo | None:
        ref = self.base_ref
        return lookup(ref, self.options.images) if ref is not None else None

    def info_for(self, stage: Stage) -> ImageInfo | None:
        if not is_known(stage.image) or not stage.image or stage.image.lower() == "scratch":
            return None
        return lookup(parse_ref(stage.image), self.options.images)

    # ---- installs
    @cached_property
    def installs(self) -> InstallReport:
        stages = {s.index: s for s in [*self.chain, *self.feeders]}
        return analyze_installs(list(stages.values()), self.dockerfile.escape, self.context_dir)

    def installed(self, names_by_manager: dict[str, set[str]]) -> list[Install]:
        return [i for i in self.installs.installs if i.name in names_by_manager.get(i.manager, ())]

    @cached_property
    def notebook_major(self) -> int | None:
        """The notebook server's major version in the final image: 7, 6, or None when unknown.

        An unpinned notebook install counts as 7 (what pip or conda install today)."""
        installs = sorted(self.installed({"pip": {"notebook"}, "conda": {"notebook"}}), key=lambda i: i.order)
        info = self.base_info
        base = info.provides.get("notebook") if info is not None else None
        has_base = info is not None and "notebook" in info.provides
        if (
            installs
            and has_base
            and installs[-1].versions is not None
            and installs[-1].versions.unconstrained
            and not installs[-1].upgrade
        ):
            installs = []  # "already satisfied": pip and conda keep the base's notebook
        if installs:
            versions = installs[-1].versions
            if versions is None:
                return None
            return 7 if versions.max_major() >= 7 else 6
        return int(str(base).split(".")[0]) if base else None

    @cached_property
    def _final_envs(self) -> dict[str, tuple[str, Step]]:
        """ENV values the chain sets, each with the step that set it last (expanded as Docker does)."""
        from ..dockerfile.expand import expand
        from ..dockerfile.model import env_pairs

        esc = self.dockerfile.escape
        out: dict[str, tuple[str, Step]] = {}
        for step in self.chain_steps:
            if step.instruction.keyword == "ENV":
                for key, value, _ in env_pairs(step.instruction, esc):
                    out[expand(key, step.env, esc)] = (expand(value, step.env, esc), step)
        return out

    def final_env(self, name: str) -> tuple[str | None, Step | None]:
        """The value of ENV ``name`` in the final image, and the chain step that set it (None: inherited)."""
        found = self._final_envs.get(name)
        if found is not None:
            return found
        root = self.root
        if root is not None:
            return root.base_env.get(name), None
        return None, None

    def package(self, name: str) -> HubFacts | None:
        """A package of the final image (normalised name, pip or conda): the last install wins (an "already
        satisfied" unpinned install keeps the base's version), else what the base provides."""
        installs = sorted(self.installed({"pip": {name}, "conda": {name}}), key=lambda i: i.order)
        info = self.base_info
        provided = info.provides.get(name) if info is not None else None
        if installs:
            last = installs[-1]
            if provided and last.versions is not None and last.versions.unconstrained and not last.upgrade:
                return HubFacts(None, provided_version_set(provided), self.image_span(self.root))
            return HubFacts(last, last.versions, last.anchor)
        if provided:
            return HubFacts(None, provided_version_set(provided), self.image_span(self.root))
        return None

    @cached_property
    def hub(self) -> HubFacts | None:
        """jupyterhub in the final image: the last install wins, else what the base provides."""
        installs = sorted(self.installed(JUPYTERHUB_NAMES), key=lambda i: i.order)
        if installs:
            last = installs[-1]
            return HubFacts(last, last.versions, last.anchor)
        info = self.base_info
        if info is not None and "jupyterhub" in info.provides:
            return HubFacts(None, provided_version_set(info.provides["jupyterhub"]), self.image_span(self.root))
        return None
