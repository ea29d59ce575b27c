"""HUB201 missing-jupyterhub: the final image has no jupyterhub — or a configuration spawns an image that hublint
knows has none (an OS, CUDA or Python image), which no server can start in."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import JUPYTERHUB_NAMES
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ._common import config_images, config_where, spawned_premise
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
        confidence=spawned_premise(inp),
    )


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    """A spawn image the knowledge knows has no jupyterhub (its field absent, not unknown), started with the
    single-user launcher (the configuration's command, the chart's default, or none: the image's own)."""
    from ..deployment.imagenames import same_image
    from ..dockerfile.expand import is_known
    from ..image.knowledge import lookup

    built = inp.facts.built if inp.facts is not None else ()

    if inp.config.kind == "compose":
        return  # an image a compose file or `.env` holds: the command of the configuration that reads it is not here
    if not _launcher(inp.config.spawner_cmd()):
        return  # another command may bring its own server
    for image, ref in config_images(inp.config):
        if image.hub or not is_known(ref.tag or "") or any(same_image(image.ref, n) for n in built):
            continue  # the Hub's own image; an image built here (its Dockerfile is judged)
        if ".kubespawner_override" in image.where and _profile_sets_cmd(inp.config, image.where):
            continue  # the profile starts its own command
        info = lookup(ref, inp.images)
        fact = info.facts.get("jupyterhub") if info is not None and info.facts else None
        if fact is None or fact.state != "absent" or "jupyterhub" in info.provides:  # type: ignore[union-attr]
            continue
        yield Hit(
            f"{config_where(image)} has no jupyterhub: no `jupyterhub-singleuser` to start",
            *image.span,
            help=f"it is {info.title}: spawn an image with jupyterhub, or build one on it that installs it",  # type: ignore[union-attr]
        )


def _launcher(cmd) -> bool:
    """Does the command (a configuration's ``Value``; None: the image's own) start ``jupyterhub-singleuser``?"""
    if cmd is None:
        return True
    value = cmd.value
    if isinstance(value, str):
        return value.split()[:1] == ["jupyterhub-singleuser"]
    first = value[0].value if isinstance(value, list) and value else None
    return isinstance(first, str) and first.split()[:1] == ["jupyterhub-singleuser"]


def _profile_sets_cmd(cfg, where: str) -> bool:
    """Does the profile an image setting sits in (``…profileList[2].kubespawner_override.image``) set its own
    ``cmd``?  Unknown (True) when the profile cannot be found."""
    import re

    m = re.search(r"profileList\[(\d+)\]", where)
    profiles = cfg.z2jh.get("singleuser.profileList") if m else None
    items = profiles.value if profiles is not None else None
    if not isinstance(items, list) or int(m.group(1)) >= len(items):  # type: ignore[union-attr]
        return m is None  # a KubeSpawner profile_list in Python: not read here
    profile = items[int(m.group(1))].value  # type: ignore[union-attr]
    override = profile.get("kubespawner_override") if isinstance(profile, dict) else None
    return override is not None and isinstance(override.value, dict) and "cmd" in override.value
