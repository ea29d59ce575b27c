"""What a run hands back: the findings, the errors, what was decided about each file, the deployments read,
the texts (for code frames) and the fixed texts (written by the command, never here)."""

from __future__ import annotations

import os

from ..dockerfile.syntax import encode
from ..records import TYPE_CHECKING, NamedTuple
from .places import Bases, shown

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
    target: str | None = None  # the build target a ``path#target`` entry names

    @property
    def file(self) -> str:
        """The file's path (``path`` without its ``#target``)."""
        return self.path[: -len(self.target) - 1] if self.target else self.path

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
    """Filled in by :func:`hublint.workspace.run.run`; read by the formatters, the command and the server.

    ``findings`` name files, and the paths in their messages, for people (:mod:`.places`): as they were named,
    relative to the working folder; :meth:`for_machines` gives them for the machine formats, relative to the
    repository root."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.cwd = os.getcwd()
        self.folders: list[str] = []  # the folder arguments in no repository (their files' base: .places)
        self._marked: list[Finding] = []  # the findings as the rules wrote them (marked paths: .places)
        self.errors: list[str] = []
        self.files = 0
        self.fail_on: dict[str, str] = {}  # path -> the `fail-on` of the settings that linted it
        self.fixed: dict[str, Fixed] = {}
        self.sources: dict[str, str] = {}  # path -> the text linted (after fixes)
        self.entries: list[FileEntry] = []
        self.deployments: list[Deployment] = []  # the repositories the linted files belong to

    def finish(self) -> None:
        """Show the paths inside messages on the base of their finding, for people (the run's last step)."""
        self.cwd = os.getcwd()
        self._marked = self.findings
        bases = self.bases()
        self.findings = [_rebased(f, f.path, bases.for_people(f.path)) for f in self._marked]

    def bases(self) -> Bases:
        return Bases(self.cwd, tuple(self.folders))

    def for_machines(self) -> list[tuple[Finding, Finding, str | None]]:
        """(finding for people, the same for machines, the repository root it is relative to) of each finding, in
        order: for machines its path and the paths in its message are relative to the repository root (in no
        repository — root None — as for people: :mod:`.places`)."""
        bases = self.bases()
        out = []
        marked = self._marked if len(self._marked) == len(self.findings) else self.findings
        for person, f in zip(self.findings, marked, strict=True):
            path, root = bases.for_machines(f.path)
            machine = _rebased(f, path, root, posix=True) if root is not None else person
            out.append((person, machine, root))
        return out

    def entries_for_machines(self) -> list[dict]:
        """JSON ``files``: each entry's path relative to the repository root, as the machine formats' findings."""
        bases = self.bases()
        out = []
        for e in self.entries:
            doc = e.to_json()
            doc["path"] = bases.for_machines(e.file)[0] + (f"#{e.target}" if e.target else "")
            out.append(doc)
        return out

    def deployment_json(self, relative_to: str | None = None) -> list[dict]:
        """Each deployment read (JSON), paths relative to ``relative_to`` (None: the machine formats' base, the
        repository root; in no repository, the working folder)."""
        from .describe import deployment_json

        bases = self.bases()
        return [deployment_json(d, relative_to or bases.root(d.root) or self.cwd) for d in self.deployments]


def _rebased(f: Finding, path: str, base: str | None, posix: bool = False) -> Finding:
    """``f`` named ``path``, with the marked paths of its message and help relative to ``base``."""
    message, help = shown(f.message, base, posix), shown(f.help, base, posix) if f.help else f.help
    if (path, message, help) == (f.path, f.message, f.help):
        return f
    return f._replace(path=path, message=message, help=help)
