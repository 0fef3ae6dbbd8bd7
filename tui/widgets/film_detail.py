"""The detail pane: everything about the highlighted film, laid out to read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from textual import getters
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.safe_text import clean, clean_line
from tui.search.query import Field

Spans = Callable[[str, Field], Sequence[tuple[int, int]]]
"""`spans(text, field)`: the (start, end) spans of `text` to highlight as matches."""


@dataclass(frozen=True, slots=True)
class DetailView:
    """What the detail pane shows: a film with the user's marks, or why there is none."""

    film: Film | None = None
    marks: UserMarks = field(default_factory=UserMarks)
    spans: Spans | None = None
    empty_text: str = "No film selected."


def meta_line(film: Film, marks: UserMarks) -> str:
    """Year, favourite, rating and watched, short enough for a narrow pane."""
    parts = [film.year_text, "★ Favourite" if marks.favourite else "not a favourite"]
    if marks.rating:
        parts.append(f"{marks.rating}/5")
    if marks.watched:
        parts.append("✓ Watched")
    return " · ".join(parts)


def _film_id(view: DetailView) -> str | None:
    return view.film.id if view.film is not None else None


class FilmDetail(VerticalScroll):
    """Title, year, the user's marks, description, fact and notes of one film."""

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

    view: reactive[DetailView] = reactive(DetailView, init=False)
    """What to show; the pane scrolls back to the top only when the film changes."""

    _title = getters.query_one("#detail-title", Static)
    _meta = getters.query_one("#detail-meta", Static)
    _description = getters.query_one("#detail-description", Static)
    _fact = getters.query_one("#detail-fact", Static)
    _notes = getters.query_one("#detail-notes", Static)
    _empty = getters.query_one("#detail-empty", Static)

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
        self.show(self.view)

    def watch_view(self, old: DetailView, new: DetailView) -> None:
        self.show(new)
        if _film_id(old) != _film_id(new):  # another film: read it from the top
            self.scroll_home(animate=False)

    def _marked(self, text: str, field: Field) -> Content:
        """`text` as plain text (never markup), with the search matches styled."""
        content = Content(text)
        if self.view.spans is not None:
            for start, end in self.view.spans(text, field):
                content = content.stylize("$text-accent bold underline", start, end)
        return content

    def show(self, view: DetailView) -> None:
        """Draw `view` into the pane's parts."""
        film = view.film
        self.set_class(film is None, "-empty")
        if film is None:
            self._empty.update(Content(clean(view.empty_text)))
            return
        self._title.update(self._marked(clean_line(film.title), "title"))
        self._meta.update(Content(meta_line(film, view.marks)))
        self._description.update(
            self._marked(clean(film.description), "desc") if film.description else Content("—")
        )
        self._fact.update(self._marked(clean(film.fact), "fact") if film.fact else Content("—"))
        self.set_class(not view.marks.notes, "-no-notes")
        self._notes.update(self._marked(clean(view.marks.notes), "notes"))
