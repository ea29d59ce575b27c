"""The fix HUB203 and HUB204 share: pin jupyterhub to ``--hub-version`` (the spec, or the ARG default feeding it)."""

from __future__ import annotations

from ..dockerfile.syntax import parse_words
from ..edits import Edit, Fix
from ..image.installs import Install
from ..lazy import pattern
from ..lint.fixes import edit, fix, text_at
from ..lint.inputs import ImageInput

_VAR = pattern(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")
_PLAIN = pattern(r"[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[A-Za-z0-9_,. -]*\])?")


def pin_fix(inp: ImageInput, inst: Install) -> Fix | None:
    hub = inp.hub_version
    if not hub or " " in hub or inst.source or inst.span is None or not inst.raw:
        return None  # no version, or only a range of them (a development chart): nothing to pin to
    op = "==" if inst.manager == "pip" else "="
    raw = inst.raw
    quote = raw[0] if raw[:1] in ("'", '"') and raw.endswith(raw[0]) and len(raw) > 1 else ""
    body = raw[1:-1] if quote else raw
    m = _VAR.search(body)
    if m:
        return _arg_fix(inp, inst, m.group(1), hub)
    name = _PLAIN.match(body)
    if name is None or any(c in body[name.end() :] for c in ";@$`\\ "):
        return None
    line, column, end_line, end_column = inst.span
    if _glued(inp.text, line, end_column):
        return None  # `jupyterhub>=4` unquoted: the shell's redirect first (HUB206 quotes it), then the pin
    import shlex

    spec = f"{name.group(0)}{op}{hub}"
    e = Edit(line, column, end_line, end_column, f"{quote}{spec}{quote}" if quote else shlex.quote(spec))
    if text_at(inp.text, e._replace(content="")) != raw:
        return None
    return fix(f"pin `{spec}`", "safe", e)


def _glued(text: str, line: int, end_column: int) -> bool:
    """Whether the word at the span is followed, with no blank between, by a redirection (``>=4``, ``<5``)."""
    lines = text.split("\n")
    rest = lines[line - 1][end_column - 1 :] if 0 < line <= len(lines) else ""
    return rest[:1] in ("<", ">")


def _arg_fix(inp: ImageInput, inst: Install, var: str, hub: str) -> Fix | None:
    """``pip install jupyterhub==$JH``: rewrite the default of the ARG that gives JH its value."""
    esc = inp.image.dockerfile.escape
    candidates = []
    if inst.step is not None:
        stage = inp.image.dockerfile.stages[inst.step.stage]
        for step in stage.steps:
            if step is inst.step:
                break
            candidates.append(step)
    found = None
    for step in reversed(candidates):
        ins = step.instruction
        if ins.keyword == "ENV" and var in ins.args:
            return None  # an ENV decides the value: not an ARG default
        if ins.keyword == "ARG":
            for word, start, _ in parse_words(ins.args, esc):
                name, eq, _ = word.partition("=")
                if name == var:
                    found = (ins, start, word, eq)
                    break
        if found:
            break
    if found is None or not found[3]:
        for step in reversed(inp.image.dockerfile.preamble):
            ins = step.instruction
            for word, start, _ in parse_words(ins.args, esc) if ins.keyword == "ARG" else ():
                name, eq, _ = word.partition("=")
                if name == var and eq:
                    found = (ins, start, word, eq)
                    break
            if found and found[3]:
                break
    if found is None or not found[3]:
        return None
    ins, start, word, _ = found
    value_start = ins.args_offset + start + len(var) + 1
    value_end = ins.args_offset + start + len(word)
    return fix(f"set `ARG {var}={hub}`", "safe", edit(inp.image, ins, value_start, value_end, hub))
