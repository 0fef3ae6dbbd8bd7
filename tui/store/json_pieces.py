"""One table of a big TinyDB file, parsed a piece at a time.

`orjson.loads` of a catalog of a million films is one C call that holds the
GIL for seconds, so a loader thread freezes the UI thread. Here the table is
cut into pieces of about 2 MB, each parsed by one `orjson.loads` of some
5-15 ms and handed out in turn: the GIL is free between pieces, the caller
can build its objects and drop each piece's dicts, and it learns how far the
read has got. The outcome (documents, their order, duplicate keys, every
error) is exactly that of `tui.store.atomic_json.parse` of the whole file; where the
pieces cannot promise that, the whole file is parsed instead.

A piece ends just after the `}` of a match of `SPLIT` (`}` `,` `"<digits>"`
`:` `{`, with whitespace between), and the next one starts at its `"`. Why
this is sound:

- In valid JSON a match never starts inside a string: its `"` comes after a
  comma or whitespace, not a backslash, so it would end the string, and a
  digit cannot follow the end of a string.
- A match at another depth (in a document such as `{"extra": {"1": {}, "2":
  {}}}`) leaves a piece whose brackets do not balance. A piece is parsed as
  `[{` piece `}]`, at the depth the table has in the file, and must come out
  as a list of one object: orjson rejects a piece that ends too soon or has
  anything after its end, and a piece that closed the object early would
  make more items. So a piece that parses is a run of whole documents of the
  table, and the file is valid JSON exactly when all its pieces parse (the
  same tokens at the same depth: even orjson's nesting limit is met alike).
- The first piece, `raw[:end] + "}}"`, must parse to an object whose only key
  is the table (the table is the file's first: with other keys before it, a
  duplicate key could hide which table the split lies in). The last piece
  must close the table and then the file, with nothing after.
- No key of a piece may be one of an earlier piece's: in the whole file a
  duplicate's last value wins, at the first one's place. The keys must be
  whole numbers that rise from piece to piece, as TinyDB writes them.

Anything else (a piece that does not parse, a split in another table, keys
that do not rise from piece to piece, other tables before this one or after
it, a file of less than two pieces) falls back to `tui.store.atomic_json.parse` of the whole
file, which also raises the right `DamagedStoreError`. If pieces were handed
out before the fallback, its piece says `restart`: the caller forgets them.

A file is read a piece at a time too (`_Window`), and each piece's bytes are
let go once it is handed out: the whole file (366 MB for a million films) is
never held beside the films made of it, unless it is read whole.

Plain Python; it knows nothing of Textual.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, NamedTuple

import orjson

from tui.store.atomic_json import check_text, parse

PIECE_BYTES = 2_000_000
ATTEMPTS = 3  # split points tried per piece before reading the file whole
HEAD_BYTES = 4096  # what `check_text` looks at

_SPACE = rb"[ \t\n\r]*"  # JSON's whitespace, exactly
SPLIT = re.compile(
    rb"\}" + _SPACE + rb"," + _SPACE + rb'(")[0-9]+"' + _SPACE + rb":" + _SPACE + rb"\{"
)

Documents = dict[str, Any]


class Piece(NamedTuple):
    """Documents of a table, in the file's order, and how far the read has got."""

    documents: Documents
    done: float  # fraction of the file's bytes read so far, 0.0 to 1.0
    restart: bool  # the table starts again here: forget earlier pieces (true of the first)


class _Unsplittable(Exception):
    """The pieces would not add up to the table: parse the file whole instead."""


def iter_table_pieces(
    source: bytes | BinaryIO, table: str, piece_bytes: int = PIECE_BYTES
) -> Iterator[Piece]:
    """The documents of `table` in the TinyDB file `source`, a piece at a time.

    `source` is the file's bytes, or the file opened for reading (binary,
    seekable), read from its start. A missing table has no documents. Raises
    `DamagedStoreError`, as `tui.store.atomic_json.parse(raw, [table])` does, when
    the file is damaged; pieces may have been handed out before that (drop them).
    """
    file = io.BytesIO(source) if isinstance(source, bytes) else source
    size = file.seek(0, io.SEEK_END)
    file.seek(0)
    if size >= 2 * piece_bytes:
        window = _Window(file, piece_bytes)
        head = window.head(HEAD_BYTES)
        if not head.isspace():  # (a blank file is read whole: it has no documents)
            check_text(head)
            try:
                yield from _pieces(window, size, table, piece_bytes)
                return
            except _Unsplittable:
                pass
        del window
        file.seek(0)
    yield Piece(parse(file.read(), [table]).get(table, {}), 1.0, restart=True)


class _Window:
    """The bytes of a file from some point on, read a chunk at a time as the
    pieces need them, and let go of once handed out (`forget`).

    Offsets are the file's.
    """

    def __init__(self, file: BinaryIO, chunk: int) -> None:
        self._file = file
        self._chunk = max(chunk, 1)
        self._data = bytearray()
        self._start = 0  # the file's offset of `_data[0]`

    def _more(self) -> bool:
        """Read one chunk more; False at the end of the file."""
        more = self._file.read(self._chunk)
        self._data += more
        return bool(more)

    def _reach(self, end: int) -> None:
        while self._start + len(self._data) < end and self._more():
            pass

    def head(self, size: int) -> bytes:
        """The first `size` bytes of the file (before anything is forgotten)."""
        self._reach(size)
        return bytes(self._data[:size])

    def split(self, position: int) -> tuple[int, int] | None:
        """The first match of `SPLIT` from `position` on: where it starts and
        where its `"` is; None if there is none before the end of the file."""
        self._reach(position)
        at = max(position - self._start, 0)
        while True:
            match = SPLIT.search(self._data, at)
            if match is not None:
                return self._start + match.start(), self._start + match.start(1)
            # A match cut short by the end of what is read starts at its `}`,
            # the last one read: none can start before it.
            last = self._data.rfind(b"}", at)
            at = len(self._data) if last < 0 else last
            if not self._more():
                return None

    def piece(self, start: int, end: int) -> bytearray:
        self._reach(end)
        return self._data[start - self._start : end - self._start]

    def rest(self, start: int) -> bytearray:
        """The bytes from `start` to the end of the file."""
        while self._more():
            pass
        return self._data[start - self._start :]

    def forget(self, before: int) -> None:
        """Let go of the bytes before `before`: they are not needed again."""
        del self._data[: before - self._start]
        self._start = before


def _pieces(window: _Window, size: int, table: str, piece_bytes: int) -> Iterator[Piece]:
    """The pieces of `table`; `_Unsplittable` (perhaps after some) if they would not do."""
    start = len(codecs.BOM_UTF8) if window.head(3) == codecs.BOM_UTF8 else 0
    top = -1  # the largest key so far
    first = True
    while True:
        if first:
            cut = _cut(window, start, piece_bytes, lambda piece: _first_documents(piece, table))
        else:
            cut = _cut(window, start, piece_bytes, _middle_documents)
        if cut is None:
            break
        documents, end, start = cut
        window.forget(start)
        top = _keys_above(documents, top)
        yield Piece(documents, end / size, restart=first)
        del documents, cut
        first = False
    if first:  # no split point: the file is one piece
        raise _Unsplittable
    documents = _last_documents(window.rest(start))
    _keys_above(documents, top)
    yield Piece(documents, 1.0, restart=False)


def _cut(
    window: _Window, start: int, piece_bytes: int, read: Callable[[bytearray], Documents]
) -> tuple[Documents, int, int] | None:
    """`read` of the piece from `start` to a split point `piece_bytes` or more on.

    Returns the documents, the end of the piece and the start of the next;
    None when no split point is left (the rest is the last piece).
    """
    position = start + piece_bytes
    for _ in range(ATTEMPTS):
        split = window.split(position)
        if split is None:
            return None
        end = split[0] + 1
        try:
            return read(window.piece(start, end)), end, split[1]
        except (orjson.JSONDecodeError, _Unsplittable):
            position = end  # a split at another depth: try the next one
    raise _Unsplittable


def _first_documents(piece: bytearray, table: str) -> Documents:
    """The documents of the first piece: the file up to a split in `table`."""
    tables = orjson.loads(piece + b"}}")
    if not isinstance(tables, dict) or list(tables) != [table]:
        raise _Unsplittable
    documents = tables[table]
    if not isinstance(documents, dict):
        raise _Unsplittable
    return documents


def _middle_documents(piece: bytearray) -> Documents:
    """The documents of a piece between two splits."""
    return _one_object(orjson.loads(b"[{" + piece + b"}]"))


def _last_documents(piece: bytearray) -> Documents:
    """The documents of the last piece, which closes the table and then the file."""
    body = piece.rstrip(b" \t\n\r")
    if not body.endswith(b"}"):
        raise _Unsplittable
    try:
        return _one_object(orjson.loads(b"[{" + body[:-1] + b"]"))
    except orjson.JSONDecodeError:
        raise _Unsplittable from None


def _one_object(wrapped: list[Any]) -> Documents:
    """The object of `[{piece}]`; `_Unsplittable` if the piece closed it early.

    A piece that closes the object before its end puts more items in the
    list (`[{"1": {}}, {"2": {}}]`): valid in a list, not in the file's table.
    """
    if len(wrapped) != 1:
        raise _Unsplittable
    documents: Documents = wrapped[0]
    return documents


def _keys_above(documents: Documents, top: int) -> int:
    """The largest key of a piece whose keys are all whole numbers above `top`.

    Then no key is one of an earlier piece's (equal keys are equal numbers).
    Keys that are not raise `_Unsplittable`; TinyDB's own ids are numbers that
    rise through the file, unless a document was inserted with a lower id.
    (A set of the keys seen would also do, but costs more, and growing it to
    a million keys is one C call of some 100 ms, holding the GIL.)
    """
    try:
        numbers = list(map(int, documents))
    except ValueError:
        raise _Unsplittable from None
    if not numbers:
        return top
    if min(numbers) <= top:
        raise _Unsplittable
    return max(numbers)
