"""Go template actions (``{{ … }}``) in a file helmfile renders before it reads it as YAML.

helmfile renders ``helmfile.yaml`` (and ``*.gotmpl``) with Go's text/template first: ``version: {{ env "V" |
default "3.3.0" }}`` is YAML only once rendered.  Nothing is rendered here: :func:`mask` turns each action into
a placeholder of the same length (so every line and column stays where it is written) — blank when it is the
only thing on its line (``{{- if … }}``, ``{{ end }}``), else :data:`MASK` characters, a plain scalar YAML reads
as text.  A scalar holding :data:`MASK` is computed; :func:`action_default` reads the one value a whole-scalar
action states: the default of ``env "X" | default "Y"`` (or of state values, ``.Values.x | default "Y"``).
Both are linear in the text; an action that never closes is left as written (YAML then rejects the file).
"""

from __future__ import annotations

import re

__all__ = ["MASK", "mask", "action_default", "line_starts", "offset", "original"]

MASK = "\ue000"  # a private-use character: no file writes it, YAML reads it as text

# the one value an action states: `env "X" | default "Y"`, `.Values.x | default "Y"`, `default "Y" (env "X")`
_OPERAND = r'(?:\(?\s*(?:env|requiredEnv)\s+"[^"]*"\s*\)?|\.[A-Za-z_][\w.]*)'
_PIPED = re.compile(rf'\s*{_OPERAND}\s*\|\s*default\s+"([^"]*)"\s*')
_CALLED = re.compile(rf'\s*default\s+"([^"]*)"\s+{_OPERAND}\s*')
_ACTION = re.compile(r"\{\{-?(.*?)-?\}\}", re.S)


def mask(text: str) -> str:
    """``text`` with each closed ``{{ … }}`` action masked (see the module docstring); unchanged without one."""
    if "{{" not in text:
        return text
    out: list[str] = []
    i = 0
    while True:
        start = text.find("{{", i)
        end = text.find("}}", start + 2) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(text[i:])
            break
        out.append(text[i:start])
        action = text[start : end + 2]
        out.append("".join(c if c == "\n" else MASK for c in action))
        i = end + 2
    masked = "".join(out)
    lines = masked.split("\n")
    for n, line in enumerate(lines):
        if MASK in line and not line.replace(MASK, "").strip():
            lines[n] = " " * len(line)  # an action alone on its line: control (`{{ if }}`, `{{ end }}`), no value
    return "\n".join(lines)


def line_starts(text: str) -> list[int]:
    """The index in ``text`` where each line starts (for :func:`offset`, computed once per file)."""
    out = [0]
    i = text.find("\n")
    while i >= 0:
        out.append(i + 1)
        i = text.find("\n", i + 1)
    return out


def offset(starts: list[int], line: int, col: int) -> int:
    """The index of a 1-based (line, column), given the file's :func:`line_starts`."""
    return starts[line - 1] + col - 1 if 0 < line <= len(starts) else (starts[-1] if starts else 0)


def original(text: str, starts: list[int], span: tuple[int, int, int, int]) -> str:
    """The text written at a 1-based (line, column, end line, end column) span of ``text``."""
    return text[offset(starts, span[0], span[1]) : offset(starts, span[2], span[3])]


def action_default(written: str) -> str | None:
    """The default a scalar written as one action states (``{{ env "V" | default "3.3.0" }}``, quoted or not),
    or None: any other action is computed, its value unknown here."""
    s = written.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
        s = s[1:-1].strip()
    m = _ACTION.fullmatch(s)
    if m is None:
        return None
    inner = m.group(1)
    found = _PIPED.fullmatch(inner) or _CALLED.fullmatch(inner)
    return found.group(1) if found is not None and found.group(1).strip() else None
