"""HUB001 parse-error: the file is not one BuildKit (or, for a deployment file, hublint) can read.

Reported by the engine itself (:mod:`hublint.lint.engine`): it has no check function."""

from ..lint.rule import Rule

RULE = Rule("HUB001", "parse-error", "error", "The file is not a Dockerfile BuildKit can read", takes=(), premises=())
