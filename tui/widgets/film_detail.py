"""The detail pane: everything about the highlighted film, laid out to read."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.safe_text import clean, clean_line


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
        &.-no-notes > .notes { display: none; }
    }
    """

    film: reactive[Film | None] = reactive(None, init=False)
    favourite: reactive[bool] = reactive(False, init=False)
    personal: reactive[UserMarks] = reactive(UserMarks(), init=False)
    """What the user recorded: rating, watched, notes (and the favourite)."""
    empty_text: reactive[str] = reactive("No film selected.", init=False)
    marks: reactive[Callable[[str, str], Sequence[tuple[int, int]]] | None] = reactive(
        None, init=False
    )
    """`marks(text, field)`: the spans of `text` to highlight as search matches."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title", classes="film")
        yield Static(id="detail-meta", classes="film")
        yield Static("Description", classes="film heading")
        yield Static(id="detail-description", classes="film body")
        yield Static("Fact", classes="film heading")
        yield Static(id="detail-fact", classes="film body")
        yield Static("Your notes", classes="film heading notes")
        yield Static(id="detail-notes", classes="film body notes")
        yield Static(id="detail-empty")

    def on_mount(self) -> None:
        self._update()

    def watch_film(self) -> None:
        self._update()

    def watch_favourite(self) -> None:
        self._update()

    def watch_personal(self) -> None:
        self._update()

    def watch_empty_text(self) -> None:
        self._update()

    def watch_marks(self) -> None:
        self._update()

    def _marked(self, text: str, field: str) -> Content:
        """`text` as plain text (never markup), with the search matches styled."""
        content = Content(text)
        if self.marks is not None:
            for start, end in self.marks(text, field):
                content = content.stylize("$text-accent bold underline", start, end)
        return content

    def _update(self) -> None:
        film = self.film
        self.set_class(film is None, "-empty")
        if film is None:
            self.query_one("#detail-empty", Static).update(Content(clean(self.empty_text)))
            return
        personal = self.personal
        meta_parts = [film.year_text, "★ Favourite" if self.favourite else "not a favourite"]
        if personal.rating:
            meta_parts.append(f"{personal.stars} {personal.rating}/5")
        if personal.watched:
            meta_parts.append("✓ Watched")
        meta = "  ·  ".join(meta_parts)
        title = self._marked(clean_line(film.title), "title")
        self.query_one("#detail-title", Static).update(title)
        self.query_one("#detail-meta", Static).update(Content(meta))
        self.query_one("#detail-description", Static).update(
            self._marked(clean(film.description), "desc") if film.description else Content("—")
        )
        self.query_one("#detail-fact", Static).update(
            self._marked(clean(film.fact), "fact") if film.fact else Content("—")
        )
        self.set_class(not personal.notes, "-no-notes")
        self.query_one("#detail-notes", Static).update(self._marked(clean(personal.notes), "notes"))
        self.scroll_home(animate=False)
