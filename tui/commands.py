"""The command palette (ctrl+p): every action of filmtui, found by name.

Film titles are catalog text, so their palette entries are built as `Content`
(never through `Matcher.highlight`, which parses its argument as markup).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.safe_text import clean_line
from tui.search.index import fold
from tui.search.orders import Sort

if TYPE_CHECKING:
    from tui.app import FilmApp

FILM_HITS = 20


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[], object]


class FilmCommands(Provider):
    """filmtui's own commands, and a "Go to" command for every film."""

    @property
    def film_app(self) -> FilmApp:
        return cast("FilmApp", self.app)

    def _commands(self) -> list[Command]:
        app = self.film_app
        return [
            Command(
                "Toggle favourite",
                "Mark or unmark the highlighted film as a favourite (f)",
                app.action_toggle_favourite,
            ),
            Command(
                "Favourites only",
                "Show only favourites, or all films again (F)",
                app.action_toggle_favourites_only,
            ),
            Command("Add a film", "Open the form for a new film (a)", app.action_add_film),
            Command("Edit film", "Edit the highlighted film (e)", app.action_edit_film),
            Command("Delete film", "Delete the highlighted film (d)", app.action_delete_film),
            Command("Undo", "Undo the last delete or edit (u)", app.action_undo),
            Command(
                "Toggle watched", "Mark the highlighted film watched (w)", app.action_toggle_watched
            ),
            Command(
                "Sort by relevance",
                "Best match first while there is a query; by title without one (s cycles)",
                partial(app.choose_sort, Sort.RELEVANCE),
            ),
            Command(
                "Sort by title",
                "Order the list by title (s cycles)",
                partial(app.choose_sort, Sort.TITLE),
            ),
            Command(
                "Sort by year",
                "Order the list by year, oldest first (s cycles)",
                partial(app.choose_sort, Sort.YEAR),
            ),
            Command("Search", "Move to the search bar (/)", app.action_focus_search),
            Command("Clear search", "Empty the search bar", app.action_clear_search),
            Command("Help", "Show every key (?)", app.action_help),
        ]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)
        folded = fold(query).strip()
        if len(folded) < 2:
            return
        found = 0
        for film in self.film_app.library.films:
            title = clean_line(film.title)
            start = fold(title).find(folded)
            if start < 0:
                continue
            shown = Content(title)
            if len(fold(title)) == len(title):
                shown = shown.stylize("bold", start, start + len(folded))
            prompt = Content.assemble("Go to: ", shown)
            yield Hit(
                0.5 if start else 0.75,
                prompt,
                partial(self.film_app.jump_to_film, film.id),
                text=f"Go to: {title}",
                help=film.year_text,
            )
            found += 1
            if found >= FILM_HITS:
                return
