"""A TinyDB `Storage` that never leaves a half-written file behind.

TinyDB's stock `JSONStorage` truncates its file and writes it in place, so a
crash or a full disk in the middle of a write loses the database. This storage
writes a temporary file beside the real one, flushes and fsyncs it, and
`os.replace`s it over the old file: a reader sees the old file or the new one,
never a mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

TEMP_PREFIX = ".filmtui-tmp-"


class StoreWriteError(OSError):
    """A write that did not happen; the file on disk is as it was."""


class AtomicJSONStorage(Storage):
    """Read a JSON file whole; write it by atomic replacement."""

    def __init__(self, path: str | os.PathLike[str], create: bool = False) -> None:
        self.path = Path(path)
        if create and not self.path.exists():
            self.write({})

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        data = json.loads(raw.decode("utf-8"))
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1))

    def close(self) -> None:
        pass


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text`, all or nothing."""
    directory = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreWriteError(f"{path} is read-only")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=directory)
    except OSError as error:
        raise StoreWriteError(f"cannot write in {directory}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o777)
        os.replace(temp_name, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise StoreWriteError(f"cannot write {path}: {error.strerror or error}") from error
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
