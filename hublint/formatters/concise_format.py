"""``path:line:col: CODE [severity] message (name)`` — one line per finding, no colour."""

from . import printable


def line(f) -> str:
    """One line per finding: the message, then `` — `` and the help when there is one, then the rule's name
    (control characters escaped: one finding is one line)."""
    helped = f" — {f.help}" if f.help else ""
    return printable(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}{helped} ({f.name})")


def render(report, out, **kw) -> None:
    for f in report.findings:
        out.write(line(f) + "\n")
