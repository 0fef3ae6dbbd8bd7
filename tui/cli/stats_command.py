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
    Chart,
    Statistics,
    bar,
    charts,
    collection_statistics,
    summary_text,
    watching_note,
    watching_text,
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
        summary_text(figures),
        *map(_chart_text, charts(figures)),
        f"Watching time\n  {watching_text(figures)}\n  {watching_note(figures)}",
    ]
    return "\n\n".join(sections) + "\n"


def _chart_text(chart: Chart) -> str:
    """A title, then a line per row: label, bar, count; the rows apart without a bar."""
    rows = (*chart.rows, *chart.apart)
    if not any(count for _, count in rows):
        return f"{chart.title}\n  none"
    labels = [clean_line(label) for label, _ in rows]
    label_width = max(map(cell_len, labels))
    most = max((count for _, count in chart.rows), default=0)
    count_width = len(f"{max(count for _, count in rows):,}")
    lines = [chart.title]
    for number, (label, (_, count)) in enumerate(zip(labels, rows, strict=True)):
        drawn = bar(count, most, BAR_WIDTH) if number < len(chart.rows) else ""
        padding = " " * (label_width - cell_len(label))
        lines.append(f"  {label}{padding}  {drawn:<{BAR_WIDTH}}  {count:>{count_width},}")
    return "\n".join(line.rstrip() for line in lines)
