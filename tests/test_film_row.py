"""A film's row drawn straight into segments is the row a `Content` draws.

The list drew each row as a `Content` (assembled, its title cut and styled,
rendered); `draw_row` draws it in a fraction of the time. What a terminal, and
a snapshot, shows of a row is its segments: their texts, styles and splits. So
the row drawn is held to the `Content`'s, segment for segment, over any title
(wide and combining characters, emoji), any matched spans (overlapping, empty,
past the end) and any width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from hypothesis import assume, given
from hypothesis import strategies as st
from rich.cells import cell_len, set_cell_size
from textual.color import Color
from textual.content import Content
from textual.strip import Strip
from textual.style import Style

from tui.safe_text import clean_line
from tui.widgets.film_row import RowStyles, draw_row

ROW = Style(background=Color.parse("#202830"), foreground=Color.parse("#e0e0e0"))
CURSOR = Style(background=Color.parse("#0178d4"), foreground=Color.parse("#ffffff"), bold=True)
MATCH = Style(foreground=Color.parse("#ffa62b"), bold=True, underline=True)
STAR = Style(foreground=Color.parse("#ffc107"))
YEAR = Style(foreground=Color.parse("#808080"))

MARKS = st.tuples(
    st.sampled_from(["1962", "    ", "  87", "2024"]),
    st.sampled_from(["★", " "]),
    st.sampled_from(["  ", "4 ", "3½"]),
    st.sampled_from(["✓", "◷", " "]),
)
TITLES = st.one_of(
    st.text(max_size=60),
    st.text(st.sampled_from("ab 漢字👩‍🚀é\u0301[]…"), max_size=40),
).map(clean_line)
SPANS = st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=4)


class Row(NamedTuple):
    """A film's row as the list asks for it."""

    title: str
    spans: Sequence[tuple[int, int]]
    marks: tuple[str, str, str, str]
    width: int
    cursor: bool


def content_row(row: Row) -> Strip:
    """The row as the list drew it before, from a `Content`."""
    title, spans, marks, width, cursor = row
    year, star, rating, seen = marks
    style = CURSOR if cursor else ROW
    match = Style(foreground=None, bold=True, underline=True) if cursor else MATCH
    content = Content(title)
    for start, end in spans:
        content = content.stylize(match, start, end)
    title_width = width - len(year) - 10
    if title_width < 4:
        content = Content.assemble(" ", content).truncate(width, ellipsis=True)
    else:
        content = Content.assemble(
            " ",
            content.truncate(title_width, ellipsis=True, pad=True),
            " ",
            year if cursor else (year, YEAR),
            " ",
            (star, STAR),
            " ",
            rating,
            " ",
            seen,
            " ",
        )
    return Strip(content.render_segments(style)).adjust_cell_length(width, style.rich_style)


def drawn_row(row: Row) -> Strip:
    """The row as `draw_row` draws it."""
    if row.cursor:
        match = Style(foreground=None, bold=True, underline=True)
        styles = RowStyles.of(CURSOR, match, STAR, None)
    else:
        styles = RowStyles.of(ROW, MATCH, STAR, YEAR)
    return draw_row(row.title, row.spans, row.marks, row.width, styles)


def cut_exactly(title: str, width: int) -> bool:
    """Rich cuts `title` to exactly the cells asked for (not so where a zero-width
    joiner is cut off what it joined: the `Content` then leaves its columns short)."""
    try:
        return all(cell_len(set_cell_size(title, cells)) == cells for cells in range(width))
    except (IndexError, ZeroDivisionError):  # rich cannot cut it there at all
        return False


@given(st.builds(Row, TITLES, SPANS, MARKS, st.integers(1, 90), st.booleans()))
def test_a_row_is_the_contents_row(row: Row) -> None:
    assume(cut_exactly(row.title, row.width))
    drawn = drawn_row(row)
    assert list(drawn) == list(content_row(row))
    assert drawn.cell_length == row.width


def test_a_cut_title_keeps_its_match_and_ellipsis() -> None:
    row = Row(
        "Planeta Bur: the Planet of Storms, the long cut",
        [(0, 6), (40, 47)],
        ("1962", "★", "4½", "✓"),
        40,
        cursor=False,
    )
    drawn = drawn_row(row)
    texts = [segment.text for segment in drawn]
    assert texts[:2] == [" ", "Planet"]
    assert "".join(texts) == " Planeta Bur: the Planet o… 1962 ★ 4½ ✓ "
    assert list(drawn) == list(content_row(row))


def test_a_wide_title_is_cut_to_cells() -> None:
    row = Row("宇宙飛行士の帰還と地球の夜明けの物語", [(2, 5)], ("1959", " ", "  ", " "), 30, True)
    drawn = drawn_row(row)
    assert drawn.cell_length == 30
    assert list(drawn) == list(content_row(row))


def test_a_title_rich_cuts_short_keeps_the_columns_in_place() -> None:
    """A joiner left at the cut: rich's cut is a cell short, the year is not."""
    marks = ("1962", "★", "  ", "✓")
    plain = drawn_row(Row("abcdefgh", [], marks, 18, False)).text
    joined = drawn_row(Row("\u200d00⺀⼀", [], marks, 18, False)).text
    assert cell_len(joined) == cell_len(plain) == 18
    assert joined.endswith(" 1962 ★    ✓ ") and plain.endswith(" 1962 ★    ✓ ")
