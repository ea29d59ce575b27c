"""For people: each finding with a code frame and the offending span underlined, then a summary.

Built from rich ``Text`` objects only — Dockerfile text never goes through markup, and the
highlighter is off, so ``notebook[test]`` prints as written.
"""

from __future__ import annotations

from . import printable

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
_MAX_FRAME = 6


def _frame(text_lines: list[str], f, Text) -> list:
    out = []
    first = max(1, f.line)
    last = min(len(text_lines), max(f.end_line, first), first + _MAX_FRAME - 1)
    width = len(str(last))
    out.append(Text(" " * width + " |", style="blue"))
    for n in range(first, last + 1):
        src = printable(text_lines[n - 1].rstrip("\r").replace("\t", " ")) if n <= len(text_lines) else ""
        row = Text(f"{n:>{width}} | ", style="blue")
        row.append(src)
        out.append(row)
        if n == f.line or (f.line < n <= f.end_line):
            start = f.column if n == f.line else 1
            end = f.end_column if n == f.end_line else len(src) + 1
            if end <= start:
                end = start + 1
            marker = Text(" " * width + " | ", style="blue")
            marker.append(" " * (start - 1) + "^" * (end - start), style=_STYLE[f.severity])
            out.append(marker)
    return out


def render(report, out, **kw) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False, markup=False)
    lines_cache: dict[str, list[str]] = {}
    for f in report.findings:
        head = Text()
        head.append(f"{printable(f.path)}:{f.line}:{f.column}: ", style="bold")
        head.append(f.code, style=_STYLE[f.severity])
        head.append(f" [{f.severity}] ")
        head.append(printable(f.message))
        head.append(f" ({f.name})", style="dim")
        console.print(head)
        source = report.sources.get(f.path)
        if source is not None:
            if f.path not in lines_cache:
                lines_cache[f.path] = source.split("\n")
            for row in _frame(lines_cache[f.path], f, Text):
                console.print(row)
        if f.help:
            helped = Text(" = ", style="blue")
            helped.append("help: ", style="bold")
            helped.append(printable(f.help))
            console.print(helped)
        hint = Text(" = ", style="blue")
        hint.append(f"why: hublint --explain {f.code}", style="dim")
        console.print(hint)
        console.print()
    from . import files_phrase

    counts = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        counts[f.severity] += 1
    files = report.files
    if report.findings:
        parts = [f"{n} {sev}{'s' if n != 1 and sev != 'info' else ''}" for sev, n in counts.items() if n]
        summary = Text(
            f"Found {len(report.findings)} problem{'s' if len(report.findings) != 1 else ''} "
            f"({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}.",
            style="bold",
        )
    else:
        summary = Text(f"No problems found in {files} file{'s' if files != 1 else ''}.", style="bold green")
    console.print(summary)
    if len(report.entries) > 1 or any(e.role != "singleuser" for e in report.entries):
        console.print(Text(files_phrase(report) + ".", style="dim"))
