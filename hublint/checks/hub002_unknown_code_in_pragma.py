"""HUB002 unknown-code-in-pragma: a hublint pragma names no known rule, or no role.

Reported by the engine itself (pragmas) and by the workspace (a `# hublint role=` pragma): no check function."""

from ..lint.rule import Rule

RULE = Rule(
    "HUB002", "unknown-code-in-pragma", "warning", "A hublint pragma names an unknown rule", takes=(), premises=()
)
