"""``docker build`` command lines in Makefiles and shell scripts: which image name a Dockerfile is built as.

Only read, never run.  ``docker build``, ``docker image build``, ``docker buildx build`` and
``podman build`` with ``-t/--tag``, ``-f/--file``, ``--target`` and the context folder; Make
variables (``NAME := value``, ``NAME = value``, ``NAME ?= value``, and ``include``d ``.env``-style
files that exist) and shell variables assigned in the same file are substituted, anything else is
unknown.  Commented-out commands count too: they still say which name a Dockerfile is built as.
"""

from __future__ import annotations

import os
import re
from collections import namedtuple

from .names import is_build_script_name

__all__ = ["BuildCommand", "read_build_commands", "is_build_script_name"]

_BUILD = re.compile(r"\b(?:docker(?:\s+image|\s+buildx)?|podman|buildah\s+bud|nerdctl)\s+build\b")
_MAKE_VAR = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?::{1,3}=|\?=|\+=|=)\s*(.*?)\s*$")
_SH_VAR = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*$")
_REF = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")


class BuildCommand(namedtuple("BuildCommand", "path line images dockerfile context target")):
    # path: the script ; line: 1-based ; images: tuple[str, ...] (tags, variables substituted)
    # dockerfile: str (normalised path) ; context: str ; target: str | None
    __slots__ = ()


def _logical_lines(text: str):
    buf, start = "", 0
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.rstrip()
        if not buf:
            start = number
        if stripped.endswith("\\"):
            buf += stripped[:-1] + " "
            continue
        yield start, buf + stripped
        buf = ""
    if buf:
        yield start, buf


MAX_VALUE = 65536  # characters: a longer substitution is unknown (``V = $(W)$(W)…`` nests exponentially)


def _substitute(word: str, variables: dict[str, str]) -> str | None:
    unknown = False
    size = 0

    def sub(m):
        nonlocal unknown, size
        name = m.group(1) or m.group(2) or m.group(3)
        if name in variables and not unknown:
            value = variables[name]
            size += len(value)
            if size <= MAX_VALUE:
                return value
        unknown = True
        return ""

    out = _REF.sub(sub, word)
    for _ in range(4):  # values may refer to other variables
        if "$" not in out or unknown:
            break
        size = 0
        out = _REF.sub(sub, out)
    return None if unknown or "$" in out or len(out) > MAX_VALUE else out


def read_build_commands(path: str, text: str, read_text) -> list[BuildCommand]:
    """``docker build`` commands of a Makefile or shell script; ``read_text(path) -> str | None`` reads
    files a Makefile ``include``s."""
    import shlex

    from .names import no_surrogates

    text = no_surrogates(text)
    folder = os.path.dirname(path) or "."
    variables: dict[str, str] = {}
    lines = list(_logical_lines(text))
    for _, line in lines:
        if line.startswith(("include ", "-include ")):
            for inc in line.split()[1:]:
                inc_text = read_text(os.path.join(folder, inc))
                for _, inc_line in _logical_lines(inc_text or ""):
                    m = _SH_VAR.match(inc_line.replace('"', ""))
                    if m:
                        variables.setdefault(m.group(1), m.group(2))
            continue
        m = _MAKE_VAR.match(line)
        if m and not line.startswith(("\t", " ")):
            variables.setdefault(m.group(1), m.group(2).strip("\"'"))
            continue
        m = _SH_VAR.match(line)
        if m:
            variables.setdefault(m.group(1), m.group(2).strip("\"'"))
    out: list[BuildCommand] = []
    for number, line in lines:
        m = _BUILD.search(line)
        if not m:
            continue
        rest = line[m.end() :]
        rest = re.split(r"\s(?:&&|\|\||;|\|)\s|;", rest, maxsplit=1)[0]
        try:
            words = shlex.split(rest, comments=False)
        except ValueError:
            words = rest.split()
        tags, dockerfile, target, positional = [], None, None, []
        i = 0
        while i < len(words):
            w = words[i]
            opt, eq, val = w.partition("=")
            if opt in (
                "-t",
                "--tag",
                "-f",
                "--file",
                "--target",
                "--build-arg",
                "--platform",
                "--network",
                "--cache-from",
                "--cache-to",
                "--secret",
                "--ssh",
                "--label",
                "--output",
                "-o",
                "--progress",
                "--iidfile",
                "--add-host",
                "--build-context",
            ):
                if not eq:
                    i += 1
                    val = words[i] if i < len(words) else ""
                if opt in ("-t", "--tag"):
                    tags.append(val)
                elif opt in ("-f", "--file"):
                    dockerfile = val
                elif opt == "--target":
                    target = val
            elif w.startswith("-t") and len(w) > 2:
                tags.append(w[2:])
            elif w.startswith("-f") and len(w) > 2:
                dockerfile = w[2:]
            elif not w.startswith("-"):
                positional.append(w)
            i += 1
        context_word = positional[0] if positional else "."
        context = _substitute(context_word, variables)
        if context is None or "://" in context:
            continue
        context = os.path.normpath(os.path.join(folder, context))
        if dockerfile is not None:
            df = _substitute(dockerfile, variables)
            if df is None or df == "-":
                continue
            dockerfile = os.path.normpath(os.path.join(folder, df))
        else:
            dockerfile = os.path.join(context, "Dockerfile")
        images = tuple(t for t in (_substitute(tag, variables) for tag in tags) if t)
        if images:
            out.append(
                BuildCommand(
                    path, number, images, dockerfile, context, _substitute(target, variables) if target else None
                )
            )
    return out
