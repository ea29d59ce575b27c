"""Terraform's ``resource "helm_release"`` blocks (``*.tf``) as :class:`.releases.Release` s: the chart (its
name, or a folder of the repository through ``${path.module}``), its ``version`` and the values it passes — a
``file("${path.module}/values.yaml")`` is that values file; a ``templatefile(…)``, ``yamlencode(…)`` or any other
expression is a layer of values the apply computes (unknown). ``set { name = "…" }`` blocks are values it sets.
Literal strings only: nothing is evaluated, no variable or module is followed."""

from __future__ import annotations

import os
import re

from .dotenv import Str
from .names import under
from .releases import Release

__all__ = ["read_terraform_releases"]

_BLOCK = re.compile(r'^[ \t]*resource[ \t]+"helm_release"[ \t]+"([^"\n]*)"[ \t]*\{', re.M)
_ATTR = re.compile(r"^[ \t]*(chart|version|name|values)[ \t]*=[ \t]*(.*)$")
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"\s*(?:#.*|//.*)?\Z')
_FILE = re.compile(r'(?<![\w.])(file|templatefile|yamlencode|jsonencode)\s*\(\s*(?:"([^"\n]*)")?')
_CALL_ARGS = re.compile(r"\{[^{}]*\}")  # a template's variables map (one level): no layers of its own
_SET_NAME = re.compile(r'^[ \t]*name[ \t]*=[ \t]*"([^"$\n]*)"')
_KIND = "Terraform helm_release"
_MAX_BLOCK = 65536  # characters of one block read at most


def read_terraform_releases(path: str, text: str, root: str) -> list[Release]:
    """The ``helm_release`` resources of a Terraform file (none when it has none)."""
    if "helm_release" not in text:
        return []
    folder = os.path.dirname(path)
    out = []
    for m in _BLOCK.finditer(text):
        body = _body(text, m.end())
        line = text.count("\n", 0, m.start()) + 1
        release = _release(m.group(1), body, path, line, folder, root)
        if release is not None:
            out.append(release)
    return out


def _body(text: str, start: int) -> list[tuple[int, str]]:
    """The block's lines from ``start`` (just after its ``{``) to its closing brace, each with its depth (1: the
    block's own attributes); braces in strings and comments are not counted."""
    depth, out, line, quote = 1, [], [], False
    end = min(len(text), start + _MAX_BLOCK)
    i, line_depth = start, 1
    while i < end and depth > 0:
        c = text[i]
        if quote:
            if c == "\\":
                line.append(text[i : i + 2])
                i += 2
                continue
            quote = c != '"'
        elif c == '"':
            quote = True
        elif c == "#" or text.startswith("//", i):
            nl = text.find("\n", i)
            i = end if nl < 0 else nl
            continue
        elif c in "{[(":
            depth += 1
        elif c in "}])":
            depth -= 1
        if c == "\n":
            out.append((line_depth, "".join(line)))
            line, line_depth, quote = [], depth, False
        else:
            line.append(c)
        i += 1
    out.append((line_depth, "".join(line)))
    return out


def _release(name: str, body: list[tuple[int, str]], path: str, line: int, folder: str, root: str) -> Release | None:
    attrs: dict[str, str] = {}
    values: list[Str] = []
    sets: list[str] = []
    span = (line, 1, line, 1)
    in_values = in_set = False
    values_text: list[str] = []
    for depth, text in body:
        m = _ATTR.match(text) if depth == 1 else None
        in_set = (in_set and depth > 1) or (depth == 1 and re.match(r"\s*set(?:_sensitive)?\s*\{", text) is not None)
        if m is not None:
            in_values = m.group(1) == "values"
            if not in_values:
                s = _STRING.match(m.group(2).strip())
                attrs[m.group(1)] = s.group(1) if s is not None else "$"
        elif depth == 1:
            in_values = False
        if in_set and (s := _SET_NAME.match(text)) is not None:
            sets.append(s.group(1))
        if in_values:
            values_text.append(text if m is None else m.group(2))
    if values_text:
        values = _layers("\n".join(values_text), folder, path, span, root)
    chart = attrs.get("chart", "")
    if not chart or "$" in chart.replace("${path.module}", ""):
        return None
    local = None
    if chart.startswith("${path.module}"):
        local = os.path.normpath(os.path.join(folder, chart[len("${path.module}") :].lstrip("/") or "."))
        if not under(local, root):
            return None
    version = attrs.get("version")
    found = Str(version if version and "$" not in version else None, path, span) if version is not None else None
    chart_name = os.path.basename(local) if local else chart.rsplit("/", 1)[-1]
    kind = "Terraform helm_release"
    return Release(
        path, attrs.get("name", name), chart_name, local, found, tuple(values), None, kind, span, sets=tuple(sets)
    )


def _layers(text: str, folder: str, path: str, span: tuple[int, int, int, int], root: str) -> list[Str]:
    """The values layers a line of ``values = [...]`` names: a ``file()`` of the module's folder is that file;
    any other function or expression (a template, an encoded map, a variable) a layer of unknown values."""
    out = []
    for m in _FILE.finditer(_CALL_ARGS.sub("", text)):
        arg = m.group(2) or ""
        if m.group(1) == "file" and arg.startswith("${path.module}/") and "${" not in arg[15:]:
            target = os.path.normpath(os.path.join(folder, arg[15:]))
            out.append(Str(target if under(target, root) else None, path, span))
        else:
            out.append(Str(None, path, span))
    stripped = text.strip().strip("[],").strip()
    if not out and stripped and not stripped.startswith(("#", "//")):
        out.append(Str(None, path, span))  # `values = var.values`, a heredoc: computed
    return out
