"""The versioned JSON object of INTERFACE.md, written with ``json.dumps``."""

import json

from .._version import __version__


def document(report) -> dict:
    summary = {"files": report.files, "error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        summary[f.severity] += 1
    import os

    deployments = report.deployment_json(os.getcwd())
    doc = {
        "version": 1,
        "tool": {"name": "hublint", "version": __version__},
        "findings": [f.to_json() for f in report.findings],
        "summary": summary,
        "files": [e.to_json() for e in report.entries],
        "deployment": deployments[0] if deployments else None,
    }
    if len(deployments) > 1:
        doc["deployments"] = deployments
    return doc


def render(report, out, **kw) -> None:
    from . import json_safe

    out.write(json.dumps(json_safe(document(report)), ensure_ascii=False, indent=2) + "\n")
