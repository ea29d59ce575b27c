"""Output formats.  Each module has ``render(report, out, **kw)`` over a :class:`hublint.workspace.report.Report`;
machine formats are written with ``json.dumps`` (or the standard library's XML), never through rich.

The deployment as a picture (``--show-deployment --format mermaid|dot``, the terminal's tree, the GitHub
Action's job summary): :mod:`.deployment_graph` draws nodes and edges from the JSON ``deployment`` (a pure
function of JSON), :mod:`.graph_syntax` writes Mermaid and DOT, :mod:`.deployment_tree` a rich tree.

Imports: :mod:`hublint.workspace` (the report), :mod:`hublint.checks` (rule metadata and pages for SARIF),
:mod:`hublint.lint` and this package; never the server or the command line.
"""

FORMATS = ("full", "concise", "json", "sarif", "github", "gitlab", "checkstyle")
GRAPH_FORMATS = ("mermaid", "dot")  # the deployment as a picture: --show-deployment only (.graph_syntax)

# control characters (C0 but tab, DEL, C1) and lone surrogates: never written as they are
_UNPRINTABLE = None


def printable(text: str) -> str:
    """Text for a line of human or log output: control characters and lone surrogates written as escapes
    (``\\n``, ``\\x1b``, ``\\udc80``), so that a file name or a file's text cannot start a new line — a forged
    GitHub workflow command, a terminal escape sequence — or fail to encode."""
    global _UNPRINTABLE
    if _UNPRINTABLE is None:
        import re

        _UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m) -> str:
    ch = m.group(0)
    return {"\n": "\\n", "\r": "\\r"}.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def json_safe(value):
    """A JSON document with every lone surrogate (a file name that is not UTF-8) replaced by U+FFFD: valid in
    every encoding the output may use; JSON escapes the control characters itself."""
    if isinstance(value, str):
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
        return value
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    return value


def render(fmt: str, report, out, **kw) -> None:
    import sys

    name = f"hublint.formatters.{fmt}_format"
    if name not in sys.modules:
        __import__(name)  # importlib (and its warnings) stays off the start-up path
    sys.modules[name].render(report, out, **kw)


_ROLE_WORDS = (("singleuser", "single-user image"), ("hub", "Hub image"), ("other", "other image"))
_KIND_WORDS = (
    ("hub-config", "Hub configuration"),
    ("values", "values file"),
    ("compose", "compose file"),
    ("env", ".env file"),
    ("chart", "chart file"),
    ("chartpress", "chartpress file"),
    ("build-script", "build script"),
    ("encrypted", "encrypted file"),
    ("ci", "CI file"),
    ("bake", "bake file"),
    ("hubploy", "hubploy file"),
    ("terraform", "Terraform file"),
)


def role_counts(entries) -> list[tuple[str, int]]:
    """(phrase, count) of the files a run read: images by role, then deployment files by kind."""
    out = []
    for role, word in _ROLE_WORDS:
        n = sum(1 for e in entries if e.kind == "dockerfile" and e.role == role)
        out.append((f"{word}{'s' if n != 1 else ''}" + (" skipped" if role == "other" else ""), n))
    unknown = sum(1 for e in entries if e.kind == "dockerfile" and e.role is None)
    out.append((f"unreadable Dockerfile{'s' if unknown != 1 else ''}", unknown))
    for kind, word in _KIND_WORDS:
        n = sum(1 for e in entries if e.kind == kind)
        out.append((f"{word}{'s' if n != 1 else ''}", n))
    return out


def files_phrase(report) -> str:
    """ "12 files: 5 single-user images, 2 Hub images, 4 other images skipped, 1 Hub configuration"."""
    n = report.files
    parts = [f"{count} {what}" for what, count in role_counts(report.entries) if count]
    head = f"{n} file{'s' if n != 1 else ''}"
    return f"{head}: {', '.join(parts)}" if parts else head
