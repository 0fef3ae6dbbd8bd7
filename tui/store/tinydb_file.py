"""filmtui's TinyDB `Storage`: a JSON file read with checks, written atomically.

Every read and write of the catalog and of the user's file goes through
`TinyDBFile` (TinyDB's documented extension point), so the store is TinyDB
underneath: changes are made with TinyDB's `Table` API on a fresh `TinyDB`
opened for that one change (see `tui.store.user_file`), and TinyDB's
`CachingMiddleware` turns the few table operations of a change into one read
and one atomic write of the file.

What this storage adds to TinyDB's stock `JSONStorage`:

- reading refuses what is not a regular file (a FIFO would block for ever),
  bounds what it reads, and turns every way a file can be damaged into one
  `DamagedStoreError` with a reason (see `tui.store.atomic_json.parse`);
- writing replaces the file atomically (never half-written), through a link;
- documents TinyDB could not hold (a key that is not a document number as
  TinyDB writes them, such as `"odd-key"` or a number of 5,000 digits; a
  value that is not an object) are set aside on reading and put back on
  writing, so a change never loses them and TinyDB never trips on them;
- a big table is read a piece at a time with progress (`pieces`, see
  `tui.store.json_pieces`), for the catalog of a million films.

Plain Python; knows nothing of Textual.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from tui.store.atomic_json import (
    Tables,
    encode,
    is_blank,
    open_regular,
    parse,
    read_bytes,
    write_atomically,
)
from tui.store.json_pieces import Piece, iter_table_pieces

_LONGEST_ID = 18  # digits: a document number TinyDB turns into an int and back unchanged
_DOCUMENT_NUMBER = re.compile(rf"0|[1-9][0-9]{{0,{_LONGEST_ID - 1}}}")


class TinyDBFile(Storage):
    """A TinyDB file on disk; `tables` are checked to be TinyDB tables."""

    def __init__(self, path: str | Path, tables: Sequence[str] = ()) -> None:
        super().__init__()
        self.path = Path(path)
        self.tables = tuple(tables)
        self.raw: bytes | None = None
        """The bytes last read (None: the file did not exist)."""
        self._set_aside: dict[str, dict[str, Any]] = {}

    def read_raw(self) -> bytes | None:
        """The file's bytes (None if it does not exist); kept in `raw`."""
        self.raw = read_bytes(self.path)
        return self.raw

    def read(self) -> Tables | None:
        """The file's tables (None when it is missing or blank, as TinyDB wants).

        Raises `DamagedStoreError` when the file cannot be read as TinyDB's;
        `OSError` (`NotARegularFile`, …) when it cannot be read at all.
        """
        raw = self.read_raw()
        if is_blank(raw):
            return None
        assert raw is not None
        data = parse(raw, self.tables)
        self._set_aside = {}
        for name in self.tables:
            table = data.get(name)
            if isinstance(table, dict) and not _all_held(table):
                odd = {key: doc for key, doc in table.items() if not _holds(key, doc)}
                if odd:
                    self._set_aside[name] = odd
                    data[name] = {key: doc for key, doc in table.items() if key not in odd}
        return data

    def write(self, data: Tables) -> None:
        """Replace the file with `data` (and what `read` set aside), all or nothing."""
        whole = dict(data)
        for name, odd in self._set_aside.items():
            whole[name] = {**whole.get(name, {}), **odd}
        exotic = self.raw is not None and (b"NaN" in self.raw or b"Infinity" in self.raw)
        write_atomically(self.path, encode(whole, fast=not exotic))

    def pieces(self, table: str) -> Iterator[Piece]:
        """The documents of `table`, a piece at a time (see `tui.store.json_pieces`),
        read from the file as they are handed out (`raw` is left as it was).

        Raises as `read` does; a missing or blank file has no documents.
        """
        file = open_regular(self.path)
        if file is None:
            yield Piece({}, 1.0, restart=True)
            return
        with file:
            yield from iter_table_pieces(file, table)

    def close(self) -> None:
        pass


def _all_held(table: dict[str, Any]) -> bool:
    """`_holds` of every document, quickly (in C) for a table as TinyDB writes it."""
    return all(map(_DOCUMENT_NUMBER.fullmatch, table)) and all(
        type(document) is dict for document in table.values()
    )


def _holds(key: str, document: object) -> bool:
    """Whether TinyDB can hold `document` under `key` (and write it back as it was)."""
    return (
        isinstance(document, dict)
        and key.isascii()
        and key.isdigit()
        and len(key) <= _LONGEST_ID
        and (key == "0" or not key.startswith("0"))
    )


class OneWrite(CachingMiddleware):
    """TinyDB's `CachingMiddleware`, writing only when closed: one write per change."""

    WRITE_CACHE_SIZE = sys.maxsize

    def __init__(self, storage_cls: type[Storage]) -> None:
        super().__init__(storage_cls)  # type: ignore[no-untyped-call]


def open_tinydb(path: Path, tables: Sequence[str]) -> TinyDB:
    """A fresh `TinyDB` on `path`, read at most once and written once, on `close()`.

    Never keep one beyond a change: another filmtui may write the file next.
    Its tables are to be opened with `cache_size=0` (see `table`).
    """
    return TinyDB(path, tables=tables, storage=OneWrite(TinyDBFile))


def file_of(db: TinyDB) -> TinyDBFile:
    """The `TinyDBFile` under a database of `open_tinydb`."""
    storage = db.storage
    inner = storage.storage if isinstance(storage, CachingMiddleware) else storage
    assert isinstance(inner, TinyDBFile)
    return inner
