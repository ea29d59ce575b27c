"""Bytes to text as hublint reads a Dockerfile (and back, for ``--fix``): byte-order marks, UTF-16/32, latin-1
for bytes that are not UTF-8, NUL bytes explained.

Used by :mod:`.syntax` (which re-exports it) and the readers; imports only :mod:`.errors`.
"""

from __future__ import annotations

from .errors import ParseError

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


class DecodedText(str):
    """Text :func:`decode_detail` read from a UTF-8 file with a byte-order mark, or from a file that is not UTF-8
    (latin-1), and how: ``codec`` and the ``bom`` it removed.

    :func:`scan` reads it as BuildKit reads those bytes: the BOM counts in the first line's length and no
    second one is removed; a latin-1 text is one byte per character.  Any operation on it gives a plain
    ``str``, which :func:`scan` reads as its UTF-8 encoding — what a file without a BOM is.  (C code that wants
    exactly a ``str``, such as PyYAML's parser, is given ``str(text)``.)"""

    codec: str = "utf-8"
    bom: bytes = b""


def _decoded(text: str, codec: str, bom: bytes) -> str:
    if codec not in ("latin-1", "utf-8") or (codec == "utf-8" and not bom):
        return text  # a plain str reads as its UTF-8 bytes: exactly this file's (or BuildKit cannot read it)
    out = DecodedText(text)
    out.codec, out.bom = codec, bom
    return out


def decode(raw: bytes) -> str:
    return decode_detail(raw)[0]


def encode(text: str, codec: str, bom: bytes) -> bytes:
    """The inverse of :func:`decode_detail` (for ``--fix``)."""
    return bom + text.encode(codec)


def decode_detail(raw: bytes) -> tuple[str, str, bytes]:
    """Bytes to text as hublint reads files.

    A UTF-8 BOM is dropped (BuildKit does so).  UTF-16/32 with a BOM is decoded
    (BuildKit cannot read it; hublint lints the text).  Other bytes that are not
    UTF-8 are read as latin-1, one character per byte, as Docker passes them on.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return _decoded(raw[len(bom) :].decode(codec), codec, bom), codec, bom
            except UnicodeDecodeError as exc:
                name = codec.upper()
                raise ParseError(f"file starts with a {name} byte-order mark but is not {name} text") from exc
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ParseError(_nul_message(raw), raw.count(b"\n", 0, nul) + 1)
    try:
        return _decoded(raw.decode("utf-8"), "utf-8", b""), "utf-8", b""
    except UnicodeDecodeError:
        return _decoded(raw.decode("latin-1"), "latin-1", b""), "latin-1", b""


def _nul_message(raw: bytes) -> str:
    """NUL bytes: Dockerfiles never hold them; say what the file probably is."""
    sample = raw[:4096]
    quarters = [sample[i::4].count(0) for i in range(4)]
    n = max(1, len(sample) // 4)
    if quarters[1] + quarters[2] + quarters[3] > 2.5 * n and quarters[0] < n / 2:
        kind = "UTF-32-LE"
    elif quarters[0] + quarters[1] + quarters[2] > 2.5 * n and quarters[3] < n / 2:
        kind = "UTF-32-BE"
    elif sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) < len(sample) // 16:
        kind = "UTF-16-LE"
    elif sample[0::2].count(0) > len(sample) // 4 and sample[1::2].count(0) < len(sample) // 16:
        kind = "UTF-16-BE"
    else:
        return "binary file (it contains NUL bytes): not a Dockerfile"
    return f"the file looks like {kind} text without a byte-order mark; save it as UTF-8"
