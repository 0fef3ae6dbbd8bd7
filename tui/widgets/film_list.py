"""The film list: a virtual list that renders only the rows on screen.

Built on Textual's Line API (`ScrollView.render_line`), as Toolong renders
huge log files: its cost is the height of the screen, not the length of the
list, so a catalog of thousands of films costs nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Self

from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.safe_text import clean_line
from tui.widgets.film_positions import position_of
from tui.widgets.film_row import RowStyles, draw_row
from tui.widgets.film_text import STAR, seen_sign, short_rating
from tui.widgets.focus import focus_now
from tui.widgets.rows import clicked_row, message_line, scroll_to_row

YEAR_WIDTH = 4
MARKS_WIDTH = 6  # `★ 4½ ✓`: the favourite, the rating in two cells (`4 `, `3½`), ✓ or ◷
ROWS_CACHED = 1_000  # a few screens' worth, for every width and highlight
SEARCH_HOW = "Letters here are commands: press / to search."


class FilmList(ScrollView, can_focus=True):
    """Films, one row each: title, year, ★ for favourites, the rating, ✓ for watched
    (or ◷ for a film on the watchlist).

    Its letters are commands, never text: the actions that change what is shown
    or the library are the screen's (`screen.`), which decides what they mean.
    """

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page-down"),
        Binding("home", "first", "First", show=False, id="list.first"),
        Binding("end", "last", "Last", show=False, id="list.last"),
        Binding("slash", "search", "Search", id="list.search"),
        Binding("enter", "screen.open_details", "Details", show=False, id="list.details"),
        Binding("f", "screen.toggle_favourite", "Favourite", id="list.favourite"),
        Binding("w", "screen.toggle_watched", "Watched", show=False, id="list.watched"),
        *(
            Binding(
                str(n),
                f"screen.rate({n})",
                "Rate (0 clears the rating)",
                show=False,
                id=f"list.rate-{n}",
            )
            for n in range(6)
        ),
        Binding(
            "plus,equals_sign",
            "screen.rate_step(1)",
            "Rate half a star higher",
            show=False,
            id="list.rate-up",
        ),
        Binding(
            "minus",
            "screen.rate_step(-1)",
            "Rate half a star lower",
            show=False,
            id="list.rate-down",
        ),
        Binding(
            "W", "screen.log_viewing", "Log a viewing today", show=False, id="list.log-viewing"
        ),
        Binding("u", "screen.undo", "Undo", id="list.undo"),
        Binding("ctrl+r,U", "screen.redo", "Redo", show=False, id="list.redo"),
        Binding(
            "F",
            "screen.toggle_favourites_only",
            "Favourites only",
            show=False,
            id="list.favourites-only",
        ),
        Binding("s", "screen.cycle_sort", "Sort", show=False, id="list.sort"),
        Binding("e", "screen.edit_film", "Edit", id="list.edit"),
        Binding("a", "screen.add_film", "Add", show=False, id="list.add"),
        Binding("d", "screen.delete_film", "Delete", show=False, id="list.delete"),
        Binding("S", "screen.statistics", "Statistics", show=False, id="list.statistics"),
        # Browse by group, saved searches, surprise me (tui.screens.groups).
        Binding("g", "screen.browse_groups", "Browse by group", show=False, id="list.groups"),
        Binding("b", "screen.save_search", "Save search", show=False, id="list.save-search"),
        Binding("r", "screen.surprise", "Surprise me", show=False, id="list.surprise"),
    ]

    COMPONENT_CLASSES = {
        "film-list--cursor",
        "film-list--year",
        "film-list--star",
        "film-list--empty",
        "film-list--match",
    }

    DEFAULT_CSS = """
    FilmList {
        min-width: 12;
        overflow-x: hidden;
        & > .film-list--cursor { background: $surface-lighten-1; }
        &:focus > .film-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .film-list--year { color: $text-muted; }
        & > .film-list--star { color: $text-warning; }
        & > .film-list--empty { color: $text-muted; text-style: italic; }
        & > .film-list--match { color: $text-accent; text-style: bold underline; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False, always_update=True)

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=True, repaint=False)
    """The list's length: its scrollbar changes with it (in a layout), its rows do not
    (Textual would draw every line again); `show_films` refreshes those that do."""

    @dataclass
    class Highlighted(Message):
        """The highlighted film changed (None: the list is empty)."""

        film_list: FilmList
        film: Film | None

        @property
        def control(self) -> FilmList:
            return self.film_list

    def __init__(self, *, id: str | None = None, search: str = "#search") -> None:
        """`search` selects the widget that `/` moves the focus to."""
        super().__init__(id=id)
        self._search = search
        self._films: Sequence[Film] = []
        self._marks: Mapping[str, UserMarks] = {}
        self._empty_text = ""
        self._spans: Callable[[str], Sequence[tuple[int, int]]] | None = None
        self._announced: Film | None = None
        self._said_how_to_search = False
        # Rendered rows by (film id, highlighted?, width); cleared whenever what
        # every row shows may change (another search, all marks, styles, size),
        # a film's own when its marks change.
        self._rows: LRUCache[tuple[str, bool, int], Strip] = LRUCache(ROWS_CACHED)
        self._row_styles: dict[bool, RowStyles] = {}  # by cursor or not
        self._edges: tuple[Content, str] | None = None  # the border titles shown
        self._edges_only = False  # while they change (`show_edges`)

    # -- what the screen sets ------------------------------------------------

    @property
    def films(self) -> Sequence[Film]:
        """The films shown, in order (read it, do not change it)."""
        return self._films

    def __contains__(self, film_id: object) -> bool:
        """True if the film with the id `film_id` is in the list."""
        if not isinstance(film_id, str):
            return False
        return position_of(self._films, film_id, self.cursor) is not None

    @property
    def highlighted_film(self) -> Film | None:
        if 0 <= self.cursor < len(self._films):
            return self._films[self.cursor]
        return None

    def neighbour_of_highlighted(self) -> Film | None:
        """The film after the highlighted one (or before it, at the end)."""
        for position in (self.cursor + 1, self.cursor - 1):
            if 0 <= position < len(self._films) and position != self.cursor:
                return self._films[position]
        return None

    def show_films(
        self,
        films: Sequence[Film],
        marks: Mapping[str, UserMarks],
        empty_text: str = "",
        spans: Callable[[str], Sequence[tuple[int, int]]] | None = None,
        rows_as_before: bool = False,
    ) -> None:
        """Show `films`, keeping the highlight on the same film if it is still there.

        `marks` are the user's marks by film id; `spans(title)` gives the (start,
        end) spans of a title to highlight as matches; `empty_text` may hold
        several lines. `films` is kept as it is, not copied (a million films
        would cost milliseconds): do not change it afterwards. With
        `rows_as_before` (the same marks and spans as before: all of a search
        whose first films are shown), the rows drawn already are not drawn again.
        """
        current = self.highlighted_film
        drawn = rows_as_before and empty_text == self._empty_text and self._on_screen(films)
        self._films = films
        self._marks = marks
        self._empty_text = empty_text
        self._spans = spans
        if not rows_as_before:
            self._rows.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._films))
        index = None
        if current is not None:
            index = position_of(self._films, current, hint=self.cursor)
        if drawn and (index or 0) == self.cursor:
            return  # the lines on screen are the ones drawn (the scrollbar follows the size)
        self.cursor = index or 0
        self.refresh()

    def _on_screen(self, films: Sequence[Film]) -> bool:
        """True if each line on screen would show the film it shows now (or none)."""
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        shown = self._films
        if min(len(shown), bottom) != min(len(films), bottom):
            return False  # a line shows a film in one and none in the other
        return all(shown[line].id == films[line].id for line in range(top, min(len(films), bottom)))

    def show_edges(self, title: Content, subtitle: str) -> None:
        """Put `title` on the list's top edge and `subtitle` on its bottom edge.

        Textual draws every line of a widget again when its border title changes;
        the counts on the edges change at every key, and again as a search goes on,
        while the rows stay as they are. So only the two edges are drawn again."""
        if (title, subtitle) == self._edges:
            return
        self._edges = (title, subtitle)
        self._edges_only = True
        try:
            self.border_title = title
            self.border_subtitle = subtitle
        finally:
            self._edges_only = False
        left, top = self.content_offset
        width, height = self.outer_size  # the edges are the border's lines
        self.refresh(Region(-left, -top, width, 1), Region(-left, height - 1 - top, width, 1))

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self._edges_only:  # `show_edges` refreshes the lines it changes
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def highlight_film(self, film_id: str) -> None:
        """Move the highlight to the film with `film_id`, if it is shown."""
        position = position_of(self._films, film_id, hint=self.cursor)
        if position is not None:
            self.cursor = position

    def set_marks(
        self, marks: Mapping[str, UserMarks], films: Collection[str] | None = None
    ) -> None:
        """Show changed favourites, ratings or watched marks: those of the films with
        the ids `films` (only their rows are drawn again), or of any film (None)."""
        self._marks = marks
        if films is None:
            self._rows.clear()
            self.refresh()
            return
        width = self.scrollable_content_region.width
        for film_id in films:
            self._rows.discard((film_id, False, width))
            self._rows.discard((film_id, True, width))
        top = round(self.scroll_y)
        for line in range(top, min(len(self._films), top + self.scrollable_content_region.height)):
            if self._films[line].id in films:
                self.refresh_line(line)

    # -- cursor --------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._films) - 1))

    def watch_cursor(self, cursor: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        film = self.highlighted_film
        if film is not self._announced:
            self._announced = film
            self.post_message(self.Highlighted(self, film))

    def _scroll_to_cursor(self) -> None:
        scroll_to_row(self, self.cursor)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._films) - 1

    # -- keys and clicks ------------------------------------------------------

    def action_search(self) -> None:
        focus_now(self.screen, self._search)

    def on_key(self, event: events.Key) -> None:
        """A printable key that is no command changes nothing: say, once, how to search."""
        if event.is_printable and event.key not in self.screen.active_bindings:
            event.stop()
            if not self._said_how_to_search:
                self._said_how_to_search = True
                self.notify(SEARCH_HOW, title="Not a command", timeout=6)

    async def on_click(self, event: events.Click) -> None:
        """Click highlights; double-click, or a click on the ★ column, toggles the favourite."""
        self.focus()
        index = clicked_row(self, event, len(self._films))
        offset = event.get_content_offset(self)
        if index is None or offset is None:  # on no row
            return
        self.cursor = index
        on_star = offset.x >= self.scrollable_content_region.width - MARKS_WIDTH - 1
        if (event.chain == 2 and not on_star) or (event.chain == 1 and on_star):
            await self.run_action("screen.toggle_favourite")

    # -- rendering -----------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()  # a new theme, or focus changed the cursor's colours
        self._row_styles.clear()

    def on_resize(self) -> None:
        self._rows.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._films))
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width <= 0:
            return Strip.blank(0)
        index = round(self.scroll_y + y)
        if not self._films:
            lines = self._empty_text.splitlines()
            if y < len(lines):
                style = self.get_visual_style("film-list--empty")
                return message_line(clean_line(lines[y]), width, style)
            return Strip.blank(width, self.get_visual_style().rich_style)
        if index >= len(self._films):
            return Strip.blank(width, self.get_visual_style().rich_style)
        highlighted = index == self.cursor
        film = self._films[index]
        key = (film.id, highlighted, width)
        line = self._rows.get(key)
        if line is None:
            line = self._row(film, width, cursor=highlighted)
            self._rows[key] = line
        return line

    def _row(self, film: Film, width: int, cursor: bool) -> Strip:
        marks = self._marks.get(film.id)
        star = STAR if marks and marks.favourite else " "
        rating = short_rating(marks.rating if marks else 0)
        columns = (film.year_text.rjust(YEAR_WIDTH), star, rating, seen_sign(marks))
        title = clean_line(film.title)
        spans = () if self._spans is None else self._spans(title)
        return draw_row(title, spans, columns, width, self._styles_of(cursor))

    def _styles_of(self, cursor: bool) -> RowStyles:
        """The styles of the cursor's row, or of the others (anew for a new theme or focus)."""
        styles = self._row_styles.get(cursor)
        if styles is None:
            styles = self._row_styles[cursor] = RowStyles.of_list(self, cursor)
        return styles
