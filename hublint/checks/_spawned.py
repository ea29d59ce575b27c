"""What a deployment file's rules need about the servers it starts: its own settings (with their place in the
file), whether its deployment's other layers leave them as they are, and the spawn images hublint knows (images
the repository builds are judged from their Dockerfiles, by the image rules)."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..dockerfile.imageref import ImageRef, parse_ref
from ..lint.inputs import ConfigInput
from ..records import TYPE_CHECKING

if TYPE_CHECKING:
    from ..deployment.hubconfig import ImageValue
    from ..deployment.serverspec import ServerSpec, Setting
    from ..image.knowledge import ImageInfo

__all__ = ["own_spec", "kept", "known_spawn_images", "package_version", "scope_only"]


def scope_only(inp) -> str | None:
    """For an image's hit: "weak" when the deployment facts it rests on come from the deployment whose scope
    encloses the image, not from one that spawns it by name (that deployment may not start it at all)."""
    facts = inp.facts
    return None if facts is not None and facts.spawned else "weak"


def own_spec(inp: ConfigInput) -> ServerSpec:
    """What this file itself says about the servers (its settings' spans are in this file)."""
    from ..deployment.serverspec import server_spec

    return server_spec(inp.config, inp.path)


def kept(inp: ConfigInput, own: Setting | None, field: str, variable: str | None = None) -> bool:
    """Is this file's own setting (written here) what its deployment applies — no other layer of the release
    writes something else?"""
    if own is None or own.default:
        return False
    server = inp.facts.server if inp.facts is not None else None
    if server is None:
        return True
    applied = server.variable(variable) if variable is not None else getattr(server, field)
    return applied is not None and repr(applied.value) == repr(own.value)


def known_spawn_images(inp: ConfigInput) -> Iterator[tuple[ImageValue, ImageRef, ImageInfo]]:
    """The configuration's spawn images that hublint's image knowledge (or the user's declarations) knows, with a
    tag it can read, other than images the repository builds."""
    from ..deployment.imagenames import same_name
    from ..image.knowledge import lookup

    cfg = inp.config
    built = inp.facts.built if inp.facts is not None else ()
    for image in getattr(cfg, "all_images", cfg.images):
        if getattr(image, "hub", False) or not isinstance(image.ref, str) or not image.ref or not is_known(image.ref):
            continue
        if any(same_name(name, image.ref) for name in built):
            continue
        ref = parse_ref(image.ref)
        info = lookup(ref, inp.images)
        if info is not None:
            yield image, ref, info


def package_version(info: ImageInfo, name: str) -> str | None:
    """The version of a package a known image provides (a series such as ``7.3`` when only that is known)."""
    value = info.provides.get(name)
    return value if isinstance(value, str) and value else None
