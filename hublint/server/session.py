"""What the language server knows and computes, without the protocol: open documents, their findings, the
edits of quick fixes, ignore pragmas and fix-all, and hover text.  Positions here are LSP positions (0-based
lines, UTF-16 code units); findings use 1-based lines and code-point columns.

Imports only hublint's own modules (and only when first needed), never pygls or lsprotocol: the protocol
layer (:mod:`.lsp`) turns these plain values into LSP types, and the tests drive this module directly too.
"""

from __future__ import annotations

import os
import re

from ..lazy import pattern
from ..records import namedtuple

__all__ = ["Session", "Document", "Diagnostic", "Action", "TextEdit", "RULES_URL", "MAX_DOCUMENT_BYTES"]

# the rule pages, as published with the source (codeDescription.href, SARIF helpUri)
RULES_URL = "https://github.com/hublint/hublint/blob/main/rules/"
# a document larger than this is not linted (one diagnostic says so): every handler stays bounded
MAX_DOCUMENT_BYTES = 2_000_000

Document = namedtuple("Document", "uri path text version kind")
# range: ((line, character), (line, character)); severity: "error" | "warning" | "info"
Diagnostic = namedtuple("Diagnostic", "range severity code message href data")
TextEdit = namedtuple("TextEdit", "range new_text")
# kind: "quickfix" | "source.fixAll.hublint"; preferred: an editor may apply it on its own (safe fixes)
Action = namedtuple("Action", "title kind edits diagnostic preferred")

_DIRECTIVE = pattern(r"#[ \t]*(syntax|escape|check)[ \t]*=", re.I)


def uri_to_path(uri: str) -> str | None:
    """A ``file:`` URI as a local path (None for other schemes: untitled buffers, remote files)."""
    from urllib.parse import unquote, urlparse

    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and re.match(r"/[A-Za-z]:", path):  # pragma: no cover - Windows
        path = path[1:]
    return os.path.normpath(path)


def document_kind(path: str, language_id: str | None = None) -> str | None:
    """ "dockerfile", a deployment kind ("hub-config", "values", "compose", "env", "chart", …), or None for a
    file hublint does not read."""
    from ..workspace.discover import kind_of

    found = kind_of(path)
    if found is not None:
        return found
    return "dockerfile" if language_id in ("dockerfile", "containerfile") else None


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _lines(text: str) -> list[str]:
    return text.split("\n")


def to_position(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """1-based (line, code-point column) -> LSP (line, UTF-16 character)."""
    index = max(0, line - 1)
    if index >= len(lines):
        return len(lines) - 1 if lines else 0, _utf16(lines[-1]) if lines else 0
    return index, _utf16(lines[index][: max(0, column - 1)])


def from_position(lines: list[str], line: int, character: int) -> tuple[int, int]:
    """LSP (line, UTF-16 character) -> 1-based (line, code-point column)."""
    if line >= len(lines):
        return len(lines), len(lines[-1]) + 1 if lines else 1
    text = lines[line]
    units = 0
    for i, ch in enumerate(text):
        if units >= character:
            return line + 1, i + 1
        units += 2 if ord(ch) > 0xFFFF else 1
    return line + 1, len(text) + 1


class Session:
    """Open documents and the options the editor gave (``hub-version``, ``select``, ``ignore``)."""

    def __init__(self, settings: dict | None = None) -> None:
        from ..workspace.workspace import Workspace

        self.workspace = Workspace()  # configuration files found and deployments built, until files change
        self.documents: dict[str, Document] = {}
        self.settings: dict = {}
        self.findings: dict[str, list] = {}  # uri -> the findings of its last lint
        self.configure(settings or {})

    # ------------------------------------------------------------------ settings
    def configure(self, settings: dict) -> list[str]:
        """Take the editor's settings (initialization options); returns the problems found in them (each also
        makes the setting ignored)."""
        from ..checks.registry import resolve_selector

        problems = []
        clean: dict = {}
        if not isinstance(settings, dict):
            return ["hublint: initialization options must be an object"]
        from ..settings.config import is_version

        hub = settings.get("hub-version", settings.get("hubVersion"))
        if isinstance(hub, str) and is_version(hub.strip()):
            clean["hub_version"] = hub.strip()
        elif hub is not None:
            problems.append('hublint: `hub-version` must be a string such as "5.3.0"')
        for key in ("select", "ignore"):
            value = settings.get(key)
            if value is None:
                continue
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                problems.append(f"hublint: `{key}` must be a list of rule codes, names or prefixes")
                continue
            bad = [i for i in items if resolve_selector(i) is None]
            if bad:
                problems.append(f"hublint: `{key}` {bad[0]!r} is not a rule code, name or code prefix")
            items = [i for i in items if resolve_selector(i) is not None]
            clean[key] = items
        self.settings = clean
        return problems

    def _cli(self) -> dict:
        return {
            "hub_version": self.settings.get("hub_version"),
            "select": self.settings.get("select"),
            "ignore": self.settings.get("ignore"),
        }

    # ------------------------------------------------------------------ documents
    def open(self, uri: str, text: str, version: int | None = None, language_id: str | None = None) -> Document | None:
        path = uri_to_path(uri)
        if path is None:
            return None
        kind = document_kind(path, language_id)
        if kind is None:
            return None
        doc = Document(uri, path, text, version, kind)
        self.documents[uri] = doc
        return doc

    def change(self, uri: str, text: str, version: int | None = None) -> Document | None:
        doc = self.documents.get(uri)
        if doc is None:
            return None
        doc = doc._replace(text=text, version=version)
        self.documents[uri] = doc
        return doc

    def close(self, uri: str) -> None:
        self.documents.pop(uri, None)
        self.findings.pop(uri, None)

    def deployment_changed(self) -> None:
        """A deployment or configuration file changed on disk: build the deployments again on next lint."""
        self.workspace.forget()

    # ------------------------------------------------------------------ linting
    def _overrides(self, doc: Document) -> dict[str, str]:
        """Unsaved deployment files open in the editor: the deployment reads their text, not the disk's."""
        return {d.path: d.text for d in self.documents.values() if d.kind != "dockerfile" and d.uri != doc.uri}

    def _report(self, doc: Document, fix: str | None = None):
        from ..workspace.run import Request, run

        request = Request(
            ["-"],
            self._cli(),
            stdin=doc.text.encode("utf-8", "surrogatepass"),
            stdin_filename=doc.path,
            fix=fix,
            overrides=self._overrides(doc),
            stdin_in_project=doc.kind != "dockerfile",
        )
        return run(request, self.workspace)

    def lint(self, uri: str) -> list[Diagnostic]:
        """Diagnostics of an open document (its text as typed, its folder as build context)."""
        doc = self.documents.get(uri)
        if doc is None:
            return []
        if len(doc.text) > MAX_DOCUMENT_BYTES or len(doc.text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
            self.findings[uri] = []
            return [
                Diagnostic(
                    ((0, 0), (0, 0)),
                    "error",
                    "HUB001",
                    f"hublint does not lint a file larger than {MAX_DOCUMENT_BYTES // 1_000_000} MB",
                    RULES_URL + "HUB001-parse-error.md",
                    None,
                )
            ]
        report = self._report(doc)
        findings = [f for f in report.findings if os.path.abspath(f.path) == doc.path or f.path == "-"]
        self.findings[uri] = findings
        lines = _lines(doc.text)
        out = []
        for f in findings:
            start = to_position(lines, f.line, f.column)
            end = to_position(lines, f.end_line, f.end_column)
            message = f.message + (f" — {f.help}" if f.help else "")
            data = {"code": f.code, "fix": f.fix.applicability if f.fix is not None else None}
            out.append(Diagnostic((start, end), f.severity, f.code, message, _page_url(f.code), data))
        # errors about the document itself (a bad configuration file) are not findings: say them once
        for error in report.errors:
            out.append(Diagnostic(((0, 0), (0, 0)), "error", "HUB001", error, None, None))
        return out

    # ------------------------------------------------------------------ code actions
    def _edits(self, doc: Document, fix) -> list[TextEdit]:
        lines = _lines(doc.text)
        return [
            TextEdit((to_position(lines, e.line, e.column), to_position(lines, e.end_line, e.end_column)), e.content)
            for e in fix.edits
        ]

    def code_actions(
        self, uri: str, start: tuple[int, int], end: tuple[int, int], only: list[str] | None = None
    ) -> list[Action]:
        """Quick fixes and ignore actions for the findings that touch the range; fix-all for the document."""
        doc = self.documents.get(uri)
        if doc is None:
            return []
        findings = self.findings.get(uri)
        if findings is None:
            self.lint(uri)
            findings = self.findings.get(uri, [])
        lines = _lines(doc.text)
        out: list[Action] = []
        want_quick = not only or any(k == "quickfix" or "quickfix".startswith(k) for k in only)
        want_all = not only or any("source.fixAll.hublint".startswith(k) for k in only)
        if want_quick:
            for f in findings:
                a = to_position(lines, f.line, f.column)
                b = to_position(lines, f.end_line, f.end_column)
                if b < start or a > end:
                    continue
                if f.fix is not None:
                    safe = f.fix.applicability == "safe"
                    title = f"{f.fix.message} ({f.code})" + ("" if safe else " — unsafe: review the result")
                    out.append(Action(title, "quickfix", self._edits(doc, f.fix), f, safe))
                out.append(
                    Action(
                        f"Ignore {f.code} for this line",
                        "quickfix",
                        [self._pragma_edit(doc, f, file_wide=False)],
                        f,
                        False,
                    )
                )
                out.append(
                    Action(
                        f"Ignore {f.code} for this file",
                        "quickfix",
                        [self._pragma_edit(doc, f, file_wide=True)],
                        f,
                        False,
                    )
                )
        if want_all:
            edit = self.fix_all(uri)
            if edit is not None:
                out.append(Action("Fix all safe hublint findings", "source.fixAll.hublint", [edit], None, False))
        return out

    def fix_all(self, uri: str) -> TextEdit | None:
        """Every safe fix, as one edit of the whole document (None when there is nothing to fix)."""
        doc = self.documents.get(uri)
        if doc is None or len(doc.text) > MAX_DOCUMENT_BYTES:
            return None
        report = self._report(doc, fix="safe")
        fixed = next(iter(report.fixed.values()), None)
        if fixed is None or fixed.after == doc.text:
            return None
        lines = _lines(doc.text)
        return TextEdit(((0, 0), (len(lines) - 1, _utf16(lines[-1]))), fixed.after)

    def _pragma_edit(self, doc: Document, finding, file_wide: bool) -> TextEdit:
        """Insert `# hublint ignore=CODE` above the finding's instruction (or statement), or
        `# hublint global ignore=CODE` at the top of the file (after a Dockerfile's parser directives)."""
        lines = _lines(doc.text)
        newline = "\r\n" if "\r\n" in doc.text else "\n"
        if file_wide:
            at = 0
            if doc.kind == "dockerfile":
                while at < len(lines) and _DIRECTIVE.match(lines[at].strip()):
                    at += 1
            return TextEdit(((at, 0), (at, 0)), f"# hublint global ignore={finding.code}{newline}")
        line = self._statement_start(doc, finding.line)
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        indent = text[: len(text) - len(text.lstrip())]
        return TextEdit(((line - 1, 0), (line - 1, 0)), f"{indent}# hublint ignore={finding.code}{newline}")

    def _statement_start(self, doc: Document, line: int) -> int:
        """The first line of the Dockerfile instruction holding ``line`` (a continuation line's instruction)."""
        if doc.kind != "dockerfile":
            return line
        from ..dockerfile.syntax import ParseError, scan

        try:
            parsed = scan(doc.text)
        except (ParseError, RecursionError, ValueError):
            return line
        for ins in parsed.instructions:
            if ins.start_line <= line <= ins.end_line:
                return ins.start_line
        return line

    # ------------------------------------------------------------------ hover
    def hover(self, uri: str, line: int, character: int) -> str | None:
        """The rule page (markdown) for a finding under the cursor, or a code in a `# hublint ignore=` pragma."""
        doc = self.documents.get(uri)
        if doc is None:
            return None
        lines = _lines(doc.text)
        if line < len(lines):
            _, column = from_position(lines, line, character)
            text = lines[line]
            for m in re.finditer(r"HUB\d{3}", text):
                if m.start() < column <= m.end() + 1 and re.search(r"#\s*hublint\b", text[: m.start()]):
                    return _page_text(m.group(0))
        for f in self.findings.get(uri, []):
            a = to_position(lines, f.line, f.column)
            b = to_position(lines, f.end_line, f.end_column)
            if a <= (line, character) <= b:
                return (
                    f"**{f.code}** {f.message}"
                    + (f"\n\n*help:* {f.help}" if f.help else "")
                    + "\n\n---\n\n"
                    + (_page_text(f.code) or "")
                )
        return None


def _page_url(code: str) -> str | None:
    from ..checks.registry import BY_CODE

    rule = BY_CODE.get(code)
    return RULES_URL + rule.page if rule is not None else None


def _page_text(code: str) -> str | None:
    from ..checks.pages import page
    from ..checks.registry import BY_CODE

    if code not in BY_CODE:
        return None
    return page(code).shown
