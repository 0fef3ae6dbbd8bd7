"""Naming the current search to keep it: a small dialog with the name prefilled."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.safe_text import clean_line

MAX_NAME = 100  # characters: a name is a palette entry, not a note


class SaveSearchScreen(ModalScreen[str | None]):
    """Ask a name for `query`; dismissed with it (stripped), None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save-search.cancel")]

    def __init__(self, query: str, name: str) -> None:
        """`name` prefills the field (the search's saved name, or its query)."""
        super().__init__()
        self._query = query
        self._name = clean_line(name)[:MAX_NAME]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = "Save this search"
            box.border_subtitle = "Enter saves · Esc cancels"
            yield Static(Content.assemble("Query: ", (clean_line(self._query), "bold")))
            yield Input(self._name, placeholder="Its name", max_length=MAX_NAME, id="name")
            yield Static(id="save-search-error", classes="error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if not self.is_current:  # a second Enter of a burst, after the first answered
            return
        name = event.value.strip()
        if not name:
            self.query_one("#save-search-error", Static).update("A saved search needs a name.")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
