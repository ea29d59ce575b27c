"""Files a run lists but does not read: encrypted files (:func:`.sources.encryption`) and bytes that are not text.

HUB001 "not a Dockerfile" is for Dockerfiles only (by name or by a build definition): a Hub configuration or
compose file that is not text gets HUB001 without those words, and a YAML file, ``.env`` or build script that
discovery only guessed at is listed as unreadable and skipped.
"""

from __future__ import annotations

import os
import re

from ..dockerfile.syntax import ParseError
from ..lazy import pattern
from ..records import TYPE_CHECKING
from .discover import BUILD_KINDS, dockerfile_name
from .report import FileEntry
from .sources import ReadProblem, Source, encryption

if TYPE_CHECKING:
    from ..lint.engine import Linter
    from ..lint.finding import Finding

__all__ = ["unread", "stdin_encryption"]


def stdin_encryption(text: str | None, raw: bytes | None) -> str | None:
    """The tool standard input (already decoded ``text``, else ``raw``) is encrypted with, or None."""
    return encryption(text.encode("utf-8", "replace") if text is not None else raw or b"")


def unread(
    path: str, read: Source | ReadProblem, kind: str, explicit: bool, linter: Linter, scheme: str | None
) -> tuple[list[Finding], FileEntry] | None:
    """(findings, entry) of a file that is not read — encrypted with ``scheme``, or undecodable (``read``) — or
    None for a file to read."""
    if scheme is not None:
        return [], FileEntry(path, "encrypted", None, f"encrypted ({scheme}): not read", False)
    if not isinstance(read, ReadProblem):
        return None
    error = read.parse_error
    assert error is not None
    if kind == "dockerfile":
        return linter.parse_error(error, path), FileEntry(path, kind, None, f"cannot be read: {read.message}", True)
    message = read.message.removesuffix(": not a Dockerfile")
    entry = FileEntry(path, kind, None, f"cannot be read: {message}", True)
    if kind in BUILD_KINDS or (not explicit and kind in ("values", "env")):
        return [], entry._replace(linted=False)  # a build definition is read for the deployment, never linted
    return linter.parse_error(ParseError(message, error.line, error.column), path, "file"), entry


_PIECE_NAMES = ("Dockerfile.", "Dockerfile-", "Dockerfile_", "Containerfile.")  # `Dockerfile.<part>`
_FROM_LINE = pattern(r"^[ \t]*from[ \t]", re.IGNORECASE | re.MULTILINE)


def fragment(path: str, text: str) -> FileEntry | None:
    """A ``Dockerfile.<part>`` (``Dockerfile.libs``, ``Dockerfile-trailer``, ``Containerfile.certs``) with
    instructions and no FROM at all: a piece a script appends to other Dockerfiles (``cat
    Dockerfile.custom Dockerfile.trailer``), never built alone, so not judged as a Dockerfile: its entry, else None.
    A file of another name, named on the command line, is one to judge."""
    name = os.path.basename(path)
    if not (dockerfile_name(name) and name.startswith(_PIECE_NAMES)) or not text.strip():
        return None
    if _FROM_LINE.search(text) is not None:
        return None
    return FileEntry(path, "dockerfile", None, "a fragment (no FROM): assembled into other Dockerfiles", False)
