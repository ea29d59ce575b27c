"""``path:line:col: CODE [severity] message (name)`` — one line per finding, no colour."""


def line(f) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message} ({f.name})"


def render(report, out, **kw) -> None:
    for f in report.findings:
        out.write(line(f) + "\n")
