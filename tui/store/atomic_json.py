"""JSON files that are never left half-written, and that say what is wrong with them.

TinyDB's stock `JSONStorage` truncates its file and writes it in place, so a
crash, a kill or a full disk in the middle of a write loses the database. Here
every write goes to a temporary file beside the real one, which is flushed,
fsynced and `os.replace`d over the old file, and then the directory is
fsynced: a reader sees the old file or the new one, never a mix, and after a
power cut the rename itself is on disk.

Reading checks the file as well as parsing it, and turns every way a file can
be broken (not UTF-8, not JSON, JSON of the wrong layout) into one
`DamagedStoreError` with a short reason a user can read.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import orjson

TEMP_MARK = ".tmp-"

Tables = dict[str, dict[str, Any]]


class StoreWriteError(OSError):
    """A write that did not happen; the file on disk is as it was.

    The message says why, for the user: "the disk is full (/path/file.json)".
    """


class DamagedStoreError(ValueError):
    """A file that exists but cannot be read as a TinyDB file.

    The message is the reason only ("is not valid JSON (line 3, column 1)");
    the caller names the file and says what to do.
    """


# -- reading -------------------------------------------------------------------


READ_LIMIT = 4 * 1024**3  # bytes: a million-film catalog is some 400 MB


class NotARegularFile(OSError):
    """A path that is a folder, a FIFO, a device or a socket: never read it.

    Reading a FIFO waits for a writer for ever, and `/dev/zero` never ends.
    """


def read_bytes(path: Path, limit: int = READ_LIMIT) -> bytes | None:
    """The bytes of the regular file `path`, or None when it does not exist.

    Raises as `open_regular` does.
    """
    file = open_regular(path, limit)
    if file is None:
        return None
    with file:  # a buffer of `limit` (4 GB) fails where memory is not over-committed
        size = os.fstat(file.fileno()).st_size
        data = file.read(min(size, limit) + 1)  # one byte more: has it grown since?
        more = file.read(max(0, limit - len(data))) if len(data) > size else b""
        return (data + more)[:limit]


def open_regular(path: Path, limit: int = READ_LIMIT) -> BinaryIO | None:
    """The regular file `path` opened for reading, or None when it does not exist.

    Raises `NotARegularFile` for anything else (the message says what it is),
    and `OSError` for a file over `limit` bytes. The file is opened without
    blocking, so a FIFO is refused instead of waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if os.path.lexists(path) and not os.path.exists(path):
            where = os.path.realpath(path)
            raise NotARegularFile(f"is a link to {where}, which does not exist") from None
        return None
    except IsADirectoryError:
        raise NotARegularFile("is a folder, not a file") from None
    try:
        status = os.fstat(fd)
        _check_regular(status.st_mode)
        if status.st_size > limit:
            raise OSError(
                errno.EFBIG, f"is {status.st_size:,} bytes, more than filmtui reads ({limit:,})"
            )
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def check_regular_file(path: Path) -> None:
    """Raise `NotARegularFile` if `path` exists (through links) and is not a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    _check_regular(mode)


def _check_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise NotARegularFile("is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise NotARegularFile(f"is {_file_kind(mode)}, not a regular file")


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def is_blank(raw: bytes | None) -> bool:
    """A missing, empty or whitespace-only file: TinyDB reads it as no data.

    (`isspace` stops at the first other byte; `strip` would copy a big file.)
    """
    return raw is None or not raw or raw.isspace()


def parse(raw: bytes, tables: Iterable[str] = ()) -> Tables:
    """Decode a TinyDB file, checking that it and `tables` have TinyDB's layout.

    Raises `DamagedStoreError` with the reason. A blank file is an empty
    database (`{}`); whether that is acceptable is the caller's decision.
    """
    if is_blank(raw):
        return {}
    return _checked(loads(raw), tables)


def loads(raw: bytes) -> Any:
    """The JSON value of `raw` (UTF-8, maybe with a BOM); `DamagedStoreError` if none."""
    check_text(raw)
    try:
        return orjson.loads(raw.removeprefix(codecs.BOM_UTF8))
    except orjson.JSONDecodeError:
        # orjson is strict where the standard library is lenient (a lone surrogate
        # such as "\ud800", NaN, very big numbers) and says less about where a
        # file is broken: let the standard library read it, or explain why not.
        return _parse_slowly(raw)


def check_text(raw: bytes) -> None:
    """Raise `DamagedStoreError` if `raw` is plainly not UTF-8 text (UTF-16, binary)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DamagedStoreError("is UTF-16 text, but filmtui reads UTF-8: save it as UTF-8")
    if b"\x00" in raw[:4096]:
        if looks_like_utf16(raw):
            raise DamagedStoreError(
                "is UTF-16 text without a byte-order mark, but filmtui reads UTF-8: "
                "save it as UTF-8"
            )
        raise DamagedStoreError("is a binary file, not text")


def looks_like_utf16(raw: bytes) -> bool:
    """Text of one-byte characters written as UTF-16: a NUL in every other byte."""
    head = raw[:4096]
    half = len(head) // 2
    if half < 2:
        return False
    for zeros, others in ((head[0::2], head[1::2]), (head[1::2], head[0::2])):
        if zeros.count(0) >= 0.9 * half and others.count(0) == 0:
            return True
    return False


def _parse_slowly(raw: bytes) -> Any:
    """`json.loads`, with `DamagedStoreError` saying what is wrong."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DamagedStoreError(f"is not UTF-8 text (bad byte at offset {error.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise DamagedStoreError("is not valid JSON: it ends too soon (truncated?)") from None
        raise DamagedStoreError(
            f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise DamagedStoreError("is not valid JSON for filmtui: it is nested too deeply") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise DamagedStoreError(
            "is not valid JSON for filmtui: it holds a number of more than 4,300 digits"
        ) from None


def _checked(data: Any, tables: Iterable[str]) -> Tables:
    """`data` if it has TinyDB's layout (and `tables` are tables); else why not."""
    if not isinstance(data, dict):
        raise DamagedStoreError(
            f"is JSON but not a TinyDB file (expected an object of tables, found {_kind(data)})"
        )
    for name in tables:
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise DamagedStoreError(
                f"is JSON but its table {name!r} is not a TinyDB table "
                f"(expected an object of documents, found {_kind(table)})"
            )
    return data


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "null"
    return "an object"


def encode(data: Tables, fast: bool = True) -> bytes:
    """The JSON bytes of `data`, one document a line: readable, and quick to write.

    Each document is one `orjson.dumps` (ten times `json.dumps`, which matters
    for a user file of 60,000 imported films). What orjson cannot write as it
    was read goes through the standard library: lone surrogates (`"\\ud800"`,
    which UTF-8 cannot encode: then everything is written as ASCII escapes)
    and numbers beyond 64 bits. orjson writes NaN and infinities as `null`,
    so data read from a file that held them is encoded with `fast=False`.
    """
    if fast:
        try:
            return _fast_layout(data)
        except (orjson.JSONEncodeError, TypeError):
            pass
    try:
        return _layout(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return _layout(data, ensure_ascii=True).encode("ascii")


def _fast_layout(data: Tables) -> bytes:
    """`_layout` by orjson, in one join: each piece of a file of 60,000 films
    joined into a bigger one would copy all of it again (and fresh memory
    costs more than the copy)."""
    dumps = orjson.dumps
    pieces = [b"{\n"]
    for name, table in data.items():
        if len(pieces) > 1:
            pieces.append(b",\n")
        if isinstance(table, dict) and table:
            pieces.append(b" " + dumps(name) + b": {\n  ")
            # (A list, not a generator: join makes one anyway, slower.)
            keys, docs = map(dumps, table), map(dumps, table.values())
            rows = [key + b": " + doc + b",\n  " for key, doc in zip(keys, docs, strict=True)]
            rows[-1] = rows[-1][: -len(b",\n  ")] + b"\n }"
            pieces += rows
        else:
            pieces.append(b" " + dumps(name) + b": " + dumps(table))
    pieces.append(b"\n}\n")
    return b"".join(pieces)


def _layout(data: Tables, ensure_ascii: bool) -> str:
    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=ensure_ascii)

    tables = []
    for name, table in data.items():
        if isinstance(table, dict) and table:
            rows = ",\n".join(f"  {dumps(key)}: {dumps(doc)}" for key, doc in table.items())
            tables.append(f" {dumps(name)}: {{\n{rows}\n }}")
        else:
            tables.append(f" {dumps(name)}: {dumps(table)}")
    return "{\n" + ",\n".join(tables) + "\n}\n"


# -- writing -------------------------------------------------------------------


def check_writable(path: Path) -> None:
    """Raise `StoreWriteError` if `path` could not be replaced by a new file.

    A temp-file writer needs only the folder to be writable, so without this
    check it would happily replace a file the user made read-only.
    """
    directory = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreWriteError(f"the file is read-only ({path})")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise StoreWriteError(f"the folder is read-only ({directory})")


def write_atomically(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data`, all or nothing; raise `StoreWriteError` if not."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if os.path.islink(path):  # write through a link: it stays a link to the new file
        path = Path(os.path.realpath(path))
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):  # never swap a device, a FIFO or a folder for a file
            raise StoreWriteError(f"it is {_file_kind(mode)}, not a regular file ({path})")
    check_writable(path)
    directory = path.parent
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}", dir=directory)
    except OSError as error:
        raise StoreWriteError(f"{reason(error)} ({directory})") from error
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp_name, path.stat().st_mode & 0o777)
        os.replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(error, OSError):
            raise StoreWriteError(f"{reason(error)} ({path})") from error
        raise
    fsync_directory(directory)


def reason(error: OSError) -> str:
    """What went wrong with a write, in words a user can act on."""
    known = {
        errno.ENOSPC: "the disk is full",
        errno.EFBIG: "the file would exceed the file-size limit",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }
    if error.errno in known:
        return known[error.errno]
    return (error.strerror or str(error)).lower()


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def stale_temp_files(path: Path) -> list[Path]:
    """Temporary files of `path` left behind by a writer that was killed."""
    prefix = f".{path.name}{TEMP_MARK}"
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return [path.parent / name for name in names if name.startswith(prefix)]


def remove_stale_temp_files(path: Path) -> int:
    """Remove what `stale_temp_files` finds; return how many were removed.

    Call it only while holding the library's lock: another process's temp
    file is stale only if that process is not writing right now.
    """
    removed = 0
    for temp in stale_temp_files(path):
        with contextlib.suppress(OSError):
            temp.unlink()
            removed += 1
    return removed
