"""The detail pane: everything known about the highlighted film, laid out to read.

Top to bottom: the poster, if the film has one (`tui.widgets.poster`); the
title (and the original title), year and runtime; the user's marks
(favourite, rating, watched, watchlist), the days seen and the tags; the
film's credits and links; its description and fact; the user's notes; the
film's own fields. A part with no value is not shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast, get_args

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Static

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.safe_text import clean, clean_line
from tui.search.query import Field
from tui.widgets.film_text import (
    STAR,
    mark_words,
    names_text,
    own_fields,
    seen_text,
    year_and_runtime,
)
from tui.widgets.poster import Poster, PosterRequest
from tui.widgets.text_lines import LabelledRows, Phrases

Spans = Callable[[str, Field], Sequence[tuple[int, int]]]
"""`spans(text, field)`: the (start, end) spans of `text` to highlight as matches."""

_HIGHLIGHTED: frozenset[str] = frozenset(get_args(Field))
"""The fields the search can highlight, if it names them (else it takes any name)."""

Row = tuple[str, str, str]
"""(the film's or the marks' field, its label for one value, for several); the
field is also the name the search highlights it by."""
_YOUR_ROWS: tuple[Row, ...] = (("watches", "Seen", "Seen"), ("tags", "Tag", "Tags"))
_FILM_ROWS: tuple[Row, ...] = (
    ("directors", "Director", "Directors"),
    ("cast", "Cast", "Cast"),
    ("genres", "Genre", "Genres"),
    ("countries", "Country", "Countries"),
    ("languages", "Language", "Languages"),
    ("imdb_id", "IMDb", "IMDb"),
    ("letterboxd_uri", "Letterboxd", "Letterboxd"),
)
STARS = f"{STAR}+½?☆*"
"""The favourite's star and the rating's, coloured as the list's ★."""
_TEXTS = (("description", "desc", "Description"), ("fact", "fact", "Fact"))
POSTER_WIDTH = 40
"""Cells, at most: a poster as wide as a wide pane would push the text out of sight."""
POSTER_LEAST = 5
"""Rows: a pane too short for a poster this tall (in half its height) shows none;
Enter's full-screen details do."""


@dataclass(frozen=True, slots=True)
class DetailView:
    """What the detail pane shows: a film with the user's marks, or why there is none."""

    film: Film | None = None
    marks: UserMarks = field(default_factory=UserMarks)
    spans: Spans | None = None
    empty_text: str = "No film selected."
    poster: tuple[Path, ...] = ()
    """The files that may hold the film's poster (`tui.store.posters.poster_paths`)."""
    pending: str = ""
    """Said under the film's title: why the rest of its details are not shown yet."""


def _film_id(view: DetailView) -> str | None:
    return view.film.id if view.film is not None else None


def _rows(film: Film, marks: UserMarks, rows: Sequence[Row]) -> list[tuple[str, str, str]]:
    """The rows that have a value: (field, label, text)."""
    shown = []
    for name, one, several in rows:
        value = getattr(marks if name in ("watches", "tags") else film, name)
        if isinstance(value, tuple):
            text = seen_text(value) if name == "watches" else names_text(value)
            label = several if len(value) > 1 else one
        else:
            text, label = value, one
        if text:
            shown.append((name, label, text))
    return shown


class FilmDetail(VerticalScroll):
    """Every field of one film that has a value, and the user's marks on it."""

    DEFAULT_CSS = """
    FilmDetail {
        padding: 0 1;
        & .section { height: auto; margin-bottom: 1; }
        & #detail-title { text-style: bold; color: $text-primary; }
        & #detail-original { color: $text-muted; text-style: italic; }
        & #detail-meta { color: $text-muted; }
        & .heading { text-style: bold; color: $text-accent; }
        & #detail-empty { color: $text-muted; text-style: italic; }
        & #detail-pending { color: $text-muted; text-style: italic; margin-top: 1; }
        & #detail-parts { height: auto; display: none; }
    }
    """

    view: var[DetailView] = var(DetailView, init=False)
    """What to show; the pane scrolls back to the top only when the film changes.
    Not a reactive that repaints: the parts draw what changes in them, and the
    pane's own lines (a line of them each a millisecond or so) stay as they are."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: dict[str, Widget] = {}

    def compose(self) -> ComposeResult:
        # The parts show and hide themselves (`display`), and so do the film's
        # parts as a whole and the text said when there is no film: a class
        # would restyle every part each time a film follows no film.
        with Vertical(id="detail-parts"):
            yield Poster(id="detail-poster")
            with Vertical(classes="section"):
                yield Static(id="detail-title")
                yield Static(id="detail-original")
                yield Static(id="detail-meta")
                yield Phrases(id="detail-marks")
                yield Static(id="detail-pending")
            yield LabelledRows(id="detail-yours", classes="section")
            yield LabelledRows(id="detail-film", classes="section")
            for name, _, heading in _TEXTS:
                with Vertical(id=f"detail-{name}-section", classes="section"):
                    yield Static(heading, classes="heading")
                    yield Static(id=f"detail-{name}")
            with Vertical(id="detail-notes-section", classes="section"):
                yield Static("Your notes", classes="heading")
                yield Static(id="detail-notes")
            with Vertical(id="detail-own-section", classes="section"):
                yield Static("The film's own fields", classes="heading")
                yield Static(id="detail-own")
        yield Static(id="detail-empty")

    def on_mount(self) -> None:
        self.show(self.view)

    def on_resize(self, event: Resize) -> None:
        self._load_poster(self.view)

    def watch_view(self, old: DetailView, new: DetailView) -> None:
        self.show(new)
        if _film_id(old) != _film_id(new):  # another film: read it from the top
            self.scroll_home(animate=False)

    def _marked(self, text: str, field: str) -> Content:
        """`text` as plain text (never markup), with the search's matches in
        `field` styled, if the search highlights that field."""
        content = Content(text)
        spans = self.view.spans
        if spans is not None and (not _HIGHLIGHTED or field in _HIGHLIGHTED):
            for start, end in spans(text, field):
                content = content.stylize("$text-accent bold underline", start, end)
        return content

    def _part(self, part_id: str) -> Widget:
        """One of the pane's parts by its id (looked up once: `show` runs per keystroke)."""
        if not self._parts:
            self._parts = {child.id: child for child in self.query("*") if child.id}
        return self._parts[part_id]

    def _static(self, part_id: str) -> Static:
        return cast(Static, self._part(part_id))

    def show(self, view: DetailView) -> None:
        """Draw `view` into the pane's parts, hiding those with nothing to show."""
        film = view.film
        self._load_poster(view)
        self._part("detail-parts").display = film is not None
        self._part("detail-empty").display = film is None
        if film is None:
            self._put("detail-empty", Content(clean(view.empty_text)))
            return
        marks = view.marks
        title, original = clean_line(film.title), clean_line(film.original_title)
        self._put("detail-title", self._marked(title, "title"))
        self._show(
            "detail-original", original != title and self._marked(original, "original_title")
        )
        self._put("detail-meta", Content(year_and_runtime(film.year_text, film.runtime)))
        words = (
            Content(words).highlight_regex(STARS, style="$text-warning")
            for words in mark_words(marks)
        )
        cast(Phrases, self._part("detail-marks")).phrases = list(words)
        self._show("detail-pending", bool(view.pending) and Content(clean(view.pending)))
        for part_id, rows in (("detail-yours", _YOUR_ROWS), ("detail-film", _FILM_ROWS)):
            cast(LabelledRows, self._part(part_id)).rows = [
                (Content.styled(label, "$foreground-muted"), self._marked(clean_line(text), name))
                for name, label, text in _rows(film, marks, rows)
            ]
        for name, highlighted, _ in _TEXTS:
            text = self._marked(clean(getattr(film, name)), highlighted)
            self._part(f"detail-{name}-section").display = self._show(f"detail-{name}", text)
        notes = self._marked(clean(marks.notes), "notes")
        self._part("detail-notes-section").display = self._show("detail-notes", notes)
        own = Content("\n").join(
            Content.assemble((clean_line(name), "$foreground-muted"), ": ", clean(text))
            for name, text in own_fields(film.own)
        )
        self._part("detail-own-section").display = self._show("detail-own", own)

    def _load_poster(self, view: DetailView) -> None:
        """The poster of the film, scaled to fit the pane's width and half its height."""
        # Less the scrollbar's width, shown or not: a poster that brings a
        # scrollbar in must not be drawn again narrower (and again wider).
        width = self.size.width - self.styles.scrollbar_size_vertical
        height = self.size.height
        request = None
        if view.film is not None and view.poster and height // 2 >= POSTER_LEAST:
            box = min(width, POSTER_WIDTH), height // 2
            request = PosterRequest(view.film.id, view.poster, *box)
        cast(Poster, self._part("detail-poster")).load(request)

    def _show(self, part_id: str, content: Content | Literal[False]) -> bool:
        """Show `content` in a part, or hide the part if it is empty; True if shown."""
        part = self._static(part_id)
        part.display = bool(content)
        if content:
            self._put(part_id, content)
        return part.display

    def _put(self, part_id: str, content: Content) -> None:
        """Put `content` in a part: laid out again only if its words changed (the
        search's highlight, which changes at each key, takes no more room)."""
        part = self._static(part_id)
        shown = part.visual
        same = isinstance(shown, Content) and shown.plain == content.plain
        part.update(content, layout=not same)
