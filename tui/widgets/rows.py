"""What the virtual lists (`FilmList`, `GroupList`) share: a row kept in view, the
row a click fell on, and a line drawn. Both are `ScrollView`s that draw one row a
line."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style


def scroll_to_row(view: ScrollView, row: int) -> None:
    """Scroll `view` just enough that `row` is on screen."""
    height = view.scrollable_content_region.height
    top = round(view.scroll_y)
    if row < top:
        view.scroll_to(y=row, animate=False, immediate=True)
    elif height and row >= top + height:
        view.scroll_to(y=row - height + 1, animate=False, immediate=True)


def clicked_row(view: ScrollView, event: events.Click, rows: int) -> int | None:
    """The row of `rows` that `event` fell on, None when it fell on none."""
    offset = event.get_content_offset(view)
    if offset is None:
        return None
    row = round(view.scroll_y) + offset.y
    return row if 0 <= row < rows else None


def line_of(content: Content, width: int, style: Style) -> Strip:
    """`content` drawn in `style` as a line of exactly `width` cells."""
    return Strip(content.render_segments(style)).adjust_cell_length(width, style.rich_style)


def message_line(text: str, width: int, style: Style) -> Strip:
    """A line of text in place of rows (`The catalog is empty.`), cut to `width`."""
    return line_of(Content(" " + text).truncate(width, ellipsis=True), width, style)
