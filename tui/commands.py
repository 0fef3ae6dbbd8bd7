"""The command palette (ctrl+p): every action of filmtui under the words a user would type.

Film titles are catalog text, so their palette entries are built as `Content`
(never through `Matcher.highlight`, which parses its argument as markup).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.finder import find_in
from tui.model.marks import MAX_RATING, RATING_STEP, Rating, UserMarks, valid_rating
from tui.safe_text import clean_line
from tui.screens.reading import READY_WHILE_READING
from tui.search.orders import Sort

FILM_HITS = 20
GO_TO = "go to "


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[], object]


class FilmPalette(CommandPalette):
    """Textual's palette, safe against PageUp/PageDown pressed as it opens."""

    BINDINGS = [
        Binding("pagedown", "page('page_down')", "Next page", show=False),
        Binding("pageup", "page('page_up')", "Previous page", show=False),
    ]

    def action_page(self, move: str) -> None:
        command_list = self.query_one(CommandList)
        page = getattr(command_list, f"action_{move}")
        try:
            page()
        except KeyError:
            # Textual 8.2.8's OptionList._move_page reads the list's lines before
            # it is laid out (KeyError: 0): move once it is.
            self.call_after_refresh(page)


RATINGS: tuple[Rating, ...] = tuple(
    valid_rating(halves * RATING_STEP) or 0 for halves in range(int(MAX_RATING / RATING_STEP) + 1)
)
"""0 (not rated), 0.5, 1, … 5."""


def _rate_help(rating: Rating) -> str:
    """What a palette's rating does, and its keys: `3` for 3, `3 then +` for 3.5."""
    if not rating:
        return "Clear the rating (0)"
    whole = int(rating)
    keys = f"{whole} then +" if rating - whole else str(whole)
    return f"Give the highlighted film {UserMarks(rating=rating).stars} {rating} of 5 ({keys})"


def _go_to_text(query: str) -> str:
    """The title words of a query, without a leading "go to"."""
    text = query.strip()
    if text.lower().startswith(GO_TO.strip()):
        text = text[len(GO_TO.strip()) :].strip()
    return text.replace('"', " ").strip()


def _ready_while_reading(run: Callable[[], object]) -> bool:
    """Whether a command's method is one of the main screen's that need no film read."""
    method = run.func if isinstance(run, partial) else run
    return getattr(method, "__name__", "").removeprefix("action_") in READY_WHILE_READING


class FilmCommands(Provider):
    """filmtui's own commands, and "Go to" for the films whose title holds the words."""

    def _commands(self) -> list[Command]:
        from tui.screens.main import MainScreen  # which imports this module's app

        main = self.screen
        if not isinstance(main, MainScreen):
            return []
        rates = [
            Command(
                f"Rate {rating}" if rating else "Rate 0 (clear the rating)",
                _rate_help(rating),
                partial(main.action_rate, rating),
            )
            for rating in RATINGS
        ]
        sorts = [
            Command(
                f"Sort by {sort}",
                f"Order the list by {sort} (s cycles)",
                partial(main.choose_sort, sort),
            )
            for sort in Sort
        ]
        commands = [
            Command(
                "Toggle favourite",
                "Mark or unmark the highlighted film (f)",
                main.action_toggle_favourite,
            ),
            Command(
                "Favourites only",
                "Show only favourites, or all films again (F)",
                main.action_toggle_favourites_only,
            ),
            Command(
                "Toggle watched",
                "Mark the highlighted film watched, or not (w)",
                main.action_toggle_watched,
            ),
            *rates,
            Command(
                "Rate half a star higher",
                "Raise the highlighted film's rating by half a star (+)",
                partial(main.action_rate_step, 1),
            ),
            Command(
                "Rate half a star lower",
                "Lower the highlighted film's rating by half a star (-)",
                partial(main.action_rate_step, -1),
            ),
            Command(
                "Log a viewing today",
                "The highlighted film was seen today: its date is added, and it is watched (W)",
                main.action_log_viewing,
            ),
            Command(
                "Undo",
                "Undo the last change: a mark, an edit, a delete, an add (u)",
                main.action_undo,
            ),
            Command("Redo", "Make the last undone change again (ctrl+r)", main.action_redo),
            Command("Add a film", "Open the form for a new film (a)", main.action_add_film),
            Command("Edit film", "Edit the highlighted film (e)", main.action_edit_film),
            Command(
                "Delete film",
                "Delete the highlighted film, after asking (d)",
                main.action_delete_film,
            ),
            *sorts,
            Command(
                "Show details", "The highlighted film's details (Enter)", main.action_open_details
            ),
            Command("Search", "Move to the search bar (/)", main.action_focus_search),
            Command("Clear search", "Empty the search bar", main.action_clear_search),
            Command(
                "Statistics",
                "Films per decade, genres, directors, ratings, viewings, watching time (S)",
                main.action_statistics,
            ),
            Command("Help", "Show every key (?)", main.action_help),
            # The collector views (tui.screens.collector_views).
            Command(
                "Browse by group",
                "The films shown by decade, year, genre, director, country, tag, rating (g)",
                main.action_browse_groups,
            ),
            Command("Save this search", "Name the query typed (b)", main.action_save_search),
            Command(
                "Surprise me", "Highlight a film of the list at random (r)", main.action_surprise
            ),
        ]
        if main.reading is not None:  # the films are not in yet (`tui.screens.reading`)
            return [command for command in commands if _ready_while_reading(command.run)]
        return commands

    async def _saved_searches(self, query: str | None) -> Hits:
        """A hit for each saved search (whose name matches `query`), with its count."""
        from tui.screens.main import MainScreen

        main = self.screen
        if not isinstance(main, MainScreen) or main.reading is not None:
            return
        matcher = self.matcher(query or "")
        for name, saved in main.remembered.saved_searches.items():
            entry = f"Saved search: {clean_line(name)}"
            score = matcher.match(entry) if query else 1.0
            if score <= 0:
                continue
            count = await asyncio.to_thread(main.count_found, saved)  # never on the event loop
            films = f"{count:,} film{'s' if count != 1 else ''}"
            run = partial(main.search_for, saved)
            help_text = f"{clean_line(saved)} · {films}"
            if query:
                yield Hit(score, Content(entry), run, text=entry, help=help_text)
            else:
                yield DiscoveryHit(Content(entry), run, text=entry, help=help_text)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)
        async for hit in self._saved_searches(None):
            yield hit

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)
        async for hit in self._saved_searches(query):
            yield hit
        async for hit in self._go_to(query):
            yield hit

    async def _go_to(self, query: str) -> Hits:
        """A "Go to" hit for each of the first films whose title holds the query's words."""
        from tui.screens.main import MainScreen

        main = self.screen
        words = _go_to_text(query)
        if not isinstance(main, MainScreen) or main.reading is not None or len(words) < 2:
            return
        # The search engine, in a thread: the palette never waits on the event loop.
        result = await asyncio.to_thread(
            find_in, main.library, main.index, f'title:"{words}"', sort=Sort.RELEVANCE
        )
        for rank, film in enumerate(result.films[:FILM_HITS]):
            title = Content(clean_line(film.title))
            if result.highlighter:
                for start, end in result.highlighter.spans(title.plain, "title"):
                    title = title.stylize("bold", start, end)
            yield Hit(
                0.75 - rank / (4 * FILM_HITS),
                Content.assemble("Go to: ", title),
                partial(main.jump_to_film, film.id),
                text=f"Go to: {clean_line(film.title)}",
                help=film.year_text,
            )
