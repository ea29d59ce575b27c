"""Image references: ``[registry/]path[:tag][@digest]``, normalised as Docker does."""

from __future__ import annotations

from collections import namedtuple

__all__ = ["ImageRef", "parse_ref", "valid_reference"]

# distribution/reference's grammar (reference/regexp.go): [domain[:port]/]path(/path)*[:tag][@digest]
_LABEL = r"(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])"
_DOMAIN = rf"{_LABEL}(?:\.{_LABEL})*"
_PATH = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REFERENCE = (
    rf"(?:(?:{_DOMAIN}(?::[0-9]+)?|\[[0-9A-Fa-f:]+\](?::[0-9]+)?)/)?{_PATH}(?:/{_PATH})*"
    r"(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?"
)


class ImageRef(namedtuple("ImageRef", "raw registry path tag digest tag_offset", defaults=(None,))):
    # raw: str
    # registry: str
    # path: str
    # tag: str | None
    # digest: str | None
    # tag_offset: int | None = None
    __slots__ = ()

    @property
    def name(self) -> str:
        """Normalised name without tag: ``docker.io/library/python``."""
        return f"{self.registry}/{self.path}"

    @property
    def short(self) -> str:
        """The name as people write it (no ``docker.io/``, no ``library/``)."""
        if self.registry == "docker.io":
            return self.path[8:] if self.path.startswith("library/") else self.path
        return f"{self.registry}/{self.path}"

    @property
    def basename(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def namespace(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""


def parse_ref(raw: str) -> ImageRef:
    ref = raw
    digest = None
    if "@" in ref:
        ref, _, digest = ref.partition("@")
    tag = None
    tag_offset = None
    last_slash = ref.rfind("/")
    colon = ref.rfind(":")
    if colon > last_slash:
        tag = ref[colon + 1 :]
        tag_offset = colon + 1
        ref = ref[:colon]
    first, sep, rest = ref.partition("/")
    if sep and ("." in first or ":" in first or first == "localhost" or first != first.lower()):
        registry, path = first.lower(), rest
    else:
        registry, path = "docker.io", ref
    if registry in ("index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"):
        registry = "docker.io"
    if registry == "docker.io" and "/" not in path:
        path = f"library/{path}"
    return ImageRef(raw, registry, path.lower(), tag, digest, tag_offset)


def valid_reference(text: str) -> bool:
    """Does ``text`` follow Docker's reference grammar?  ``docker build`` fails on a FROM that does not
    (``team/base:julia:latest``, ``Ubuntu:22.04``: "invalid reference format")."""
    import re

    if re.fullmatch(_REFERENCE, text, re.ASCII) is None:
        return False
    name = text.split("@", 1)[0]
    colon = name.rfind(":")
    return len(name[:colon] if colon > name.rfind("/") else name) <= 255  # the name, without its tag
