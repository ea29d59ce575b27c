"""One build target of a Dockerfile, analysed: the stages it builds, its base image, its installs, its CMD.

An :class:`ImageAnalysis` is made once per build target (by the workspace, which also uses it to decide roles)
and handed to the image rules inside their input (:class:`hublint.lint.inputs.ImageInput`).  Its inputs are
set when it is made and never replaced; what is derived from them (the chain, the installs, the CMD…) is
computed on first use and kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from ..dockerfile.expand import is_known
from ..dockerfile.imageref import ImageRef, parse_ref
from ..dockerfile.model import Dockerfile, Stage, Step
from ..dockerfile.syntax import Instruction
from ..records import NamedTuple
from .contextfiles import Reader, read_context_file
from .install_analysis import analyze_installs
from .installs import Install, InstallReport
from .knowledge import ImageInfo, lookup
from .spec import ImageSpec
from .versions import VersionSet, provided_version_set

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .cmdcheck import Launch

__all__ = ["ImageAnalysis", "PackageFacts", "JUPYTERHUB_NAMES", "SERVER_NAMES", "SERVER_METAPACKAGES"]

JUPYTERHUB_NAMES = {"pip": {"jupyterhub"}, "conda": {"jupyterhub", "jupyterhub-base", "jupyterhub-singleuser"}}
SERVER_NAMES = {"notebook", "jupyterlab", "jupyter-server", "nbclassic"}
# metapackages that install a server: `jupyter` (PyPI and conda-forge) requires notebook (and, since 1.1,
# jupyterlab) — PyPI `jupyter` metadata, conda-forge jupyter-feedstock `recipe/meta.yaml`
SERVER_METAPACKAGES = {"jupyter"}


class PackageFacts(NamedTuple):
    """A package of the final image: the install it comes from (None: the base provides it), the versions it
    admits, and where a finding about it points."""

    install: Install | None
    versions: VersionSet | None
    anchor: tuple[int, int, int, int]


class ImageAnalysis:
    """``dockerfile`` built at ``target`` (None: its last stage) with ``context_dir`` as build context;
    ``images``: the user's declarations of their base images; ``path``: the file it was read from; ``read``: how
    files of the build context are read (default: from disk)."""

    def __init__(
        self,
        dockerfile: Dockerfile,
        target: str | None = None,
        context_dir: str | None = None,
        images: Mapping[str, ImageSpec] | None = None,
        path: str = "Dockerfile",
        read: Reader | None = None,
    ) -> None:
        self.dockerfile = dockerfile
        self.target = target
        self.context_dir = context_dir
        self.images: Mapping[str, ImageSpec] = images if images is not None else {}
        self.path = path
        self.read_file: Reader = read or read_context_file  # how build-context files are read

    def may_list(self, folder: str) -> bool:
        """May the build-context folder be listed: inside the run's repositories, as its reader's files are (a
        reader without that check: a Dockerfile analysed on its own, whose context the caller named)?"""
        refused = getattr(getattr(self.read_file, "__self__", None), "refused", None)
        return refused is None or refused(folder) is None

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
        return self.dockerfile.chain(self.target)

    # an analysis is made only for a target with a stage to build: the chain is never empty
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
        from ..dockerfile.imageref import valid_reference

        ref = self.base_ref
        if ref is None or not valid_reference(ref.raw):
            return None  # no image: `docker build` fails on the FROM (HUB106), so nothing is known of it
        return lookup(ref, self.images)

    # ---- installs
    @cached_property
    def installs(self) -> InstallReport:
        stages = {s.index: s for s in [*self.chain, *self.feeders]}
        return analyze_installs(list(stages.values()), self.dockerfile.escape, self.context_dir, self.read_file)

    @cached_property
    def _installs_by_name(self) -> dict[tuple[str, str], list[Install]]:
        """(manager, name) -> its installs: the rules ask for a few names, many times."""
        found: dict[tuple[str, str], list[Install]] = {}
        for i in self.installs.installs:
            found.setdefault((i.manager, i.name), []).append(i)
        return found

    def installed(self, names_by_manager: Mapping[str, set[str]]) -> list[Install]:
        """The installs of these names, in the report's order."""
        index = self._installs_by_name
        keys = [(m, n) for m, names in names_by_manager.items() for n in names if (m, n) in index]
        if len(keys) == 1:
            return list(index[keys[0]])
        if not keys:
            return []
        wanted = set(keys)  # installs of several names: in the report's order
        return [i for i in self.installs.installs if (i.manager, i.name) in wanted]

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

    @cached_property
    def final_shell(self) -> list[str] | None:
        """The chain's last exec-form ``SHELL`` (what shell-form ``RUN`` and ``CMD`` run in), None when none."""
        for step in reversed(self.chain_steps):
            ins = step.instruction
            if ins.keyword == "SHELL" and ins.json:
                return list(ins.value)
        return None

    def final_env(self, name: str) -> tuple[str | None, Step | None]:
        """The value of ENV ``name`` in the final image, and the chain step that set it (None: inherited)."""
        found = self._final_envs.get(name)
        if found is not None:
            return found
        root = self.root
        if root is not None:
            return root.base_env.get(name), None
        return None, None

    def package(self, name: str) -> PackageFacts | None:
        """A package of the final image (normalised name, pip or conda): the last install wins (an "already
        satisfied" unpinned install keeps the base's version), else what the base provides."""
        installs = sorted(self.installed({"pip": {name}, "conda": {name}}), key=lambda i: i.order)
        info = self.base_info
        provided = info.provides.get(name) if info is not None else None
        if installs:
            last = installs[-1]
            if provided and last.versions is not None and last.versions.unconstrained and not last.upgrade:
                return PackageFacts(None, provided_version_set(provided), self.image_span(self.root))
            return PackageFacts(last, last.versions, last.anchor)
        if provided:
            return PackageFacts(None, provided_version_set(provided), self.image_span(self.root))
        return None

    @cached_property
    def hub(self) -> PackageFacts | None:
        """jupyterhub in the final image: the last install wins, else what the base provides."""
        installs = sorted(self.installed(JUPYTERHUB_NAMES), key=lambda i: i.order)
        if installs:
            last = installs[-1]
            return PackageFacts(last, last.versions, last.anchor)
        info = self.base_info
        if info is not None and "jupyterhub" in info.provides:
            return PackageFacts(None, provided_version_set(info.provides["jupyterhub"]), self.image_span(self.root))
        return None

    @cached_property
    def build_texts(self) -> tuple[list[str], bool]:
        """The texts of the build's RUN, COPY and ADD instructions and readable scripts, and whether a step is
        opaque to hublint (:func:`hublint.image.programs.build_texts`)."""
        from .programs import build_texts

        return build_texts(self)

    # ---- what starts the server
    @cached_property
    def launch(self) -> Launch:
        """The final image's CMD and ENTRYPOINT, and whether the CMD starts a Hub-aware server."""
        from .cmdcheck import compute_launch

        return compute_launch(self)
