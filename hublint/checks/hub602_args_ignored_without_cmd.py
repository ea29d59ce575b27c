"""HUB602 args-ignored-without-cmd: ``c.KubeSpawner.args`` set while its ``cmd`` is not."""

from __future__ import annotations

from collections.abc import Iterator

from ..hits import Hit

_CMD_CLASSES = ("KubeSpawner", "Spawner")


def check_config(cfg, options) -> Iterator[Hit]:
    args = cfg.get("KubeSpawner", "args") or cfg.get("Spawner", "args")
    if args is None or cfg.spawner_cmd_declared():
        return
    value, _ = args
    if value.value in (None, []) or (isinstance(value.value, list) and not value.value):
        return
    yield Hit("KubeSpawner `args` are set but `cmd` is not: KubeSpawner then uses the image's CMD and ignores the "
              "args (it logs \"Ignoring arguments when using implicit command from image\"); set `c.KubeSpawner.cmd` "
              "too, e.g. `[\"jupyterhub-singleuser\"]`", *value.span)
