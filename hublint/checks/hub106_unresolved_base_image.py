"""HUB106 unresolved-base-image: the chain's base image is a variable with no value (or a stage's base is no image
reference at all: `docker build` fails on it)."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import broken_reference, clip

RULE = Rule(
    "HUB106",
    "unresolved-base-image",
    "info",
    "The base image is a variable with no value, or an image is no image reference",
    takes=(IMAGE, CONFIG),
)

_GRAMMAR = "write `[registry/]name[:tag]`: a lowercase name, one `:` before the tag (invalid reference format)"
_VAR = pattern(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def check(inp: ImageInput) -> Iterator[Hit]:
    root = inp.image.root
    broken = [s for s in inp.image.dockerfile.stages if s.parent is None and broken_reference(s)]
    for stage in broken:  # any stage's: `docker build` fails on it whichever target is built
        yield Hit(
            f"the base image `{clip(stage.image, 45)}` is not an image reference: `docker build` fails on it",
            *inp.image.image_span(stage),
            help=_GRAMMAR,
        )
    if broken or root is None or is_known(root.image):
        return
    if _computed_by_the_build(inp, root.image_raw):
        return
    known = inp.image.dockerfile.global_args
    names = [n for n in dict.fromkeys(_VAR.findall(root.image_raw)) if known.get(n) is None]
    if names:
        args = ", ".join(f"`--build-arg {n}=…`" for n in names)
        what = ", ".join(f"`{n}`" for n in names)
        yield Hit(
            f"the base image `{clip(root.image_raw, 45)}` is unknown: no default for {clip(what, 30)}",
            *inp.image.image_span(root),
            help=f"pass {args} (or `build-args` in the configuration) to let hublint check the base",
        )
    else:
        yield Hit(
            f"the base image `{clip(root.image_raw, 50)}` cannot be resolved",
            *inp.image.image_span(root),
            help="pass the value with `--build-arg` to let hublint check the base",
        )


def _computed_by_the_build(inp: ImageInput, raw: str) -> bool:
    """Every variable of the FROM that has no value is passed by a build definition, computed at build time
    (``--build-arg TAG=$(git rev-parse …)``): nothing to pass, the base is the pipeline's."""
    if inp.facts is None:
        return False
    passed = {name: value for name, value, _ in inp.facts.build_args_from}
    known = inp.image.dockerfile.global_args
    unknown = [n for n in dict.fromkeys(_VAR.findall(raw)) if not is_known(known.get(n))]
    return bool(unknown) and all(n in passed and not is_known(passed[n]) for n in unknown)


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    """A Hub configuration's image that is no image reference at all (``cogstack:jupyterhub/singleuser:latest``: two
    tags): a spawn of it fails ("invalid reference format") — an ``os.environ.get`` default only when
    the variable is unset."""
    from ._common import valid_reference

    for image in inp.config.images:
        ref = image.ref
        if isinstance(ref, str) and ref and is_known(ref) and not valid_reference(ref):
            what = "the Hub image" if image.hub else "spawn image"
            shown = clip(ref.encode("unicode_escape").decode("ascii"), 45)  # whitespace and newlines shown, not printed
            fails = "the Hub's container cannot start" if image.hub else "a spawn of it fails"
            yield Hit(
                f"{what} `{shown}` is not an image reference: {fails}",
                *image.span,
                help=_GRAMMAR,
            )
