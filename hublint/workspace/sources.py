"""Reading: every file a run needs is opened and decoded once, here, and shared by every stage after.

Two ways to ask, with the rules each stage has always had:

- :meth:`Sources.read`: a file to lint — any size, with a one-line error naming why it cannot be read (a
  folder, a pipe or device, a permission) and HUB001 for bytes that cannot be decoded;
- :meth:`Sources.text`: a file the deployment reads around it (compose, values, another Dockerfile) — None
  when it is not a regular file, is larger than :data:`MAX_READ`, or cannot be read or decoded; an editor's
  unsaved buffers (``overrides``) replace the files on disk here.

The bytes and the decoded text are kept per absolute path for the run; :attr:`Sources.opens` counts the files
opened (a test holds the read-once promise with it).

Encrypted files are recognised here, once, by their content (:func:`encryption`): a file encrypted with
git-crypt, sops or ansible-vault is never read for the deployment (:meth:`Sources.text` gives None) and is
listed with kind ``encrypted`` instead of being linted, whatever its name.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping

from ..dockerfile.syntax import ParseError, decode_detail
from ..lazy import pattern
from ..records import NamedTuple

__all__ = ["Source", "Sources", "ReadProblem", "Refused", "MAX_READ", "encryption"]

MAX_READ = 2_000_000  # bytes: a deployment file or Dockerfile larger than this is not read for the deployment

_SOPS_YAML = pattern(r"(?m)^[\"']?sops[\"']?[ \t]*:[ \t]*(?:#.*)?$")
_SOPS_DOTENV = pattern(r"(?m)^sops_mac=")
_SOPS_DOTENV_META = pattern(r"(?m)^sops_(?:version|lastmodified)=")
_SOPS_INI = pattern(r"(?m)^\[sops\][ \t]*$")
_MAX_BLOCK_LINES = 5000
_KEY = pattern(r"([ \t]*)[\"']?([A-Za-z_]+)[\"']?[ \t]*[:=]")


def encryption(raw: bytes) -> str | None:
    """The tool a whole file is encrypted with — ``git-crypt`` (the ``\\0GITCRYPT\\0`` header), ``ansible-vault``
    (first line ``$ANSIBLE_VAULT;…``) or ``sops`` (YAML or JSON with a top-level ``sops`` mapping holding ``mac``
    and ``version`` or ``lastmodified``; dotenv with ``sops_mac=`` and ``sops_version=`` lines; INI with a
    ``[sops]`` section) — or None.  A single encrypted value inside a readable file is not an encrypted file."""
    if raw.startswith(b"\x00GITCRYPT\x00"):
        return "git-crypt"
    if raw[:256].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"$ANSIBLE_VAULT;"):
        return "ansible-vault"
    if len(raw) <= MAX_READ and b"sops" in raw and _is_sops(raw.decode("latin-1")):
        return "sops"
    return None


def _is_sops(text: str) -> bool:
    if _SOPS_DOTENV.search(text) and _SOPS_DOTENV_META.search(text):
        return True
    ini = _SOPS_INI.search(text)
    if ini is not None and _section_keys(text, ini.end(), ini=True) >= {"mac"}:
        return True
    if text.lstrip().startswith("{"):
        return _sops_json(text)
    for n, found in enumerate(_SOPS_YAML.finditer(text)):
        if n == 3:
            break  # a top-level key is written once: a file with many `sops:` lines is not sops' own
        keys = _section_keys(text, found.end(), ini=False)
        if "mac" in keys and keys & {"version", "lastmodified"}:
            return True
    return False


def _section_keys(text: str, start: int, *, ini: bool) -> set[str]:
    """The keys of the block that follows a YAML ``sops:`` line (its lines indented alike) or an INI ``[sops]``
    header (up to the next section), the header ending at ``start``; read line by line up to the block's end."""
    keys: set[str] = set()
    indent = None
    pos = text.find("\n", start)
    for _ in range(_MAX_BLOCK_LINES):  # sops' metadata is a few dozen lines: a longer block is not sops'
        if pos < 0:
            break
        end = text.find("\n", pos + 1)
        line = text[pos + 1 : end if end >= 0 else len(text)]
        pos = end
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if ini:
            if stripped.startswith("["):
                break
        elif not line[:1].isspace():
            break  # back at the top level: the sops mapping ended
        m = _KEY.match(line)
        if m is None:
            continue
        if indent is None:
            indent = m.group(1)
        if m.group(1) == indent:
            keys.add(m.group(2))
    return keys


def _sops_json(text: str) -> bool:
    import json

    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return False
    meta = doc.get("sops") if isinstance(doc, dict) else None
    return isinstance(meta, dict) and "mac" in meta and bool({"version", "lastmodified"} & set(meta))


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
    refused: bool = False  # outside the repository, or a link out of it: not read (HUB003)


class Refused(str):
    """Why a file is not read although it exists: it is outside the repository, or a link out of it."""


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class Sources:
    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self.overrides = {os.path.abspath(k): v for k, v in (overrides or {}).items()}
        self.opens = 0
        self._raw: dict[str, bytes | OSError | str] = {}
        self._decoded: dict[str, Source | ParseError] = {}
        self._encrypted: dict[str, str | None] = {}
        self.roots: dict[str, str] = {}  # the repositories of the run: root -> its real path
        self._verdicts: dict[str, Refused | None] = {}

    def confine(self, root: str) -> None:
        """Read nothing outside ``root`` (and the other roots given): a file outside every root, or a link out of
        the root it lies in, is refused (:class:`Refused`)."""
        root = os.path.abspath(root)
        if root not in self.roots:
            self.roots[root] = os.path.realpath(root)
            self._verdicts.clear()

    def refused(self, path: str) -> Refused | None:
        """Why ``path`` is not read (outside the run's repositories, or a link out of its own), or None."""
        path = os.path.abspath(path)
        if not self.roots or path in self.overrides:
            return None
        if path not in self._verdicts:
            self._verdicts[path] = self._judge(path)
        return self._verdicts[path]

    def _judge(self, path: str) -> Refused | None:
        owners = [r for r in self.roots if _under(path, r)]
        if not owners:
            return Refused("outside the repository: not read")
        if not _under(os.path.realpath(path), self.roots[max(owners, key=len)]):
            return Refused("a link out of the repository: not read (hublint reads only the repository's own files)")
        return None

    def _bytes(self, path: str) -> bytes | OSError | str:
        """The file's bytes, an OSError, or a message (a folder, a pipe or device: never opened; outside the
        repository: :class:`Refused`)."""
        path = os.path.abspath(path)
        refused = self.refused(path)
        if refused is not None:
            return refused
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
            return ReadProblem(found, refused=isinstance(found, Refused))
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

    def encrypted(self, path: str) -> str | None:
        """The tool the file is encrypted with (:func:`encryption`), or None — also for a file that cannot be
        read."""
        path = os.path.abspath(path)
        if path not in self._encrypted:
            if path in self.overrides:
                raw: bytes | OSError | str = self.overrides[path].encode("utf-8", "replace")
            else:
                raw = self._bytes(path)
            self._encrypted[path] = encryption(raw) if isinstance(raw, bytes) else None
        return self._encrypted[path]

    def text(self, path: str) -> str | None:
        """The text of a file the deployment reads (an editor's unsaved buffer first); None when it is not a
        regular file, is too large, cannot be read or decoded, or is encrypted."""
        path = os.path.abspath(path)
        if self.encrypted(path):
            return None
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
        if not isinstance(raw, bytes) or len(raw) > MAX_READ or self.encrypted(path):
            return None
        return raw.decode("utf-8", "replace")

    def size(self, path: str) -> int | None:
        """The size in bytes of a regular file (None: not one, or unreadable)."""
        raw = self._bytes(path)
        return len(raw) if isinstance(raw, bytes) else None
