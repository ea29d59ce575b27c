"""``.dockerignore``, matched as Docker matches it (moby/patternmatcher): what is ignored is not in the build
context, so hublint does not read it either.

Rules: one pattern per line; blank lines and lines starting with ``#`` are skipped; surrounding blanks are
trimmed; a leading ``!`` re-includes; a pattern is cleaned like Go's ``filepath.Clean`` (a leading ``/`` is
dropped, ``a/../b`` is ``b``); ``*`` matches any run of non-separators, ``?`` one non-separator, ``[…]`` a
class, ``**`` any number of folders, ``\\`` escapes; a pattern that matches a folder also matches everything
under it; the last matching pattern decides.  (BuildKit also reads a ``<Dockerfile>.dockerignore`` next to a
Dockerfile instead of the context's; hublint reads the context's ``.dockerignore`` only.)
"""

from __future__ import annotations

import os
import posixpath
import re
from functools import lru_cache

__all__ = ["Ignore", "read_ignore", "ignored"]

MAX_BYTES = 1_000_000  # a larger .dockerignore is not read (treated as absent)
MAX_PATTERNS = 10_000


def _translate(pattern: str) -> str:
    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "*":
            if i + 1 < n and pattern[i + 1] == "*":
                i += 1
                # `**/` matches zero or more folders; a trailing `**` anything
                if i + 1 < n and pattern[i + 1] == "/":
                    i += 1
                    out.append("(?:.*/)?")
                else:
                    out.append(".*")
            else:
                out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1 : j]
                if body.startswith("^"):
                    body = "!" + body[1:]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j
        elif ch == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


class Ignore:
    """Parsed patterns: (regex, exclusion, number of path components)."""

    __slots__ = ("patterns",)

    def __init__(self, lines: list[str]) -> None:
        self.patterns: list[tuple[re.Pattern, bool, int]] = []
        for raw in lines[:MAX_PATTERNS]:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:].strip()
            line = posixpath.normpath(line.replace("\\", "/") if os.sep == "\\" else line).lstrip("/")
            if not line or line == ".":
                continue
            try:
                rx = re.compile(_translate(line) + r"\Z", re.S)
            except re.error:
                continue  # Docker rejects the file; hublint treats the pattern as absent
            self.patterns.append((rx, negate, line.count("/") + 1))

    @property
    def negates(self) -> bool:
        """Does a pattern re-include paths (``!keep.ipynb``)?"""
        return any(negate for _, negate, _ in self.patterns)

    def matches(self, rel: str) -> bool:
        """Is ``rel`` (a slash-separated path relative to the context) excluded from the context?"""
        rel = rel.strip("/")
        parts = rel.split("/")
        matched = False
        for rx, negate, _depth in self.patterns:
            hit = bool(rx.match(rel))
            if not hit and len(parts) > 1:
                # a pattern matching a parent folder matches what is inside it
                for k in range(1, len(parts)):
                    if rx.match("/".join(parts[:k])):
                        hit = True
                        break
            if hit:
                matched = not negate
        return matched


@lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int, size: int) -> Ignore | None:
    if size > MAX_BYTES:
        return None
    try:
        with open(path, "rb") as fh:
            text = fh.read(MAX_BYTES + 1).decode("utf-8", "replace")
    except OSError:
        return None
    return Ignore(text.splitlines())


def read_ignore(context_dir: str, dockerfile: str | None = None) -> Ignore | None:
    """The ignore rules of a build context (``dockerfile``: also look for ``<Dockerfile>.dockerignore``)."""
    candidates = []
    if dockerfile:
        candidates.append(dockerfile + ".dockerignore")
    candidates.append(os.path.join(context_dir, ".dockerignore"))
    for path in candidates:
        try:
            st = os.stat(path)
        except OSError:
            continue
        if not os.path.isfile(path):
            continue
        return _load(path, st.st_mtime_ns, st.st_size)
    return None


def ignored(context_dir: str, full: str, dockerfile: str | None = None) -> bool:
    """Is the file at ``full`` (inside ``context_dir``) left out of the context by the ignore rules?"""
    rules = read_ignore(context_dir, dockerfile)
    if rules is None:
        return False
    rel = os.path.relpath(full, context_dir).replace(os.sep, "/")
    return rules.matches(rel)
