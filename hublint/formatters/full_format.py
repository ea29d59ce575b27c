"""For people: each finding with a code frame (a line of context either side) and the offending span underlined,
``[*]`` when ``--fix`` fixes it, its help, the rule's ``--explain`` once per rule; then a summary with the number
``--fix`` fixes.  Code and help print in the terminal's default colour, the gutter in blue (as ruff does).

Built from rich ``Text`` objects only — Dockerfile text never goes through markup, and the
highlighter is off, so ``notebook[test]`` prints as written.
"""

from __future__ import annotations

from . import printable

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
_MAX_FRAME = 6
_CONTEXT = 1  # lines shown before and after the finding's own


def _gutter(text: str, Text):
    """A frame row's gutter, in blue; what follows it keeps the terminal's default colour (as ruff prints code)."""
    row = Text()
    row.append(text, style="blue")
    return row


def _frame(text_lines: list[str], f, Text) -> list:
    """The finding's lines, underlined, with up to ``_CONTEXT`` lines of context either side."""
    out = []
    first = max(1, f.line)
    last = min(len(text_lines), max(f.end_line, first), first + _MAX_FRAME - 1)
    top = max(1, first - _CONTEXT)
    bottom = min(len(text_lines), last + _CONTEXT)
    while top < first and not text_lines[top - 1].strip():  # no blank line of context
        top += 1
    while bottom > last and not text_lines[bottom - 1].strip():
        bottom -= 1
    width = len(str(max(last, bottom)))
    out.append(_gutter(" " * width + " |", Text))
    for n in range(top, max(last, bottom) + 1):
        src = printable(text_lines[n - 1].rstrip("\r").replace("\t", " ")) if n <= len(text_lines) else ""
        row = _gutter(f"{n:>{width}} | ", Text)
        row.append(src)
        out.append(row)
        if first <= n <= last and (n == f.line or (f.line < n <= f.end_line)):
            start = f.column if n == f.line else 1
            end = f.end_column if n == f.end_line else len(src) + 1
            if end <= start:
                end = start + 1
            marker = _gutter(" " * width + " | ", Text)
            marker.append(" " * (start - 1) + "^" * (end - start), style=_STYLE[f.severity])
            out.append(marker)
    return out


def _fixable(f) -> bool:
    """Does ``--fix`` fix it (a safe fix; unsafe ones need ``--unsafe-fixes``)?"""
    return f.fix is not None and f.fix.applicability == "safe"


def render(report, out, **kw) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False, markup=False)
    lines_cache: dict[str, list[str]] = {}
    explained: set[str] = set()  # `= why:` once per rule in a run
    for f in report.findings:
        head = Text()
        head.append(f"{printable(f.path)}:{f.line}:{f.column}: ", style="bold")
        head.append(f.code, style=_STYLE[f.severity])
        if _fixable(f):
            head.append(" [*]", style="bold")
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
            helped = _gutter(" = ", Text)
            helped.append("help: ", style="bold")
            helped.append(printable(f.help))
            console.print(helped)
        if f.code not in explained:
            explained.add(f.code)
            hint = _gutter(" = ", Text)
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
    fixable = sum(1 for f in report.findings if _fixable(f))
    unsafe = sum(1 for f in report.findings if f.fix is not None and not _fixable(f))
    if fixable or unsafe:
        line = f"[*] {fixable} fixable with `--fix`" if fixable else "No fixes available with `--fix`"
        if unsafe:
            line += f" ({unsafe} more with `--unsafe-fixes`)"
        console.print(Text(line + "."))
    if len(report.entries) > 1 or any(e.role != "singleuser" for e in report.entries):
        console.print(Text(files_phrase(report) + ".", style="dim"))
