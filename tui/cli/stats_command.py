"""`filmtui stats`: the figures of the statistics screen, for scripts.

The text form is for people: each figure as a bar of block characters and
its number. `--format json` is for programs; its keys are stable (README,
"Statistics"). Genre and director names are catalog text: in the text form
they go through `clean_line` (no control character reaches the terminal);
the JSON is written as `filmtui list` writes it (`write_data`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.cells import cell_len

from tui.cli.data_commands import write_data
from tui.cli.status import EXIT_OK
from tui.finder import find_in, library_index
from tui.model.film import Film
from tui.model.statistics import (
    Statistics,
    bar,
    collection_statistics,
    hours_and_minutes,
    rating_label,
)
from tui.safe_text import clean_line
from tui.store.library import Library

BAR_WIDTH = 30


def run_stats(
    library: Library,
    query: str,
    favourites_only: bool,
    fmt: str,
    top: int,
    out: TextIO | None = None,
) -> int:
    """Print the figures of the films `filmtui list` would print for `query`."""
    out = sys.stdout if out is None else out
    films = _films(library, query, favourites_only)
    figures = collection_statistics(films, library.all_marks(), top=top)
    if fmt == "json":
        document = {"query": query, "favourites_only": favourites_only, **figures_json(figures)}
        write_data(out, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        heading = f"“{clean_line(query)}”" if query.strip() else "the whole library"
        if favourites_only:
            heading += ", favourites only"
        out.write(f"Statistics of {heading}\n\n" + figures_text(figures))
    return EXIT_OK


def _films(library: Library, query: str, favourites_only: bool) -> Sequence[Film]:
    """The films of `query`; the whole library without one (no index is built)."""
    if not query.strip() and not favourites_only:
        return library.films
    result = find_in(library, library_index(library), query, favourites_only=favourites_only)
    if result.hint:
        print(f"filmtui: {clean_line(result.hint)}", file=sys.stderr)
    return result.films


def figures_json(figures: Statistics) -> dict[str, Any]:
    """The figures under the keys the README documents."""
    watching = figures.watching
    return {
        "films": figures.films,
        "decades": [{"decade": decade, "films": count} for decade, count in figures.decades],
        "year_unknown": figures.year_unknown,
        "genres": [{"name": name, "films": count} for name, count in figures.genres],
        "directors": [{"name": name, "films": count} for name, count in figures.directors],
        "ratings": [{"rating": rating, "films": count} for rating, count in figures.ratings],
        "unrated": figures.unrated,
        "favourites": figures.favourites,
        "watchlist": figures.watchlist,
        "watched": {
            "films": watching.films,
            "viewings": watching.viewings,
            "undated_viewings": watching.undated,
            "minutes": watching.minutes,
            "viewings_without_runtime": watching.without_runtime,
        },
        "viewings_by_year": [
            {"year": year, "viewings": count} for year, count in figures.viewings_by_year
        ],
        "viewings_by_month": [
            {"month": month, "viewings": count} for month, count in figures.viewings_by_month
        ],
    }


def figures_text(figures: Statistics) -> str:
    """Every figure, a section each, bars and numbers."""
    sections = [
        _summary(figures),
        _chart(
            "Films per decade",
            [(f"{decade}s", count) for decade, count in figures.decades],
            [("unknown year", figures.year_unknown)] if figures.year_unknown else [],
        ),
        _chart("Top genres", list(figures.genres)),
        _chart("Top directors", list(figures.directors)),
        _chart(
            "Ratings",
            [(rating_label(rating), count) for rating, count in figures.ratings],
            [("not rated", figures.unrated)],
        ),
        _chart("Viewings per year", [(str(year), n) for year, n in figures.viewings_by_year]),
        _chart("Viewings per month (the last 12)", list(figures.last_months())),
        "Watching time\n  " + watching_text(figures),
    ]
    return "\n\n".join(sections) + "\n"


def _summary(figures: Statistics) -> str:
    return (
        f"{figures.films:,} films; rated {figures.rated:,}, favourites {figures.favourites:,}, "
        f"on the watchlist {figures.watchlist:,}, watched {figures.watching.films:,}"
    )


def watching_text(figures: Statistics) -> str:
    """The time spent watching, and how it is counted."""
    watching = figures.watching
    text = (
        f"{hours_and_minutes(watching.minutes)} over {watching.viewings:,} viewings "
        f"of {watching.films:,} films (each viewing counts the film's runtime once"
    )
    if watching.undated:
        text += f"; of no known day: {watching.undated:,}"
    if watching.without_runtime:
        text += f"; of a film without a runtime, not counted: {watching.without_runtime:,}"
    return text + ")"


def _chart(title: str, rows: list[tuple[str, int]], extra: Sequence[tuple[str, int]] = ()) -> str:
    """A title, then a line per row: label, bar, count; `extra` rows without a bar."""
    if not rows and not any(count for _, count in extra):
        return f"{title}\n  none"
    labels = [clean_line(label) for label, _ in (*rows, *extra)]
    label_width = max(map(cell_len, labels))
    most = max((count for _, count in rows), default=0)
    count_width = len(f"{max(count for _, count in (*rows, *extra)):,}")
    lines = [title]
    for label, (_, count) in zip(labels, (*rows, *extra), strict=True):
        drawn = bar(count, most, BAR_WIDTH) if len(lines) <= len(rows) else ""
        padding = " " * (label_width - cell_len(label))
        lines.append(f"  {label}{padding}  {drawn:<{BAR_WIDTH}}  {count:>{count_width},}")
    return "\n".join(line.rstrip() for line in lines)
