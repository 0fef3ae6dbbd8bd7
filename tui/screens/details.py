"""A film's details full-screen, for terminals too small to show them beside the list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer

from tui.widgets.film_detail import DetailView, FilmDetail


class DetailScreen(ModalScreen[None]):
    """The details of one film, filling the terminal. Esc (or Enter, or q) goes back."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Back", id="details.back")]

    def __init__(self, view: DetailView) -> None:
        super().__init__()
        self._view = view

    def compose(self) -> ComposeResult:
        detail = FilmDetail(id="full-detail")
        detail.border_title = "Details"
        detail.set_reactive(FilmDetail.view, self._view)
        yield detail
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FilmDetail).focus()
