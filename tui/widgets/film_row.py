"""A film's row in the list, drawn straight into segments.

The list draws the rows on screen again at every key (a new query highlights
other letters). Assembling a `Content` for a row and rendering it took about
0.2 ms a row, most of a screen's 40 rows' redraw; this draws the same segments,
split where a `Content` of the same text and spans splits them, in a fraction
of that (`tests/test_film_row.py` holds it to the `Content`'s segments).

A row is ` title year ★ 4½ ✓ `: the title cut to its column (an ellipsis where it
is cut) with its matched letters styled, the year and the star in their colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

ELLIPSIS = "…"
MIN_TITLE_WIDTH = 4
"""Narrower than this, the row is its title alone (no columns)."""


def _rich(style: Style) -> RichStyle | None:
    return style.rich_style if style else None


@dataclass(frozen=True, slots=True)
class RowStyles:
    """The rich styles of one kind of row (the cursor's, or the others'), made once."""

    alone: RichStyle | None
    """The row's own style, where the row has no part styled otherwise."""
    plain: RichStyle | None
    """Between the styled parts."""
    match: RichStyle | None
    star: RichStyle | None
    year: RichStyle | None
    """None: the year is plain (the cursor's row)."""

    @classmethod
    def of_list(cls, films: Widget, cursor: bool) -> RowStyles:
        """The styles of the film list `films`'s cursor row, or of its others, from
        its component classes (`film-list--cursor`, `--match`, `--year`, `--star`)."""
        row = films.get_visual_style("film-list--cursor") if cursor else films.get_visual_style()
        match = films.get_visual_style("film-list--match")
        match = Style(
            foreground=None if cursor else match.foreground,
            bold=match.bold,
            underline=match.underline,
        )

        def colour(component: str) -> Style:  # only its colour, not its background
            return Style(foreground=films.get_visual_style(component).foreground)

        year = None if cursor else colour("film-list--year")
        return cls.of(row, match, colour("film-list--star"), year)

    @classmethod
    def of(cls, row: Style, match: Style, star: Style, year: Style | None) -> RowStyles:
        """The styles of a row drawn in `row`, its parts styled over it by the others."""
        combine = Style.combine
        return cls(
            alone=_rich(row),
            plain=_rich(combine([row])),
            match=_rich(combine([row, match])),
            star=_rich(combine([row, star])),
            year=None if year is None else _rich(combine([row, year])),
        )


def _kept_spans(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The spans that style some of a text of `length` characters, cut to it."""
    kept = ((start, min(end, length)) for start, end in spans if start >= 0)
    return [(start, end) for start, end in kept if start < end]


def _cut(text: str, spans: list[tuple[int, int]], width: int) -> tuple[str, list[tuple[int, int]]]:
    """`text` cut to `width` cells with an ellipsis, if it is wider; the spans kept."""
    if cell_len(text) <= width:
        return text, spans
    text = set_cell_size(text, width - 1) + ELLIPSIS if width else ""
    return text, _kept_spans(spans, len(text))


def _pieces(
    text: str,
    spans: Sequence[tuple[int, int, RichStyle | None]],
    plain: RichStyle | None,
    alone: RichStyle | None,
) -> list[Segment]:
    """`text` in segments, split at every start and end of a span; a piece
    within a span in its style (spans of one style may overlap), else `plain`."""
    if not spans:
        return [Segment(text, alone)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments = []
    for start, end in pairwise(cuts):
        style = plain
        for span_start, span_end, span_style in spans:
            if span_start <= start and end <= span_end:
                style = span_style
                break
        segments.append(Segment(text[start:end], style))
    return segments


def draw_row(
    title: str,
    spans: Sequence[tuple[int, int]],
    marks: tuple[str, str, str, str],
    width: int,
    styles: RowStyles,
) -> Strip:
    """The row of a film titled `title` (made safe to show), `spans` of it
    matched, `marks` its (year, star, rating, seen) columns, `width` cells wide."""
    year, star, rating, seen = marks
    title_width = width - len(year) - 10  # the year, the marks (6), four spaces
    kept = _kept_spans(spans, len(title))
    if title_width < MIN_TITLE_WIDTH:  # too narrow for columns: the title alone
        text, kept = _cut(" " + title, [(s + 1, e + 1) for s, e in kept], width)
        styled = [(s, e, styles.match) for s, e in kept]
    else:
        title, kept = _cut(title, kept, title_width)
        title += " " * (title_width - cell_len(title))
        styled = [(s + 1, e + 1, styles.match) for s, e in kept]
        text = f" {title} {year} {star} {rating} {seen} "
        year_at = len(title) + 2  # characters, not cells: a wide one takes two
        if styles.year is not None:
            styled.append((year_at, year_at + len(year), styles.year))
        star_at = year_at + len(year) + 1
        styled.append((star_at, star_at + len(star), styles.star))
    segments = _pieces(text, styled, styles.plain, styles.alone)
    return Strip(segments).adjust_cell_length(width, styles.alone)
