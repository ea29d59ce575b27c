"""SARIF 2.1.0 with ``tool.driver.rules[]`` from the rule pages and ``partialFingerprints``."""

import hashlib
import json

from .._version import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it from the repository); absolute ones become file
    URIs."""
    import os
    from urllib.parse import quote

    if os.path.isabs(path):
        return "file://" + quote(path.replace("\\", "/"), errors="surrogateescape")
    return quote(path.replace("\\", "/"), errors="surrogateescape")


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
                "help": {"text": p.body, "markdown": p.body},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {"tags": ["jupyterhub", "dockerfile"]},
            }
        )
    results = []
    for f in report.findings:
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
                            "artifactLocation": {"uri": _uri(f.path)},
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
                "results": results,
            }
        ],
    }


def render(report, out, **kw) -> None:
    from . import json_safe

    out.write(json.dumps(json_safe(document(report)), ensure_ascii=False, indent=2) + "\n")
