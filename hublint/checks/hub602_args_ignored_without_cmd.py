"""HUB602 args-ignored-without-cmd: KubeSpawner ``args`` set while its ``cmd`` is not.

Only KubeSpawner drops the args when it falls back to the image's command (``get_pod_manifest``: "Ignoring
arguments when using implicit command from image"); LocalProcessSpawner (``simple``, the default) appends them to
its ``cmd``, and DockerSpawner appends them to the image's CMD."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ConfigInput
from ..lint.rule import CONFIG, Rule

RULE = Rule("HUB602", "args-ignored-without-cmd", "warning", "KubeSpawner args are set without a cmd", takes=(CONFIG,))


def _kube(cfg) -> bool | None:
    """Is the configured spawner KubeSpawner (True), another one (False), or unknown (None)?"""
    cls = cfg.get("JupyterHub", "spawner_class")
    if cls is not None and isinstance(cls[0].value, str):
        return "kube" in cls[0].value.lower()
    if cfg.kind == "z2jh":
        return True
    return None


def check_config(inp: ConfigInput) -> Iterator[Hit]:
    cfg = inp.config
    kube = _kube(cfg)
    if kube is False:
        return
    args = cfg.get("KubeSpawner", "args")
    if args is None and kube:
        args = cfg.get("Spawner", "args")
    if args is None or cfg.spawner_cmd_declared():
        return
    value, _ = args
    if value.value is None or (isinstance(value.value, list) and not value.value):
        return
    yield Hit(
        "KubeSpawner `args` without a `cmd` are ignored: it starts the image's CMD alone",
        *value.span,
        help='set `c.KubeSpawner.cmd` too, e.g. `["jupyterhub-singleuser"]`',
    )
