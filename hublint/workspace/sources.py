"""Reading: every file a run needs is opened and decoded once, here, and shared by every stage after.

Two ways to ask, with the rules each stage has always had:

- :meth:`Sources.read`: a file to lint — any size, with a one-line error naming why it cannot be read (a
  folder, a pipe or device, a permission) and HUB001 for bytes that cannot be decoded;
- :meth:`Sources.text`: a file the deployment reads around it (compose, values, another Dockerfile) — None
  when it is not a regular file, is larger than :data:`MAX_READ`, or cannot be read or decoded; an editor's
  unsaved buffers (``overrides``) replace the files on disk here.

The bytes and the decoded text are kept per absolute path for the run; :attr:`Sources.opens` counts the files
opened (a test holds the read-once promise with it).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from typing import NamedTuple

from ..dockerfile.syntax import ParseError, decode_detail

__all__ = ["Source", "Sources", "ReadProblem", "MAX_READ"]

MAX_READ = 2_000_000  # bytes: a deployment file or Dockerfile larger than this is not read for the deployment


class Source(NamedTuple):
    """A decoded file: its text, and how to encode it back (``--fix`` keeps the codec and the BOM)."""

    text: str
    codec: str
    bom: bytes


class ReadProblem(NamedTuple):
    """Why a file cannot be linted: a message for the one-line error (``is_error``) or, for bytes that cannot be
    decoded, the :class:`ParseError` behind a HUB001 finding."""

    message: str
    parse_error: ParseError | None = None


class Sources:
    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self.overrides = {os.path.abspath(k): v for k, v in (overrides or {}).items()}
        self.opens = 0
        self._raw: dict[str, bytes | OSError | str] = {}
        self._decoded: dict[str, Source | ParseError] = {}

    def _bytes(self, path: str) -> bytes | OSError | str:
        """The file's bytes, an OSError, or a message (a folder, a pipe or device: never opened)."""
        path = os.path.abspath(path)
        found = self._raw.get(path)
        if found is None:
            try:
                mode = os.stat(path).st_mode
                if stat.S_ISDIR(mode):
                    found = "is a folder"
                elif not stat.S_ISREG(mode):
                    found = "not a regular file (a pipe, socket or device); hublint reads files only"
                else:
                    self.opens += 1
                    with open(path, "rb") as fh:
                        found = fh.read()
            except OSError as exc:
                found = exc
            self._raw[path] = found
        return found

    def _decode(self, path: str, raw: bytes) -> Source | ParseError:
        path = os.path.abspath(path)
        found = self._decoded.get(path)
        if found is None:
            try:
                found = Source(*decode_detail(raw))
            except ParseError as exc:
                found = exc
            self._decoded[path] = found
        return found

    def raw(self, path: str) -> bytes | ReadProblem:
        """The bytes of a file to lint, or why it cannot be read."""
        found = self._bytes(path)
        if isinstance(found, str):
            return ReadProblem(found)
        if isinstance(found, OSError):
            return ReadProblem(f"cannot read file ({found.strerror or found})")
        return found

    def read(self, path: str) -> Source | ReadProblem:
        """A file to lint, decoded; or why it cannot be (a message, or the decoding's ParseError)."""
        raw = self.raw(path)
        if isinstance(raw, ReadProblem):
            return raw
        decoded = self._decode(path, raw)
        if isinstance(decoded, ParseError):
            return ReadProblem(decoded.message, decoded)
        return decoded

    def text(self, path: str) -> str | None:
        """The text of a file the deployment reads (an editor's unsaved buffer first); None when it is not a
        regular file, is too large, or cannot be read or decoded."""
        path = os.path.abspath(path)
        if path in self.overrides:
            return self.overrides[path]
        raw = self._bytes(path)
        if not isinstance(raw, bytes) or len(raw) > MAX_READ:
            return None
        decoded = self._decode(path, raw)
        return decoded.text if isinstance(decoded, Source) else None

    def context_text(self, path: str | None) -> str | None:
        """A build-context file as the image analysis reads it (UTF-8, undecodable bytes replaced); None when it
        is not a regular file or is over 2 MB."""
        if path is None:
            return None
        raw = self._bytes(path)
        if not isinstance(raw, bytes) or len(raw) > MAX_READ:
            return None
        return raw.decode("utf-8", "replace")

    def size(self, path: str) -> int | None:
        """The size in bytes of a regular file (None: not one, or unreadable)."""
        raw = self._bytes(path)
        return len(raw) if isinstance(raw, bytes) else None
