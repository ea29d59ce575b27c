"""What a run hands back: the findings, the errors, what was decided about each file, the deployments read,
the texts (for code frames) and the fixed texts (written by the command, never here)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..dockerfile.syntax import encode

if TYPE_CHECKING:
    from ..lint.finding import Finding
    from .graph import Deployment

__all__ = ["Report", "FileEntry", "Fixed"]


class FileEntry(NamedTuple):
    """One file (or build target, ``path#target``) and what was decided about it (JSON ``files``)."""

    path: str
    kind: str
    role: str | None
    reason: str
    linted: bool
    certainty: str | None = None  # how sure the role is (None: not an image)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "kind": self.kind,
            "role": self.role,
            "reason": self.reason,
            "linted": self.linted,
            "certainty": self.certainty,
        }


class Fixed(NamedTuple):
    """A file's text before and after fixing, how to encode it back, and how many fixes were applied."""

    before: str
    after: str
    codec: str
    bom: bytes
    applied: int  # how many fixes
    original: bytes | None = None  # the file's bytes when it was read (None: standard input)

    def encoded(self) -> bytes:
        return encode(self.after, self.codec, self.bom)


class Report:
    """Filled in by :func:`hublint.workspace.run.run`; read by the formatters, the command and the server."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.errors: list[str] = []
        self.files = 0
        self.fail_on: dict[str, str] = {}  # path -> the `fail-on` of the settings that linted it
        self.fixed: dict[str, Fixed] = {}
        self.sources: dict[str, str] = {}  # path -> the text linted (after fixes)
        self.entries: list[FileEntry] = []
        self.deployments: list[Deployment] = []  # the repositories the linted files belong to

    def deployment_json(self, relative_to: str) -> list[dict]:
        """Each deployment read (JSON), paths relative to ``relative_to``."""
        from .describe import deployment_json

        return [deployment_json(d, relative_to) for d in self.deployments]
