"""HUB606 null-cmd-image-not-launcher: z2jh ``singleuser.cmd: null`` with a spawn image whose own CMD starts no
Hub-aware server.

``cmd: null`` makes the chart run the image's own CMD (values.schema.yaml: it "must launch
jupyterhub-singleuser or an equivalent process eventually").  Judged for the spawn images hublint's image
knowledge knows (an image of the repository: HUB401/HUB402 judge its CMD, the spawner command being null)."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.launchers import is_launcher_argv, strip_wrappers
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput
from ..lint.rule import CONFIG, Rule
from ._common import clip, clip_ref
from ._spawned import kept, known_spawn_images, own_spec

RULE = Rule(
    "HUB606",
    "null-cmd-image-not-launcher",
    "error",
    "The chart runs the image's own CMD (cmd: null), which starts no Hub server",
    takes=(CONFIG,),
)

_INITS = {"tini", "tini-static", "dumb-init"}


def _runs(info) -> str | None:
    """What a known image runs when started with its own CMD, when that is not a Hub launcher (None: it is one,
    or hublint cannot tell)."""
    if info.cmd is None:
        return None
    entrypoint = list(info.entrypoint or ())
    argv = entrypoint + list(info.cmd)
    if is_launcher_argv(argv):
        return None
    programs = [w.rsplit("/", 1)[-1] for w in entrypoint if not w.startswith("-")]
    if any(p not in _INITS and p != "start.sh" for p in programs):
        return None  # an ENTRYPOINT script hublint cannot read may start the server
    rest = strip_wrappers(argv)
    if rest:
        return " ".join(rest)
    return "bash" if "start.sh" in programs else None  # start.sh without a command starts a shell


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    if cfg.kind != "z2jh" or not cfg.z2jh_cmd_present or cfg.z2jh_cmd is None or cfg.z2jh_cmd.value is not None:
        return
    own = own_spec(inp).cmd
    if own is None or not kept(inp, own, "cmd"):
        return  # another layer of the release sets a command
    profiles = cfg.z2jh.get("singleuser.profileList")
    for image, _ref, info in known_spawn_images(inp):
        if _own_cmd(image.where, profiles):
            continue
        runs = _runs(info)
        if runs is None:
            continue
        yield Hit(
            f"`singleuser.cmd: null` runs the image's own CMD, `{clip(runs, 30)}`, which never starts a Hub server",
            *cfg.z2jh_cmd.span,
            help=f"spawn image `{clip_ref(image.ref)}`: drop `cmd: null` (the chart starts jupyterhub-singleuser), "
            "or use an image whose CMD starts it",
        )


def _own_cmd(where: str, profiles) -> bool:
    """Does the profile that names this image set (or may set) its own command?"""
    import re

    m = re.search(r"profileList\[(\d+)\]\.kubespawner_override", where)
    if m is None:
        return "profileList" in where  # an image of a profile's options: its choice may set one
    items = profiles.value if profiles is not None and isinstance(profiles.value, list) else []
    index = int(m.group(1))
    if index >= len(items) or not isinstance(items[index].value, dict):
        return True
    override = items[index].value.get("kubespawner_override")
    return override is None or not isinstance(override.value, dict) or "cmd" in override.value
