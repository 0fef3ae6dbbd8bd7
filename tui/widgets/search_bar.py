"""The search bar: an Input that reports when the user is done typing."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input


class SearchBar(Input):
    """Where the query is typed. Esc clears it; Down or Enter go to the list."""

    BINDINGS = [
        Binding("escape", "clear", "Clear", id="search.clear"),
        Binding("down", "done", "To list", id="search.to-list"),
        Binding("enter", "done", "To list", show=False, id="search.enter"),
    ]

    hint: reactive[str] = reactive("", init=False)
    """What could not be read in the query, shown under it ('' for nothing)."""

    class Done(Message):
        """The user wants to leave the search bar for the list."""

    def __init__(self) -> None:
        super().__init__(
            placeholder="Search title, year, description, fact…",
            id="search",
            select_on_focus=False,
        )

    def watch_hint(self, hint: str) -> None:
        self.border_subtitle = Content(hint) if hint else None
        self.set_class(bool(hint), "-hint")

    def action_clear(self) -> None:
        self.value = ""

    def action_done(self) -> None:
        self.post_message(self.Done())

    def type_text(self, text: str) -> None:
        """Append `text` as if the user had typed it here."""
        self.value += text
        self.cursor_position = len(self.value)
