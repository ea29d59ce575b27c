"""HUB201 missing-jupyterhub: the final image has no jupyterhub — or a configuration spawns an image that hublint
knows has none (an OS, CUDA or Python image), which no server can start in."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import JUPYTERHUB_NAMES
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import config_images, config_where
from ._suggest import hub_install

RULE = Rule(
    "HUB201", "missing-jupyterhub", "error", "The image has no jupyterhub", takes=(IMAGE, CONFIG), finished=True
)


def check(inp: ImageInput) -> Iterator[Hit]:
    if inp.image.base_state not in ("known", "scratch") or inp.image.installs.unknown:
        return
    if inp.image.installed(JUPYTERHUB_NAMES):
        return
    info = inp.image.base_info
    if info is not None and "jupyterhub" in info.provides:
        return
    base = "`scratch`" if info is None else f"`{inp.image.root.image}`"
    yield Hit(
        f"the image has no jupyterhub: the base {base} does not provide it and nothing installs it",
        *inp.image.missing_anchor,
        help=hub_install(inp),
    )


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    """A spawn image the knowledge knows has no jupyterhub (its field absent, not unknown), started with the
    single-user launcher (the configuration's command, the chart's default, or none: the image's own)."""
    from ..deployment.imagenames import same_image
    from ..dockerfile.expand import is_known
    from ..image.knowledge import lookup

    built = inp.facts.built if inp.facts is not None else ()

    cmd = inp.config.spawner_cmd()
    words = cmd.value if cmd is not None and isinstance(cmd.value, list) else None
    first = words[0].value if words and isinstance(words[0].value, str) else None
    if cmd is not None and first != "jupyterhub-singleuser":
        return  # another command may bring its own server
    for image, ref in config_images(inp.config):
        if image.hub or not is_known(ref.tag or "") or any(same_image(image.ref, n) for n in built):
            continue  # the Hub's own image; an image built here (its Dockerfile is judged)
        info = lookup(ref, inp.images)
        fact = info.facts.get("jupyterhub") if info is not None and info.facts else None
        if fact is None or fact.state != "absent" or "jupyterhub" in info.provides:  # type: ignore[union-attr]
            continue
        yield Hit(
            f"{config_where(image)} has no jupyterhub: no `jupyterhub-singleuser` to start",
            *image.span,
            help=f"it is {info.title}: spawn an image with jupyterhub, or build one on it that installs it",  # type: ignore[union-attr]
        )
