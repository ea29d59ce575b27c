"""HUB104 frozen-registry: docker-stacks images from Docker Hub, frozen since 2023-10-20."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..dockerfile.imageref import parse_ref
from ..image.knowledge import frozen_registry, lookup, pin_hint
from ..image.literalrefs import docker_stacks_registry
from ..lint.fixes import edit, fix
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import built_as, config_image, config_images, external_stages, shown

RULE = Rule(
    "HUB104",
    "frozen-registry",
    "warning",
    "A docker-stacks image comes from the frozen Docker Hub copies",
    takes=(IMAGE, CONFIG),
    roles=("singleuser", "hub"),
)


def _fix(inp: ImageInput, stage, ref):
    """Unsafe: the same tag may not exist on quay.io (only a few old commit tags were copied)."""
    if stage.image_raw != stage.image:
        return None  # written through a variable
    new = (
        f"quay.io/jupyter/{ref.basename}"
        + (f":{ref.tag}" if ref.tag else "")
        + (f"@{ref.digest}" if ref.digest else "")
    )
    start, end = stage.image_span
    return fix(f"use `{new}`", "unsafe", edit(inp.image, stage.instruction, start, end, new))


def _help(ref, images) -> str:
    """Where to move: the same tag on quay.io when it was published there, else the repository with a current tag."""
    tag = ref.tag if ref.tag and is_known(ref.tag) else None
    repo = f"quay.io/jupyter/{ref.basename}"
    if tag is None:
        return f"use `{repo}` with a dated tag"
    if tag == "latest":  # never `latest` (HUB102): a dated tag, the family's example as HUB102's
        example = pin_hint(parse_ref(repo)).rpartition("e.g. ")[2] or f"`{repo}:<version>`"
        return f"use a dated tag on quay.io, e.g. {example}"
    info = lookup(parse_ref(f"{repo}:{tag}"), images)
    if info is not None and info.exists is False:
        return f"use `{repo}` with a current tag (`{tag}` was never published there)"
    if info is not None and info.exists:
        return f"use `{repo}:{tag}`"
    return f"use `{repo}:{tag}` if that tag exists there, or a current one"


def check(inp: ImageInput) -> Iterator[Hit]:
    for stage, ref in external_stages(inp):
        if frozen_registry(ref):
            yield Hit(
                f"{shown(stage, inp)} is on Docker Hub, frozen since 2023-10-20",
                *inp.image.image_span(stage),
                fix=_fix(inp, stage, ref),
                help=_help(ref, inp.image.images),
            )
    for stage in _partly_known_stages(inp):
        # `jupyter/${VARIANT}-notebook`: docker-stacks on Docker Hub whatever the variant
        if docker_stacks_registry(stage.image) == "docker.io":
            yield Hit(
                f"{shown(stage, inp)} is on Docker Hub, frozen since 2023-10-20",
                *inp.image.image_span(stage),
                help=f"use `quay.io/jupyter/{_written_basename(stage.image_raw)}` with a current tag",
            )


def _written_basename(raw: str) -> str:
    """The image's last path part as written, without tag or digest (``${VARIANT}-notebook``)."""
    tail = raw.split("@", 1)[0].rsplit("/", 1)[-1]
    cut = tail.rfind(":")
    return tail[:cut] if cut >= 0 and "}" not in tail[cut:] else tail


def _partly_known_stages(inp: ImageInput):
    """Stages FROM an external image whose name has an unknown part (a build argument with no value)."""
    local = inp.facts.local_bases if inp.facts is not None else ()
    for stage in inp.image.dockerfile.stages:
        name = parse_ref(stage.image).name if stage.parent is None and stage.image else None
        if name is not None and not is_known(name) and name not in local:
            yield stage


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    for image, ref in config_images(cfg):
        if frozen_registry(ref) and not built_as(inp, image.ref):  # a local build's name: no registry pull
            yield Hit(
                f"{config_image(image)} is on Docker Hub, frozen since 2023-10-20",
                *image.span,
                help=_help(ref, inp.images),
            )
