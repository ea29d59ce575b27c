"""A user's declaration of what one of their base images contains (``[images."…"]`` in the configuration)."""

from __future__ import annotations

from ..records import NamedTuple

__all__ = ["ImageSpec"]


class ImageSpec(NamedTuple):
    provides: tuple[str, ...] = ()  # requirement strings: ("jupyterhub==5.3.0", "jupyterlab")
    user: str | None = None
    cmd: tuple[str, ...] | None = None
    python: str | None = None
