"""The film list: a virtual list that renders only the rows on screen.

Built on Textual's Line API (`ScrollView.render_line`), as Toolong renders
huge log files: its cost is the height of the screen, not the length of the
list, so a catalog of thousands of films costs nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress, count, repeat
from operator import attrgetter, eq

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Input

from tui.model.film import Film
from tui.safe_text import clean_line
from tui.search.result_films import ResultFilms
from tui.widgets.focus import focus_now

STAR = "★"
YEAR_WIDTH = 4

_film_id = attrgetter("id")


def _position(films: Sequence[Film], film: Film | str, hint: int = 0) -> int | None:
    """Where `film` (or the film with that id) is in `films`, looking at `hint` first.

    A film is found in a search's result by its position in the index
    (milliseconds at a million films); else the ids are compared, in C
    (map/compress): at 100,000 films a miss costs about 2 ms instead of 6 ms.
    """
    film_id = film if isinstance(film, str) else film.id
    if 0 <= hint < len(films) and films[hint].id == film_id:
        return hint
    if isinstance(films, ResultFilms) and not isinstance(film, str):
        try:
            return films.index(film)
        except ValueError:
            return None
    for position in compress(count(), map(eq, map(_film_id, films), repeat(film_id))):
        return position
    return None


class FilmList(ScrollView, can_focus=True):
    """Films, one row each: title, year and a ★ for favourites."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page-down"),
        Binding("home", "first", "First", show=False, id="list.first"),
        Binding("end", "last", "Last", show=False, id="list.last"),
        Binding("f", "toggle_favourite", "Favourite", id="list.favourite"),
        Binding("F", "toggle_favourites_only", "Favourites only", id="list.favourites-only"),
        Binding("slash", "search", "Search", id="list.search"),
        Binding("s", "cycle_sort", "Sort", id="list.sort"),
        # Carried out by the app (tui.screens.editing): the list only says where they apply.
        Binding("e", "app.edit_film", "Edit", id="list.edit"),
        Binding("a", "app.add_film", "Add", id="list.add"),
        Binding("d", "app.delete_film", "Delete", show=False, id="list.delete"),
        Binding("u", "app.undo", "Undo", show=False, id="list.undo"),
        Binding("w", "app.toggle_watched", "Watched", show=False, id="list.watched"),
        *(
            Binding(
                str(n),
                f"app.rate({n})",
                "Rate (0 clears the rating)",
                show=False,
                id=f"list.rate-{n}",
            )
            for n in range(6)
        ),
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

    class Highlighted(Message):
        """The highlighted film changed (None: the list is empty)."""

        def __init__(self, film_list: FilmList, film: Film | None) -> None:
            super().__init__()
            self.film_list = film_list
            self.film = film

        @property
        def control(self) -> FilmList:
            return self.film_list

    class FavouriteToggleRequested(Message):
        """The user asked to flip the favourite of `film`."""

        def __init__(self, film: Film) -> None:
            super().__init__()
            self.film = film

    class FavouritesOnlyToggleRequested(Message):
        """The user asked to show only favourites, or all films again."""

    class SortCycleRequested(Message):
        """The user asked for the next sort order."""

    def __init__(self, *, id: str | None = None, search: str = "#search") -> None:
        """`search` selects the widget that typing in the list hands over to."""
        super().__init__(id=id)
        self._search = search
        self._films: Sequence[Film] = []
        self._favourites: frozenset[str] = frozenset()
        self._empty_text = ""
        self._marks: Callable[[str], Sequence[tuple[int, int]]] | None = None
        self._announced: Film | None = None
        # Rendered rows by (film index, highlighted?, width); cleared whenever
        # what a row shows may change (films, favourites, marks, styles, size).
        self._lines: dict[tuple[int, bool, int], Strip] = {}

    # -- what the app sets ---------------------------------------------------

    @property
    def films(self) -> Sequence[Film]:
        """The films shown, in order (read it, do not change it)."""
        return self._films

    def shows(self, film_id: str) -> bool:
        """True if the film with `film_id` is in the list."""
        return _position(self._films, film_id, hint=self.cursor) is not None

    @property
    def highlighted_film(self) -> Film | None:
        if 0 <= self.cursor < len(self._films):
            return self._films[self.cursor]
        return None

    def show(
        self,
        films: Sequence[Film],
        favourites: frozenset[str],
        empty_text: str = "",
        marks: Callable[[str], Sequence[tuple[int, int]]] | None = None,
    ) -> None:
        """Show `films`, keeping the highlight on the same film if it is still there.

        `marks(title)` gives the (start, end) spans of a title to highlight as
        matches; `empty_text` may hold several lines. `films` is kept as it is,
        not copied (a million films would cost milliseconds): do not change it
        afterwards.
        """
        current = self.highlighted_film
        self._films = films
        self._favourites = favourites
        self._empty_text = empty_text
        self._marks = marks
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._films))
        index = None
        if current is not None:
            index = _position(self._films, current, hint=self.cursor)
        self.cursor = index or 0
        self.refresh()

    def highlight_film(self, film_id: str) -> None:
        """Move the highlight to the film with `film_id`, if it is shown."""
        position = _position(self._films, film_id, hint=self.cursor)
        if position is not None:
            self.cursor = position

    def set_favourites(self, favourites: frozenset[str]) -> None:
        self._favourites = favourites
        self._lines.clear()
        self.refresh()

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
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

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

    # -- requests that the app carries out -----------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_favourite":
            return self.highlighted_film is not None or None
        return True

    def action_toggle_favourite(self) -> None:
        film = self.highlighted_film
        if film is not None:
            self.post_message(self.FavouriteToggleRequested(film))

    def action_toggle_favourites_only(self) -> None:
        self.post_message(self.FavouritesOnlyToggleRequested())

    def action_search(self) -> None:
        focus_now(self.screen, self._search)

    def _search_widget(self) -> Widget | None:
        return next(iter(self.screen.query(self._search)), None)

    def action_cycle_sort(self) -> None:
        self.post_message(self.SortCycleRequested())

    async def on_key(self, event: events.Key) -> None:
        """A printable key that is not a binding starts a search with it.

        The focus moves to the search bar at once and the character is typed
        there. Keys of the same burst that were already on their way here go
        there too, in order: `x` then `y` types `xy`, `x` then Esc clears it.
        """
        printable = bool(event.is_printable and event.character)
        if self.screen.focused is self:
            if not printable or event.key in self.screen.active_bindings:
                return
            focus_now(self.screen, self._search)
        search = self._search_widget()
        if search is None or self.screen.focused is not search:
            return
        event.stop()
        event.prevent_default()
        active = self.screen.active_bindings.get(event.key)  # those of the search bar now
        if printable and isinstance(search, Input):
            search.insert_text_at_cursor(event.character or "")  # as the Input would
        elif active is not None and active.enabled:
            await self.app.run_action(active.binding.action, active.node)
        else:
            self.app.post_message(events.Key(event.key, event.character))

    def on_click(self, event: events.Click) -> None:
        """Click highlights; double-click, or a click on the ★ column, toggles the favourite."""
        offset = event.get_content_offset(self)
        self.focus()
        if offset is None:
            return
        index = round(self.scroll_y) + offset.y
        if not 0 <= index < len(self._films):
            return
        self.cursor = index
        on_star = offset.x >= self.scrollable_content_region.width - 3
        if (event.chain == 2 and not on_star) or (event.chain == 1 and on_star):
            self.post_message(self.FavouriteToggleRequested(self._films[index]))

    # -- rendering -----------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()  # a new theme, or focus changed the cursor's colours

    def on_resize(self) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._films))
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.get_visual_style()
        if width <= 0:
            return Strip.blank(0)
        index = round(self.scroll_y) + y
        if not self._films:
            lines = self._empty_text.splitlines()
            if y < len(lines):
                style = self.get_visual_style("film-list--empty")
                text = Content(" " + clean_line(lines[y])).truncate(width, ellipsis=True)
                return Strip(text.render_segments(style)).adjust_cell_length(
                    width, style.rich_style
                )
            return Strip.blank(width, base.rich_style)
        if index >= len(self._films):
            return Strip.blank(width, base.rich_style)
        highlighted = index == self.cursor
        key = (index, highlighted, width)
        line = self._lines.get(key)
        if line is None:
            film = self._films[index]
            style = self.get_visual_style("film-list--cursor") if highlighted else base
            row = self._row(film, width, cursor=highlighted)
            line = Strip(row.render_segments(style)).adjust_cell_length(width, style.rich_style)
            if len(self._lines) > 4 * max(self.size.height, 25):
                self._lines.clear()  # keep only about a screen's worth or a few
            self._lines[key] = line
        return line

    def _part_style(self, component: str) -> Style:
        """Only what a component class sets (its colour), not its background."""
        return Style(foreground=self.get_visual_style(component).foreground)

    def _row(self, film: Film, width: int, cursor: bool = False) -> Content:
        star = STAR if film.id in self._favourites else " "
        year = film.year_text.rjust(YEAR_WIDTH)
        title_width = width - YEAR_WIDTH - 5
        title = self._marked_title(film, cursor)
        if title_width < 4:
            # Too narrow for columns: the title alone.
            return Content.assemble(" ", title).truncate(width, ellipsis=True)
        title = title.truncate(title_width, ellipsis=True, pad=True)
        return Content.assemble(
            " ",
            title,
            " ",
            year if cursor else (year, self._part_style("film-list--year")),
            " ",
            (star, self._part_style("film-list--star")),
            " ",
        )

    def _marked_title(self, film: Film, cursor: bool) -> Content:
        """The title as plain text (never markup) with the matched spans styled."""
        text = clean_line(film.title)
        title = Content(text)
        if self._marks is None:
            return title
        match = self.get_visual_style("film-list--match")
        style = Style(
            foreground=None if cursor else match.foreground,
            bold=match.bold,
            underline=match.underline,
        )
        for start, end in self._marks(text):
            title = title.stylize(style, start, end)
        return title
