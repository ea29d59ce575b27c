"""HUB003 file-not-read: a file hublint would read is a link out of the repository (or lies outside it): it is
listed and reported, never read.

Reported by the workspace (:mod:`hublint.workspace.run`), which reads files: it has no check function."""

from ..lint.rule import Rule

RULE = Rule(
    "HUB003",
    "file-not-read",
    "warning",
    "A file hublint would read is a link out of the repository: not read",
    takes=(),
    premises=(),
)
