"""`filmtui list`, `export` and `import`: the library for scripts.

Standard output carries data only; messages go to standard error. Exit
statuses: 0 ok, 1 nothing matched (`list`), 2 bad input.

What reaches standard output: on a terminal, every control character of the
catalog's text shows as `\u001b` (`safe_text.visible`), so no escape
sequence of a title can act on the terminal; to a file or a pipe the data is
written exactly, but for a lone surrogate, which UTF-8 cannot carry: it is
written as the six characters `\ud800` (in JSON, the escape of that very
character). The tab-separated lines of `list` escape backslash, tab, CR and LF
as `\\`, `\t`, `\r` and `\n`, so a field never breaks a line or a column.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.cli.status import EXIT_NO_MATCH, EXIT_OK, say
from tui.finder import find_in, library_index
from tui.safe_text import clean_line, escape_surrogates, visible, visible_line
from tui.search.orders import Sort
from tui.store.atomic_json import write_atomically
from tui.store.library import Library, StoreWriteError
from tui.transfer.export import Entry, export_text

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_field(text: str) -> str:
    """`text` for one field of a tab-separated line: `\\`, tab, CR, LF escaped."""
    return text.translate(_TSV_ESCAPES)


def write_data(out: TextIO, text: str) -> None:
    """`text` to `out`: made visible on a terminal, exact (but surrogates) elsewhere."""
    out.write(visible(text) if out.isatty() else escape_surrogates(text))


def _entries(
    library: Library, query: str, favourites_only: bool, sort: Sort = Sort.RELEVANCE
) -> list[Entry]:
    """The films the app would show for `query` with `sort`, in the same order.

    Like the app, says on stderr what part of the query could not be read,
    and the nearest title when nothing matches.
    """
    index = library_index(library)
    result = find_in(library, index, query, favourites_only=favourites_only, sort=sort)
    if result.hint:
        print(f"filmtui: {clean_line(result.hint)}", file=sys.stderr)
    if not result.films:
        near = index.suggest(result.query)
        where = "favourites" if favourites_only else "films"
        message = f"no {where} match “{clean_line(query)}”" if query.strip() else f"no {where}"
        if near is not None:
            message += f"; did you mean “{clean_line(near.title)}”?"
        print(f"filmtui: {message}", file=sys.stderr)
    return [Entry(film, library.personal(film.id)) for film in result.films]


def run_list(
    library: Library,
    query: str,
    favourites_only: bool,
    fmt: str,
    out: TextIO | None = None,
    sort: Sort = Sort.RELEVANCE,
) -> int:
    """Print the films the app would show to `out` (standard output as it is now)."""
    out = sys.stdout if out is None else out
    entries = _entries(library, query, favourites_only, sort)
    if fmt in ("json", "csv"):
        write_data(out, export_text(entries, fmt))
    elif out.isatty():
        table = Table("Title", "Year", "★", "Rating", box=None, header_style="bold")
        for entry in entries:
            table.add_row(
                Text(visible_line(entry.film.title)),
                entry.film.year_text,
                "★" if entry.personal.favourite else "",
                entry.personal.stars,
            )
        Console(file=out).print(table)
    else:
        for entry in entries:
            star = "★" if entry.personal.favourite else ""
            fields = (entry.film.id, entry.film.title, entry.film.year_text, star)
            write_data(out, "\t".join(map(tsv_field, fields)) + "\n")
    if not entries:
        return EXIT_NO_MATCH
    return EXIT_OK


def run_export(
    library: Library,
    favourites_only: bool,
    fmt: str,
    output: Path | None,
    out: TextIO | None = None,
) -> int:
    """Export to `out`, or to the file `output`.

    A file is replaced atomically, through a symbolic link to it (the link
    stays); what is not a regular file (`/dev/stdout`, a terminal, a FIFO)
    is written to as a stream, never replaced.
    """
    out = sys.stdout if out is None else out
    entries = _entries(library, "", favourites_only)
    text = export_text(entries, fmt)
    if output is None:
        write_data(out, text)
        return EXIT_OK
    if library.owns(output):
        return say(
            f"{output} is one of the library's own files; nothing was written: "
            "export to another file."
        )
    try:
        if output.exists() and not output.is_file():
            with output.open("w", encoding="utf-8") as stream:
                write_data(stream, text)
        else:
            write_atomically(output.resolve(), escape_surrogates(text))
    except StoreWriteError as error:
        return say(f"cannot write {output}: {error}")
    except OSError as error:
        return say(f"cannot write {output}: {error.strerror or error}")
    print(f"filmtui: exported {len(entries)} films to {clean_line(str(output))}", file=sys.stderr)
    return EXIT_OK
