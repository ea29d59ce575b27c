"""GitLab Code Quality: a JSON array (no BOM) of ``description``, ``check_name``, ``fingerprint``, ``severity``
and ``location`` (``path`` relative to the repository root, ``lines.begin``).

The fingerprint identifies a finding across runs: a hash of the path, the rule, the message and the text of
the finding's first line (whitespace squeezed), plus the finding's rank among identical ones in that file —
never its line number, so lines inserted above it do not make GitLab report it as new.  GitLab collapses
entries with equal fingerprints, hence the rank.
"""

import hashlib
import json

_SEVERITY = {"error": "blocker", "warning": "major", "info": "info"}  # as hadolint's gitlab_codeclimate


def document(report) -> list:
    seen: dict[str, int] = {}
    out = []
    for person, f, _ in report.for_machines():
        source = report.sources.get(person.path, "")
        lines = source.split("\n") if source else []
        text = " ".join(lines[f.line - 1].split()) if 0 < f.line <= len(lines) else ""
        path = f.path
        basis = "\0".join((path, f.code, f.message, text))
        rank = seen.get(basis, 0)
        seen[basis] = rank + 1
        fingerprint = hashlib.sha256(f"{basis}\0{rank}".encode("utf-8", "surrogatepass")).hexdigest()
        out.append(
            {
                "description": f"{f.code} {f.message}" + (f" — {f.help}" if f.help else ""),
                "check_name": f"{f.code} {f.name}",
                "fingerprint": fingerprint,
                "severity": _SEVERITY[f.severity],
                "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}},
                "categories": ["Bug Risk"],
            }
        )
    return out


def render(report, out, **kw) -> None:
    from . import json_safe

    out.write(json.dumps(json_safe(document(report)), ensure_ascii=False, indent=2) + "\n")
