"""Terraform's ``resource "helm_release"`` blocks (``*.tf``) as :class:`.releases.Release` s: the chart (its
name, or a folder of the repository through ``${path.module}``), its ``version`` and the values it passes — a
``file("${path.module}/values.yaml")`` element of the ``values`` list is that values file; any other element
(``templatefile(…)``, ``yamlencode(…)``, a variable) is a layer of values the apply computes (unknown).  The names
its ``set``, ``set_string``, ``set_list`` and ``set_sensitive`` blocks (or ``set = [{ name = … }]`` lists) give
are values it sets.  Comments (``#``, ``//``, ``/* */``) and heredocs are not read.  Literal strings only: nothing
is evaluated, no variable or module is followed.  Each character of the file is read a bounded number of times."""

from __future__ import annotations

import os
import re

from .dotenv import Str
from .names import under
from .releases import Release

__all__ = ["read_terraform_releases"]

_BLOCK = re.compile(r'^[ \t]*resource[ \t]+"helm_release"[ \t]+"([^"\n]*)"[ \t]*\{', re.M)
_ATTR = re.compile(r"^[ \t]*(chart|version|name|values)[ \t]*=[ \t]*(.*)$")
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"\s*\Z')
_SET = re.compile(r"[ \t]*set(?:_sensitive|_string|_list)?[ \t]*(?:\{|=[ \t]*\[)")
_SET_NAME = re.compile(r'^[ \t]*\{?[ \t]*name[ \t]*=[ \t]*"([^"$\n]*)"')
_HEREDOC = re.compile(r"<<-?[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*$")
_FILE_ELEMENT = re.compile(r'file\(\s*"\$\{path\.module\}/([^"$\n]+)"\s*\)')
_KIND = "Terraform helm_release"
_MAX_BLOCK = 65536  # characters of one block read at most


def read_terraform_releases(path: str, text: str, root: str) -> list[Release]:
    """The ``helm_release`` resources of a Terraform file (none when it has none)."""
    if "helm_release" not in text:
        return []
    text = _masked(text)
    folder = os.path.dirname(path)
    out: list[Release] = []
    end = line = counted = 0
    for m in _BLOCK.finditer(text):
        if m.start() < end:
            continue  # inside the block before: not a resource of its own
        line += text.count("\n", counted, m.start())
        counted = m.start()
        body, end = _body(text, m.end())
        release = _release(m.group(1), body, path, line + 1, folder, root)
        if release is not None:
            out.append(release)
    return out


def _masked(text: str) -> str:
    """``text`` with comments and heredoc bodies blanked (newlines kept, so lines and offsets stay), strings kept."""
    out = list(text)
    i, n, quote = 0, len(text), False
    while i < n:
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            quote = c != '"' and c != "\n"
        elif c == '"':
            quote = True
        elif c == "#" or text.startswith(("//", "/*"), i):
            if text.startswith("/*", i):
                stop = text.find("*/", i + 2)
                stop = n if stop < 0 else stop + 2
            else:
                stop = text.find("\n", i)
                stop = n if stop < 0 else stop
            _blank(out, i, stop)
            i = stop
            continue
        elif text.startswith("<<", i) and (h := _HEREDOC.match(text, i, _eol(text, i))):
            tag, start = h.group(1), h.end()
            close = re.compile(rf"^[ \t]*{re.escape(tag)}[ \t]*$", re.M).search(text, start)
            _blank(out, start, close.start() if close is not None else n)
            out[h.start() : h.end()] = ["_"] * (h.end() - h.start())  # a value the apply reads: unknown
            i = close.end() if close is not None else n
            continue
        i += 1
    return "".join(out)


def _eol(text: str, i: int) -> int:
    found = text.find("\n", i)
    return len(text) if found < 0 else found


def _blank(out: list[str], start: int, stop: int) -> None:
    for k in range(start, stop):
        if out[k] != "\n":
            out[k] = " "


def _body(text: str, start: int) -> tuple[list[tuple[int, str]], int]:
    """The block's lines from ``start`` (just after its ``{``) to its closing brace, each with its depth (1: the
    block's own attributes), and where the block ends; braces in strings are not counted (comments and heredocs
    are blanked already)."""
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
    return out, i


def _release(name: str, body: list[tuple[int, str]], path: str, line: int, folder: str, root: str) -> Release | None:
    attrs: dict[str, str] = {}
    sets: list[str] = []
    span = (line, 1, line, 1)
    in_values = in_set = False
    values_text: list[str] = []
    for depth, text in body:
        m = _ATTR.match(text) if depth == 1 else None
        if depth == 1:
            in_set = _SET.match(text) is not None
        if m is not None:
            in_values = m.group(1) == "values"
            if not in_values:
                s = _STRING.match(m.group(2).strip())
                attrs[m.group(1)] = s.group(1) if s is not None else "$"
        elif depth == 1:
            in_values = False
        if in_set and (s := _SET_NAME.match(text.split("{", 1)[-1] if "{" in text else text)) is not None:
            sets.append(s.group(1))
        if in_values:
            values_text.append(text if m is None else m.group(2))
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
    values = tuple(_layers("\n".join(values_text), folder, path, span, root)) if values_text else ()
    return Release(path, attrs.get("name", name), chart_name, local, found, values, None, _KIND, span, sets=tuple(sets))


def _layers(text: str, folder: str, path: str, span: tuple[int, int, int, int], root: str) -> list[Str]:
    """The values layers of a ``values`` expression: each element of its lists (``[a, b]``; both lists of
    ``cond ? [a] : [b]``) that is ``file("${path.module}/…")`` is that file (inside the repository); any other
    element, or an expression with no list, a layer of unknown values."""
    out = []
    for element in _elements(text):
        m = _FILE_ELEMENT.fullmatch(element)
        target = os.path.normpath(os.path.join(folder, m.group(1))) if m is not None else None
        out.append(Str(target if target is not None and under(target, root) else None, path, span))
    return out or [Str(None, path, span)]


def _elements(text: str) -> list[str]:
    """The elements of the outermost lists of an expression (separated by commas at their own depth)."""
    out: list[str] = []
    depth, quote, in_list = 0, False, False
    current: list[str] = []
    for i, c in enumerate(text):
        if quote:
            quote = not (c == '"' and text[i - 1] != "\\")
        elif c == '"':
            quote = True
        elif c in "[({":
            depth += 1
            if c == "[" and depth == 1:
                in_list, current = True, []
                continue
        elif c in "])}":
            depth -= 1
            if c == "]" and depth == 0 and in_list:
                out.append("".join(current).strip())
                in_list = False
                continue
        elif c == "," and depth == 1 and in_list:
            out.append("".join(current).strip())
            current = []
            continue
        if in_list:
            current.append(c)
    return [e for e in out if e]
