"""The versioned JSON object of INTERFACE.md, written with ``json.dumps``; paths relative to the repository root
(:mod:`hublint.workspace.places`)."""

import json

from .._version import __version__


def document(report) -> dict:
    """Every path (findings, files, the deployment) relative to the repository root, as every machine format."""
    summary = {"files": report.files, "error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        summary[f.severity] += 1
    deployments = report.deployment_json()
    doc = {
        "version": 1,
        "tool": {"name": "hublint", "version": __version__},
        "findings": [f.to_json() for _, f, _ in report.for_machines()],
        "summary": summary,
        "files": report.entries_for_machines(),
        "deployment": deployments[0] if deployments else None,
    }
    if len(deployments) > 1:
        doc["deployments"] = deployments
    return doc


def render(report, out, **kw) -> None:
    from . import json_safe

    out.write(json.dumps(json_safe(document(report)), ensure_ascii=False, indent=2) + "\n")
