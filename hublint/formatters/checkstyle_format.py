"""Checkstyle XML (Jenkins warnings-ng, reviewdog ``-f=checkstyle``): one ``<file>`` per path, one ``<error>``
per finding with ``line``, ``column``, ``severity`` (error|warning|info), ``message`` and ``source``
(``hublint.HUB101``), every attribute escaped."""

from xml.sax.saxutils import quoteattr

from .._version import __version__


def _clean(text: str) -> str:
    """XML 1.0 allows no control characters but tab, newline and carriage return, and no lone surrogates."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff" and not "\ud800" <= ch <= "\udfff")
    )


def render(report, out, **kw) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<checkstyle version="4.3" generator={quoteattr("hublint " + __version__)}>\n')
    by_file: dict[str, list] = {}
    for _, f, _ in report.for_machines():  # paths relative to the repository root
        by_file.setdefault(f.path, []).append(f)
    for path, findings in by_file.items():
        out.write(f"  <file name={quoteattr(_clean(path))}>\n")
        for f in findings:
            message = f.message + (f" — {f.help}" if f.help else "")
            out.write(
                f'    <error line="{f.line}" column="{f.column}" severity="{f.severity}" '
                f"message={quoteattr(_clean(message))} source={quoteattr('hublint.' + f.code)}/>\n"
            )
        out.write("  </file>\n")
    out.write("</checkstyle>\n")
