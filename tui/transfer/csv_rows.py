"""The rows of a CSV file with a header, each with the line it starts on.

Plain Python. Text is UTF-8 (with or without a BOM) or UTF-16 with a BOM; a
file that is something else is named for what it is, never half-read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import NamedTuple

from tui.transfer.progress import EVERY, Progress, unshown


class BadCSV(ValueError):
    """A file that cannot be read as CSV; the message names the line."""


class Row(NamedTuple):
    """The cells of one row by column, and the line it starts on.

    (A tuple: a frozen dataclass sets its fields through `object.__setattr__`,
    slow for the 100,000s of rows of a file.)
    """

    line: int
    cells: dict[str, str]


def decode(raw: bytes, name: str) -> str:
    """The text of an import file, or `BadCSV` saying what the bytes are."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096]:
        even_nuls = raw[0:4096:2].count(0)
        odd_nuls = raw[1:4096:2].count(0)
        if even_nuls > len(raw[:4096]) // 8 or odd_nuls > len(raw[:4096]) // 8:
            raise BadCSV(
                f"{name}: looks like UTF-16 text without a byte-order mark; "
                "save it as UTF-8 and import it again"
            )
        raise BadCSV(f"{name}: is a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadCSV(
            f"{name}: is not UTF-8 text (byte {error.start}); save it as UTF-8 and import it again"
        ) from None


def header_of(text: str) -> list[str]:
    """The first row's cells, stripped (empty if the file has none)."""
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return []
    return [cell.strip() for cell in first]


def rows(text: str, name: str, progress: Progress = unshown) -> tuple[list[str], Iterator[Row]]:
    """The header and an iterator of the rows after it (blank rows left out).

    `progress` is told the line reached, of how many lines.
    """
    lines = text.count("\n") + (not text.endswith("\n"))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [cell.strip() for cell in next(reader, [])]
    except csv.Error as error:
        raise BadCSV(f"{name}: line {reader.line_num}: {error}") from None
    if not any(header):
        raise BadCSV(f"{name}: has no header row")

    def body() -> Iterator[Row]:
        start, read = reader.line_num + 1, 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                progress(lines, lines)
                return
            except csv.Error as error:
                raise BadCSV(f"{name}: line {reader.line_num}: {error}") from None
            line, start = start, reader.line_num + 1
            read += 1
            if not read % EVERY:
                progress(line, lines)
            if not "".join(cells).strip():  # blank: every cell is
                continue
            if len(cells) != len(header):
                raise BadCSV(
                    f"{name}: line {line}: {len(cells)} fields where the header has {len(header)}"
                )
            yield Row(line, dict(zip(header, cells, strict=True)))

    return header, body()
