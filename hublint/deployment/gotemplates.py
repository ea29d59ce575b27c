"""Go template actions (``{{ … }}``) in a file helmfile renders before it reads it as YAML.

helmfile renders ``helmfile.yaml`` (and ``*.gotmpl``) with Go's text/template first: ``version: {{ env "V" |
default "3.3.0" }}`` is YAML only once rendered.  Nothing is rendered here: :func:`mask` turns each action into
a placeholder of the same length (so every line and column stays where it is written) — blank when it is the
only thing on its line (``{{- if … }}``, ``{{ end }}``), else :data:`MASK` characters, a plain scalar YAML reads
as text.  A scalar holding :data:`MASK` is computed; :func:`action_default` reads the one value a whole-scalar
action states: the default of ``env "X" | default "Y"``, the value unless the environment sets ``X``.
Both are linear in the text; an action that never closes is left as written (YAML then rejects the file).
"""

from __future__ import annotations

import re

__all__ = ["MASK", "mask", "action_default", "line_starts", "offset", "original"]

MASK = "\ue000"  # a private-use character: no file writes it, YAML reads it as text

# the one value an action states: `env "X" | default "Y"`, `default "Y" (env "X")` — whitespace made single spaces
# first (no pattern below then has two ways to match a run of it).  State values (`.Values.x | default "Y"`) are
# computed: helmfile fails on a key they lack, so a working helmfile's values set it and the default never applies
_OPERAND = r'(?:\( ?(?:env|requiredEnv) "[^"]*" ?\)|(?:env|requiredEnv) "[^"]*")'
_PIPED = re.compile(rf' ?{_OPERAND} ?\| ?default "([^"]*)" ?')
_CALLED = re.compile(rf' ?default "([^"]*)" {_OPERAND} ?')
_LONGEST = 512  # an action that states one default is short; a longer one is computed
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
        out.append("".join(c if c in _BREAKS else MASK for c in action))
        i = end + 2
    masked = "".join(out)
    lines = masked.split("\n")
    for n, line in enumerate(lines):
        if MASK in line and not line.replace(MASK, "").strip():
            lines[n] = " " * len(line)  # an action alone on its line: control (`{{ if }}`, `{{ end }}`), no value
    return "\n".join(lines)


# the line breaks of YAML as PyYAML counts them (its marks' lines): CRLF is one
_BREAKS = "\r\n\x85\u2028\u2029"
_BREAK = re.compile(f"\r\n|[{_BREAKS}]")


def line_starts(text: str) -> list[int]:
    """The index in ``text`` where each line starts, as YAML breaks lines (for :func:`offset`, once per file)."""
    return [0, *(m.end() for m in _BREAK.finditer(text))]


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
    if len(s) > _LONGEST:
        return None
    m = _ACTION.fullmatch(s)
    if m is None:
        return None
    inner = " ".join(m.group(1).split())
    found = _PIPED.fullmatch(inner) or _CALLED.fullmatch(inner)
    return found.group(1) if found is not None and found.group(1).strip() else None
