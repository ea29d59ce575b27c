"""Values read from deployment files, with where they are written: shared by every reader of
:mod:`hublint.deployment` (the YAML loader, compose, values, ``jupyterhub_config.py``)."""

from __future__ import annotations

from ..records import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any

    from .dotenv import Str

__all__ = ["Value", "UNKNOWN_VALUE", "UnknownKey", "ConfigReadError", "Span", "encrypted_value"]

Span = tuple[int, int, int, int]


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN_VALUE = _Unknown()


def encrypted_value(text: str) -> bool:
    """Is this value encrypted in place — sops' or hiera-eyaml's ``ENC[METHOD,…]``?  Such a value is unknown
    (YAML's ``!vault`` tag is recognised by the YAML reader)."""
    return text.startswith("ENC[") and text.endswith("]") and "," in text and text[4:5].isalnum()


class UnknownKey(str):
    """A dict key hublint cannot compute (``{os.environ["X"] + "/data": "/home/jovyan/data"}``): the entry is
    kept, since its value may be known; the key shows as ``…``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "…"

    __str__ = __repr__


class ConfigReadError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, max(1, line), max(1, column)


class Value(NamedTuple):
    """A configuration value (str, int, bool, None, list of Value, dict of key -> Value, or UNKNOWN_VALUE)
    and where it is written.  ``origin``: for a value read from the environment (``os.environ[…]``), the
    :class:`hublint.deployment.dotenv.Str` it resolved to — written in another file (compose, ``.env``)."""

    value: Any
    span: Span
    origin: Str | None = None

    def plain(self):
        v = self.value
        if isinstance(v, list):
            return [x.plain() for x in v]
        if isinstance(v, dict):
            return {k: x.plain() for k, x in v.items()}
        return v
