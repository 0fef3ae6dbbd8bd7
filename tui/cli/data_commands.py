"""`filmtui list`, `export` and `import`: the library for scripts.

Standard output carries data only; messages go to standard error. Exit
statuses: 0 ok, 1 nothing matched (`list`), 2 bad input.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.finder import find_in, library_index
from tui.safe_text import clean_line
from tui.search.orders import Sort
from tui.store.atomic_json import write_atomically
from tui.store.library import Library, StoreWriteError
from tui.transfer.export import Entry, export_text
from tui.transfer.planning import plan_import
from tui.transfer.reading import BadImportFile, Skipped, read_import_file

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_BAD_INPUT = 2


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
    out: TextIO = sys.stdout,
    sort: Sort = Sort.RELEVANCE,
) -> int:
    entries = _entries(library, query, favourites_only, sort)
    if fmt in ("json", "csv"):
        out.write(export_text(entries, fmt))
    elif out.isatty():
        table = Table("Title", "Year", "★", "Rating", box=None, header_style="bold")
        for entry in entries:
            table.add_row(
                Text(clean_line(entry.film.title)),
                entry.film.year_text,
                "★" if entry.personal.favourite else "",
                entry.personal.stars,
            )
        Console(file=out).print(table)
    else:
        for entry in entries:
            star = "★" if entry.personal.favourite else ""
            out.write(
                f"{entry.film.id}\t{clean_line(entry.film.title)}\t{entry.film.year_text}\t{star}\n"
            )
    if not entries:
        return EXIT_NO_MATCH
    return EXIT_OK


def run_export(
    library: Library, favourites_only: bool, fmt: str, output: Path | None, out: TextIO = sys.stdout
) -> int:
    entries = _entries(library, "", favourites_only)
    text = export_text(entries, fmt)
    if output is None:
        out.write(text)
        return EXIT_OK
    if library.owns(output):
        print(
            f"filmtui: {clean_line(str(output))} is one of the library's own files; "
            "nothing was written: export to another file.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        write_atomically(output, text)
    except OSError as error:
        print(f"filmtui: cannot write {output}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"filmtui: exported {len(entries)} films to {output}", file=sys.stderr)
    return EXIT_OK


def run_import(library: Library, path: Path, dry_run: bool) -> int:
    try:
        incoming, skipped = read_import_file(path)
    except BadImportFile as error:
        print(f"filmtui: {clean_line(str(error))}; nothing was imported.", file=sys.stderr)
        return EXIT_BAD_INPUT
    plan = plan_import(library.films, library.all_marks(), incoming, skipped)
    if not dry_run and (plan.added or plan.updated):
        try:
            library.import_entries(
                (entry.film, entry.personal) for entry in [*plan.added, *plan.updated]
            )
        except StoreWriteError as error:
            print(
                f"filmtui: could not save the import: {error}; nothing was imported.",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
    _report(plan.added, plan.updated, plan.skipped, dry_run)
    return EXIT_OK


def _report(
    added: Sequence[Entry], updated: Sequence[Entry], skipped: Sequence[Skipped], dry_run: bool
) -> None:
    verb = "would be " if dry_run else ""
    print(
        f"filmtui: {len(added)} {verb}added, {len(updated)} {verb}updated, "
        f"{len(skipped)} skipped" + (" (dry run: nothing was changed)" if dry_run else ""),
        file=sys.stderr,
    )
    for item in skipped:
        print(f"  skipped {clean_line(item.label)}: {clean_line(item.reason)}", file=sys.stderr)
