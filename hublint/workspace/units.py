"""Model: each Dockerfile of a repository as its build targets (units), each analysed once.

A Dockerfile is built at the targets its build definitions name (compose ``build.target``, chartpress,
``docker build --target``); else at every final stage nothing else builds on or copies from (a file with a
``jupyterlab`` and a ``dask-worker`` stage builds two images); else at its last stage.  Each target becomes a
:class:`Unit` (what the deployment needs: its evidence, the names it is built as, its base) and an
:class:`~hublint.image.analysis.ImageAnalysis` (what the rules need).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from ..dockerfile.imageref import parse_ref
from ..dockerfile.model import analyze
from ..dockerfile.syntax import ParseError, scan
from ..image.analysis import ImageAnalysis
from ..image.contextfiles import Reader
from ..image.knowledge import base_env
from ..image.spec import ImageSpec
from ..lint.engine import stage_problem, target_problem
from ..records import NamedTuple
from .evidence import Evidence, Role, base_name, decide, own_command, own_evidence, run_evidence, stage_targets

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..deployment.builddefs import NamedContext
    from ..deployment.compose import Service
    from ..deployment.dotenv import Str
    from ..lint.hits import Hit
    from ..settings.options import Settings

__all__ = [
    "Built",
    "Unit",
    "analyse_units",
    "analyse_target",
    "image_name",
    "image_tag",
    "merged_args",
    "arg_choices",
]

_NO_CONTEXTS: Mapping = MappingProxyType({})


class Built(NamedTuple):
    """A Dockerfile built here: ``names`` it is built as, ``origin`` (where the build is declared, for reasons),
    ``purpose`` (``singleuser``/``hub``/``other`` when the build itself says: chartpress ``valuesPath``),
    ``scope`` (the declaring file's folder), ``service`` (its compose service), ``contexts`` (named build
    contexts: what ``FROM <name>`` means)."""

    dockerfile: str
    context: str | None
    target: str | None
    args: Mapping[str, Str]
    names: tuple[str, ...]
    origin: str
    purpose: str | None
    scope: str
    service: Service | None
    contexts: Mapping[str, NamedContext] = _NO_CONTEXTS


class Unit(NamedTuple):
    """A build target of a Dockerfile of the repository, as the deployment sees it."""

    path: str  # absolute
    target: str | None
    evidence: tuple[Evidence, ...]  # what the Dockerfile itself says about its role
    own_role: Role  # the role that evidence decides
    built: tuple[Built, ...]  # the build definitions that build this target
    names: frozenset[str]  # the image names it is built as (normalised, no tag)
    base: str | None  # its base image's name (registry/path), when the name is known
    from_line: tuple[str, str]  # its FROM's image as written and as resolved
    onbuild: bool  # its chain has ONBUILD instructions (a base made to be built on)
    command: str | None = None  # its own CMD when that runs nothing Jupyter (evidence.own_command)


def image_name(ref: str) -> str:
    """An image name without tag or digest, normalised (``docker.io/library/x``)."""
    return parse_ref(ref).name


def image_tag(ref: str) -> str | None:
    return parse_ref(ref).tag


def analyse_units(
    path: str,
    text: str,
    built: list[Built],
    build_args: Mapping[str, str],
    images: Mapping[str, ImageSpec],
    context: str | None,
    read: Reader | None = None,
) -> list[tuple[Unit, ImageAnalysis]]:
    """The build targets of one Dockerfile, each with its analysis (nothing for a file BuildKit rejects).

    ``build_args``: the settings' (when empty, the arguments its build definitions pass: :func:`merged_args`);
    ``context``: the settings' build context (else the build definition's, else the Dockerfile's folder)."""
    try:
        tree = scan(text)
    except ParseError:
        return []
    args = dict(build_args)
    if built and not build_args:
        args = {k: s.value for k, s in merged_args(built).items() if s.value is not None}
        for name, values in arg_choices(built).items():
            if _default_of(tree, name) in values:
                del args[name]  # builds disagree and one of them uses the ARG default: check that build
    df = analyze(tree, args, lambda image: base_env(image, images))
    if not df.stages:
        return []
    wanted = [b.target for b in built]
    if any(wanted):
        targets: list[str | None] = list(dict.fromkeys(wanted))
    else:
        leaves = stage_targets(df)
        targets = [None] if len(leaves) <= 1 else [s.name or str(s.index) for s in leaves]
        if len(leaves) > 1 and any(s.name is None for s in leaves[:-1]):
            targets = [None]  # unnamed leaf stages: only the default target is buildable by name
    context_dir = context or (built[0].context if built and built[0].context else os.path.dirname(path))
    out = []
    for target in targets:
        if target is not None and df.stage_named(target) is None and not target.isdigit():
            continue
        img = ImageAnalysis(df, target, context_dir, images, path, read)
        if not img.chain:
            continue
        runs = run_evidence(img)  # read once: the role's evidence and the command's verdict both need it
        evidence = tuple(own_evidence(img, runs))
        mine = tuple(b for b in built if b.target in (None, target))
        root = img.root
        unit = Unit(
            path,
            target,
            evidence,
            decide(list(evidence)),
            mine,
            frozenset(image_name(n) for b in mine for n in b.names),
            base_name(img),
            (root.image_raw, root.image),
            any(s.instruction.keyword == "ONBUILD" for s in img.chain_steps),
            own_command(img, runs),
        )
        out.append((unit, img))
    return out


def analyse_target(
    text: str, path: str, settings: Settings, context_dir: str | None, read: Reader | None = None
) -> tuple[ImageAnalysis | None, ParseError | Hit | None]:
    """One file analysed on its own, at the settings' target (a file the deployment did not analyse, or
    analysed with other settings or another text): the analysis, or what BuildKit rejects (HUB001)."""
    try:
        tree = scan(text)
    except ParseError as exc:
        return None, exc
    df = analyze(tree, settings.build_args, lambda image: base_env(image, settings.images))
    problem = stage_problem(df) or target_problem(df, settings.target)
    if problem is not None:
        return None, problem
    return ImageAnalysis(df, settings.target, context_dir, settings.images, path, read), None


def merged_args(built: Sequence[Built]) -> dict[str, Str]:
    """The build arguments a Dockerfile's builds pass: a name's value when every build that passes one agrees,
    else a computed value (:func:`analyse_units` checks the build that uses the ARG default when there is one:
    :func:`arg_choices`); a value unknown to the definition (None: compose reads it from the shell) is left out,
    so the ARG default applies."""
    from ..deployment.dotenv import Str
    from ..deployment.imagenames import COMPUTED

    out: dict[str, Str] = {}
    for b in built:
        for name, s in b.args.items():
            if s.value is None:
                continue
            old = out.get(name)
            if old is None:
                out[name] = s
            elif old.value != s.value:
                out[name] = Str(COMPUTED, old.path, old.span)
    return out


def arg_choices(built: Sequence[Built]) -> dict[str, set[str]]:
    """The build arguments the builds pass different values for, with those values."""
    values: dict[str, set[str]] = {}
    for b in built:
        for name, s in b.args.items():
            if s.value is not None:
                values.setdefault(name, set()).add(s.value)
    return {name: v for name, v in values.items() if len(v) > 1}


def _default_of(tree, name: str) -> str | None:
    """The literal default of the Dockerfile's first ``ARG name=…`` (None: none, or not literal)."""
    from ..dockerfile.expand import expand, is_known
    from ..dockerfile.model import _arg_pairs

    for ins in tree.instructions:
        if ins.keyword == "ARG":
            for arg, default in _arg_pairs(ins, tree.escape):
                if arg == name and default is not None:
                    value = expand(default, {}, tree.escape)
                    return value if is_known(value) else None
    return None
