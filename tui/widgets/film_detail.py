"""The detail pane: everything about the highlighted film, laid out to read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tui.display import clean, clean_line
from tui.film import Film


class FilmDetail(VerticalScroll):
    """Title, year, favourite state, description and fact of one film."""

    DEFAULT_CSS = """
    FilmDetail {
        padding: 0 1;
        & > #detail-title { text-style: bold; color: $text-primary; }
        & > #detail-meta { color: $text-muted; margin-bottom: 1; }
        & > .heading { text-style: bold; color: $text-accent; }
        & > .body { margin-bottom: 1; }
        & > #detail-empty { color: $text-muted; text-style: italic; display: none; }
        &.-empty > .film { display: none; }
        &.-empty > #detail-empty { display: block; }
    }
    """

    film: reactive[Film | None] = reactive(None, init=False)
    favourite: reactive[bool] = reactive(False, init=False)
    empty_text: reactive[str] = reactive("No film selected.", init=False)

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title", classes="film")
        yield Static(id="detail-meta", classes="film")
        yield Static("Description", classes="film heading")
        yield Static(id="detail-description", classes="film body")
        yield Static("Fact", classes="film heading")
        yield Static(id="detail-fact", classes="film body")
        yield Static(id="detail-empty")

    def on_mount(self) -> None:
        self._update()

    def watch_film(self) -> None:
        self._update()

    def watch_favourite(self) -> None:
        self._update()

    def watch_empty_text(self) -> None:
        self._update()

    def _update(self) -> None:
        film = self.film
        self.set_class(film is None, "-empty")
        if film is None:
            self.query_one("#detail-empty", Static).update(Content(clean(self.empty_text)))
            return
        meta = film.year_text + ("  ·  ★ Favourite" if self.favourite else "  ·  not a favourite")
        self.query_one("#detail-title", Static).update(Content(clean_line(film.title)))
        self.query_one("#detail-meta", Static).update(Content(meta))
        self.query_one("#detail-description", Static).update(
            Content(clean(film.description) or "—")
        )
        self.query_one("#detail-fact", Static).update(Content(clean(film.fact) or "—"))
        self.scroll_home(animate=False)
