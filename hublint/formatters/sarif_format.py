"""SARIF 2.1.0 with ``tool.driver.rules[]`` from the rule pages and ``partialFingerprints``; each location relative
to the repository root (``uriBaseId`` ``%SRCROOT%``, given in ``originalUriBaseIds`` as a ``file:`` URI)."""

import hashlib
import json
import os

from .._version import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A path relative to its base, as a relative URI reference; an absolute one (a file in no repository, named
    so) as a file URI."""
    from urllib.parse import quote

    if os.path.isabs(path):
        return "file://" + quote(path.replace("\\", "/"), errors="surrogateescape")
    return quote(path.replace("\\", "/"), errors="surrogateescape")


def _folder_uri(folder: str) -> str:
    """A folder as a ``file:`` URI ending in ``/`` (SARIF's ``originalUriBaseIds`` require the slash)."""
    from pathlib import Path

    uri = Path(folder).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _base_ids(bases: list[str]) -> dict[str, str]:
    """Folder -> its ``uriBaseId``: ``%SRCROOT%`` for the first (the working folder's repository root, the one code
    scanning resolves paths from), ``%SRCROOT2%``… for files of other repositories or of none."""
    ids: dict[str, str] = {}
    for base in bases:
        if base not in ids:
            ids[base] = "%SRCROOT%" if not ids else f"%SRCROOT{len(ids) + 1}%"
    return ids


def document(report) -> dict:
    from ..checks.pages import page
    from ..checks.registry import RULES

    rules = []
    index = {}
    for i, rule in enumerate(RULES):
        p = page(rule.code)
        index[rule.code] = i
        rules.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": p.sections.get("What it does", rule.summary).strip()},
                "help": {"text": p.shown, "markdown": p.shown},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {"tags": ["jupyterhub", "dockerfile"]},
            }
        )
    results = []
    located = report.for_machines()  # paths relative to the repository root
    primary = report.bases().primary
    cwd = report.bases().cwd
    # a file in no repository is named as for people: from the working folder (or absolute, without a base)
    located = [(f, base or (None if os.path.isabs(f.path) else cwd)) for _, f, base in located]
    ids = _base_ids(([primary] if primary is not None else []) + [base for _, base in located if base is not None])
    for f, base in located:
        fp = hashlib.sha256(f"{f.path}\0{f.code}\0{f.message}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _LEVEL[f.severity],
                "message": {
                    "text": f.message + (f" — {f.help}" if f.help else ""),
                    **({"markdown": f"{f.message}\n\n**Fix:** {f.help}"} if f.help else {}),
                },
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": _uri(f.path),
                                **({"uriBaseId": ids[base]} if base is not None else {}),
                            },
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": max(f.end_column, f.column + 1),
                            },
                        }
                    }
                ],
                "partialFingerprints": {"primaryLocationLineHash": f"{fp}:1"},
            }
        )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "hublint", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                **({"originalUriBaseIds": {i: {"uri": _folder_uri(b)} for b, i in ids.items()}} if ids else {}),
                "results": results,
            }
        ],
    }


def render(report, out, **kw) -> None:
    from . import json_safe

    out.write(json.dumps(json_safe(document(report)), ensure_ascii=False, indent=2) + "\n")
