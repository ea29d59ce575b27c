"""Which settings of a Hub configuration name the images the spawner starts, and how a list or mapping of them is
read: :func:`collect_images` is called for every trait a configuration sets (``jupyterhub_config.py`` or z2jh
``hub.config``) and adds each image reference it finds to the configuration's ``images``.

- DockerSpawner, SystemUserSpawner, KubeSpawner: ``image`` / ``container_image`` (KubeSpawner's old
  ``image_spec``, ``singleuser_image_spec``); ``allowed_images`` (and the old ``image_whitelist``), a list or a
  mapping of display name -> image;
- KubeSpawner / z2jh: ``profile_list`` / ``profileList``, each profile's ``kubespawner_override.image`` and the
  ``choices`` of its ``profile_options``;
- third-party Docker Swarm spawners (cassinyspawner, jhub-swarmspawner): ``container_spec["Image"]`` (or
  ``["image"]``) and every ``dockerimages[]["image"]``.

An image written as a template placeholder that nothing here fills (``${ml_image}`` from Terraform's
``templatefile``, ``{{ .Values.image }}``, ``$(IMAGE)``) names no image: it is unknown, never "untagged".
"""

from __future__ import annotations

from ..lazy import pattern
from ..records import TYPE_CHECKING, NamedTuple
from .values import UNKNOWN_VALUE, Span, Value

if TYPE_CHECKING:
    from typing import Any

    from .dotenv import Str
    from .hubconfig import HubConfig

__all__ = [
    "ImageValue",
    "chart_image",
    "collect_images",
    "create_command",
    "profile_images",
    "singleuser_image",
    "swarm_args",
]

_IMAGE_TRAITS = {"image", "container_image", "image_spec", "singleuser_image_spec"}  # (KubeSpawner's old names)
_IMAGE_LIST_TRAITS = {"allowed_images", "image_whitelist"}


class ImageValue(NamedTuple):
    """An image reference (str, or UNKNOWN_VALUE) found in the configuration; ``origin`` as for :class:`Value`;
    ``hub``: the image the Hub itself runs (a compose Hub service's ``image:``), not a spawn image; ``pull``: the
    pull policy set beside it."""

    ref: Any
    span: Span
    where: str
    origin: Str | None = None
    hub: bool = False
    pull: str | None = None  # its pull policy, when set beside it (z2jh `pullPolicy`, `image_pull_policy`)
    tag_elsewhere: bool = False  # its tag is set by a later layer of every release (the tag rules leave it)


def collect_images(cfg: HubConfig, cls: str, trait: str, value: Value) -> None:
    """The spawn images that setting ``cls.trait`` to ``value`` names, added to ``cfg.images``."""
    where = f"{cls}.{trait}"
    if trait in _IMAGE_TRAITS:
        _image(cfg, value, where)
    elif trait in _IMAGE_LIST_TRAITS:
        if isinstance(value.value, list):
            for item in value.value:
                _image(cfg, item, where)
        elif isinstance(value.value, dict):
            for key, item in value.value.items():
                _image(cfg, item, f"{where}[{key!r}]")
    elif trait in ("profile_list", "profileList"):
        profile_images(cfg, value, where)
    elif trait == "container_spec" and cls.endswith("Spawner") and isinstance(value.value, dict):
        for key in ("Image", "image"):
            if key in value.value:
                _image(cfg, value.value[key], f"{where}[{key!r}]")
    elif trait == "dockerimages" and cls.endswith("Spawner") and isinstance(value.value, list):
        for i, item in enumerate(value.value):
            found = item.value.get("image") if isinstance(item.value, dict) else None
            if found is not None:
                _image(cfg, found, f"{where}[{i}]['image']")


def collect_images_at(
    cfg: HubConfig, setting: tuple[str, str], value: Value, top: bool, named: dict, more: bool = False
) -> None:
    """:func:`collect_images`, where an assignment at the module's top level replaces the images the setting's
    earlier assignments named (``named``: setting -> those images): Python runs the file from top to bottom, so
    the last one is the setting's value.  An assignment inside ``if``/``try``/``for`` adds a choice; ``more``
    (``+=``, ``value`` being what it adds) adds to the images the setting had, and so does a value hublint cannot
    read."""
    if top and not more and setting in named and value.value is not UNKNOWN_VALUE:
        # (a value hublint cannot read may be built from the earlier one: `os.environ.get("X") or c.S.image`)
        gone = {id(i) for i in named.pop(setting)}
        cfg.images[:] = [i for i in cfg.images if id(i) not in gone]
    before = len(cfg.images)
    collect_images(cfg, *setting, value)
    named[setting] = [*named.get(setting, []), *cfg.images[before:]]  # the images every assignment so far named


def chart_image(image: Value | None) -> tuple[Any, Span, str] | None:
    """A z2jh ``{name, tag}`` image map (``singleuser.image``, ``hub.image``): (the reference — UNKNOWN_VALUE for a
    template placeholder —, where it is written, ``"tag"`` or ``"name"``: at its tag, at its name without one);
    None when it names no image."""
    if image is None or not isinstance(image.value, dict) or "name" not in image.value:
        return None
    name, tag = image.value["name"], image.value.get("tag")
    if not isinstance(name.value, str):
        return None
    if templated(name.value) or (tag is not None and isinstance(tag.value, str) and placeholder(tag.value)):
        return UNKNOWN_VALUE, name.span, "name"
    if tag is not None and isinstance(tag.value, (str, int, float)) and str(tag.value):
        return f"{name.value}:{tag.value}", tag.span, "tag"
    return name.value, name.span, "name"


def singleuser_image(cfg: HubConfig, image: Value | None, prefix: str) -> None:
    """z2jh ``singleuser.image`` (``name``, ``tag``, ``pullPolicy``), added to ``cfg.images`` at its tag (at its name
    without one)."""
    found = chart_image(image)
    if found is None:
        return
    ref, span, key = found
    pull = image.value.get("pullPolicy")  # type: ignore[union-attr]
    policy = pull.value if pull is not None and isinstance(pull.value, str) and ref is not UNKNOWN_VALUE else None
    cfg.images.append(ImageValue(ref, span, f"{prefix}singleuser.image.{key}", pull=policy))


def create_command(cfg: HubConfig) -> Value | None:
    """DockerSpawner ``extra_create_kwargs["command"]``: the container's command, which Docker runs instead of the
    one the spawner builds from ``cmd`` (and instead of the image's CMD); a string is split as a shell does (the
    Docker SDK's ``split_command``)."""
    for (cls, trait), (value, _) in cfg.traits.items():
        if trait == "extra_create_kwargs" and cls.endswith("Spawner") and isinstance(value.value, dict):
            found = value.value.get("command")
            if found is not None and isinstance(found.value, str):
                import shlex

                try:
                    words = shlex.split(found.value)
                except ValueError:
                    words = found.value.split()
                return Value([Value(w, found.span) for w in words], found.span)
            if found is not None and found.value is not None:
                return found
    return None


def swarm_args(cfg: HubConfig) -> Value | None:
    """``container_spec["args"]`` of a Swarm spawner: the service's arguments replace the image's CMD, as
    ``Spawner.cmd`` does (None when not set)."""
    for (cls, trait), (value, _) in cfg.traits.items():
        if trait == "container_spec" and cls.endswith("Spawner") and isinstance(value.value, dict):
            args = value.value.get("args")
            if args is not None and args.value is not None:
                return args
    return None


def _override_key(override: Value | None) -> str | None:
    """The image key of a ``kubespawner_override``: ``image``, or ``image_spec``, KubeSpawner's older name (an
    alias it still applies)."""
    if override is None or not isinstance(override.value, dict):
        return None
    return next((k for k in ("image", "image_spec") if k in override.value), None)


def profile_images(cfg: HubConfig, value: Value, where: str) -> bool:
    """Add each profile's images to ``cfg.images``; True when every profile overrides the image (then the spawner's
    own image is never spawned: KubeSpawner always applies a profile, the first by default)."""
    if not isinstance(value.value, list):
        return False
    every = bool(value.value)
    for i, profile in enumerate(value.value):
        if not isinstance(profile.value, dict):
            every = False
            continue
        override = profile.value.get("kubespawner_override")
        key = _override_key(override)
        every = every and key is not None
        if override is not None and key is not None:
            pull = override.value.get("image_pull_policy")
            _image(
                cfg,
                override.value[key],
                f"{where}[{i}].kubespawner_override.{key}",
                pull.value if pull is not None and isinstance(pull.value, str) else None,
            )
        options = profile.value.get("profile_options")
        if options is not None and isinstance(options.value, dict):
            for name, option in options.value.items():
                choices = option.value.get("choices") if isinstance(option.value, dict) else None
                if choices is None or not isinstance(choices.value, dict):
                    continue
                for key, choice in choices.value.items():
                    over = choice.value.get("kubespawner_override") if isinstance(choice.value, dict) else None
                    image_key = _override_key(over)
                    if over is not None and image_key is not None:
                        _image(cfg, over.value[image_key], f"{where}[{i}].profile_options.{name}.choices.{key}")
    return every


# `__IMAGE__` (capitals, or a whole part: Docker's own `__` separator joins lowercase letters or digits inside a
# part, never at its ends), `@IMAGE@`, `<your-image>`
_PLACEHOLDER = pattern(r"__[A-Z0-9_]*[A-Z][A-Z0-9_]*__|(?:^|[/:@])__\w+__(?:$|[/:@])|@[A-Za-z_]\w*@|<[^<>]*>")


def placeholder(text: str) -> bool:
    """Is ``text`` (a reference or a tag alone) a template placeholder a tool fills before the Hub reads it
    (``${x}``, ``{{ x }}``, ``$(x)``, ``$x``, ``__IMAGE__``, ``@IMAGE@``, ``<image>``)?"""
    return "{{" in text or "$" in text or bool(_PLACEHOLDER.search(text))


def templated(text: str) -> bool:
    """Is ``text`` a template placeholder (:func:`placeholder`), or no image reference at all: a capital letter
    in its repository path, which Docker's reference grammar writes in lowercase (a first component with a `.`,
    a `:`, a capital or `localhost` is a registry host, which may hold capitals, and so may a tag)?  A
    configuration file is read as written: such an image reference is unknown."""
    if placeholder(text):
        return True  # no image reference can hold a `$`, `__X__` a script replaces, `@X@`, `<x>`
    name = text.split("@", 1)[0]
    head, _, rest = name.partition("/")
    host = "." in head or ":" in head or head == "localhost" or head != head.lower()
    path = rest if rest and host else name  # after a registry host (distribution/reference's splitDockerDomain)
    if ":" in path.rsplit("/", 1)[-1]:
        path = path.rsplit(":", 1)[0]  # its tag may hold capitals
    return path != path.lower()


def _image(cfg: HubConfig, value: Value, where: str, pull: str | None = None) -> None:
    v = value.value
    if isinstance(v, str) and templated(v):
        v = UNKNOWN_VALUE
    if isinstance(v, str) or v is UNKNOWN_VALUE:
        cfg.images.append(ImageValue(v, value.span, where, value.origin, pull=pull))
