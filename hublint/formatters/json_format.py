"""The versioned JSON object of INTERFACE.md, written with ``json.dumps``."""

import json

from .._version import __version__


def document(report) -> dict:
    summary = {"files": report.files, "error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        summary[f.severity] += 1
    return {
        "version": 1,
        "tool": {"name": "hublint", "version": __version__},
        "findings": [f.to_json() for f in report.findings],
        "summary": summary,
    }


def render(report, out, **kw) -> None:
    out.write(json.dumps(document(report), ensure_ascii=False, indent=2) + "\n")
