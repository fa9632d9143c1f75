"""Bytes to text: the size limit, binary sniffing and the encoding policy.

Policy, in order:

1. a file over the size limit is rejected from its size on disk, before reading;
2. empty (or whitespace-only) input is an error;
3. input with a UTF-16/32 byte-order mark is decoded with it;
4. otherwise a NUL byte anywhere means a binary file;
5. UTF-8 (a leading UTF-8 BOM is dropped);
6. failing that, cp1252, but only when the result is plausibly text (no more than
   1% C0 control characters other than tab and line breaks); Latin-1 and cp1252
   news files are common, and cp1252 rejects the bytes 0x81 0x8D 0x8F 0x90 0x9D;
7. anything else is "undecodable", naming the first bad byte offset.

Line endings become ``"\\n"`` (universal newlines, as Python's text mode does):
this, and dropping the BOM, are the only steps that change the length of the
text, and they happen before any offset exists.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from dossier.ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = bytes(sorted(set(range(32)) - {9, 10, 12, 13}))


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def check_size(path: str | Path, max_bytes: int) -> None:
    """Reject a file over ``max_bytes`` from its size alone (a 50 MB file is never read)."""
    size = os.stat(path).st_size
    if size > max_bytes:
        raise IngestError(
            str(path), f"file is {megabytes(size)}, over the {megabytes(max_bytes)} limit"
        )


def read_limited(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of a file, after the size check."""
    check_size(path, max_bytes)
    return Path(path).read_bytes()


def read_stream_limited(stream, max_bytes: int, name: str) -> bytes:
    """At most ``max_bytes`` from a stream (stdin, an HTTP response); more is an error."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(name, f"input is over the {megabytes(max_bytes)} limit")
    return data


def check_not_binary(data: bytes, name: str) -> None:
    if not data.strip():
        raise IngestError(name, "empty file")
    if b"\x00" in data and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        raise IngestError(name, "binary file (contains NUL bytes)")


def decode_bytes(data: bytes, name: str) -> str:
    """Text from bytes by the module's policy; raises :class:`IngestError`."""
    check_not_binary(data, name)
    text = _decode(data, name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    name, f"undecodable {encoding} text at byte {exc.start}"
                ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _plausible_text(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise IngestError(
        name, f"undecodable bytes (neither UTF-8 nor cp1252 text) at byte {utf8_error.start}"
    )


def _plausible_text(data: bytes) -> bool:
    controls = len(data) - len(data.translate(None, _CONTROL))
    return controls <= len(data) // 100
