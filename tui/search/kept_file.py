"""A kept index's file: named parts of plain data, each checked before it is read.
Knows nothing of Textual.

The file is a header, then the parts' bytes one after the other:

    filmtui index\\n               the magic line
    <4 bytes: header length>      little-endian
    <header>                      JSON: the format, the key, each part's name,
                                  length and CRC-32
    <parts>

A part is `marshal` of plain data only (lists and dicts of str, int and
bytes): `marshal` runs no code when it reads, unlike `pickle`, and a part is
read only once its length and CRC-32 are those the header says, so a damaged,
truncated or foreign file reads as nothing (`KeptFileError`) and is never
trusted. The key says what the index was built from: a file whose key is not
the one asked for is not read at all.

The file is written whole to a temporary file beside it and renamed over the
old one: a reader sees the old file or the new one. A reader keeps the file
it opened, so a part read later comes from the same file even if a newer one
has replaced it meanwhile.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import tempfile
import time
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

MAGIC = b"filmtui index\n"
_LENGTH = 4  # bytes of the header's length
_MOST_HEADER = 1 << 24  # a header longer than this is not ours


class KeptFileError(Exception):
    """The file is not a kept index of this key, or it is damaged."""


class KeptFile:
    """An open kept index file whose header holds `key`; its parts read on demand."""

    def __init__(self, path: Path, key: Mapping[str, Any]) -> None:
        """Open `path` and check its header; `KeptFileError` if it is not one of `key`."""
        try:
            self._file: BinaryIO = path.open("rb")
        except OSError as error:
            raise KeptFileError(f"{path}: {error}") from error
        try:
            self._parts = self._read_header(key)
        except BaseException:
            self._file.close()
            raise

    def _read_header(self, key: Mapping[str, Any]) -> dict[str, tuple[int, int, int]]:
        file = self._file
        header, length = read_header(file)
        try:
            if header["key"] != json.loads(json.dumps(key)):  # as JSON holds it
                raise KeptFileError("kept from other files")
            parts: dict[str, tuple[int, int, int]] = {}
            offset = len(MAGIC) + _LENGTH + length
            for name, size, crc in header["parts"]:
                parts[str(name)] = (offset, int(size), int(crc))
                offset += int(size)
        except (ValueError, TypeError, KeyError) as error:
            raise KeptFileError(f"a damaged header ({error})") from error
        if os.fstat(file.fileno()).st_size != offset:
            raise KeptFileError("truncated, or longer than its parts")
        return parts

    def __contains__(self, name: str) -> bool:
        return name in self._parts

    def read(self, name: str) -> Any:
        """The data of part `name`; `KeptFileError` if it is missing or damaged."""
        if name not in self._parts:
            raise KeptFileError(f"no part {name!r}")
        offset, size, crc = self._parts[name]
        try:
            data = os.pread(self._file.fileno(), size, offset)
        except OSError as error:
            raise KeptFileError(f"part {name!r}: {error}") from error
        if len(data) != size or zlib.crc32(data) != crc:
            raise KeptFileError(f"part {name!r} is damaged")
        try:
            return marshal.loads(data)
        except (ValueError, EOFError, TypeError) as error:
            raise KeptFileError(f"part {name!r} is damaged ({error})") from error

    def close(self) -> None:
        self._file.close()


def read_header(file: BinaryIO) -> tuple[Any, int]:
    """The JSON header of the kept index `file` (read from its start), and its length
    in bytes; `KeptFileError` if the file is no kept index."""
    if file.read(len(MAGIC)) != MAGIC:
        raise KeptFileError("not a kept index")
    length = int.from_bytes(file.read(_LENGTH), "little")
    if not 0 < length <= _MOST_HEADER:
        raise KeptFileError("a damaged header")
    try:
        return json.loads(file.read(length)), length
    except ValueError as error:
        raise KeptFileError(f"a damaged header ({error})") from error


def write_kept(path: Path, key: Mapping[str, Any], parts: Iterable[tuple[str, Any]]) -> None:
    """Write the kept index `path` of `key` from its (name, data) parts, atomically.

    The parts are encoded one at a time (each a short call into C) and spooled
    to a temporary file; the file is renamed over `path` only when whole.
    `OSError` if it cannot be written (the old file, if any, is left as it was).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _drop_leftovers(path)
    table: list[tuple[str, int, int]] = []
    with tempfile.TemporaryFile(dir=path.parent) as body:
        for name, data in parts:
            encoded = marshal.dumps(data)
            body.write(encoded)
            table.append((name, len(encoded), zlib.crc32(encoded)))
        header = json.dumps({"key": key, "parts": table}).encode()
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(descriptor, "wb") as out:
                out.write(MAGIC + len(header).to_bytes(_LENGTH, "little") + header)
                body.seek(0)
                while chunk := body.read(1 << 22):
                    out.write(chunk)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


_LEFTOVER_AFTER = 3600.0  # seconds: a temporary file this old was left by a killed writer


def _drop_leftovers(path: Path) -> None:
    """Remove the temporary files of `path` that writers killed mid-write left."""
    now = time.time()
    for leftover in path.parent.glob(f".{path.name}.*"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _LEFTOVER_AFTER:
                leftover.unlink()
