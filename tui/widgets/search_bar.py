"""The search bar: an Input that reports when the user is done typing."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widgets import Input

from tui.widgets.focus import focus_now


class SearchBar(Input):
    """Where the query is typed. Esc clears it; Down or Enter go to the list."""

    BINDINGS = [
        Binding("escape", "clear", "Clear", id="search.clear"),
        # Priority: the app runs them as it reads the key, so a key typed right
        # after (`↓` then `f` in one burst) already goes to the list.
        Binding("down", "done", "To list", priority=True, id="search.to-list"),
        Binding("enter", "done", "To list", show=False, priority=True, id="search.enter"),
    ]

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """The text's width (Input sets it at each key): a layout of the screen for it
    would cost more than the key's search; the bar's own size never changes."""

    hint: reactive[str] = reactive("", init=False)
    """What could not be read in the query, shown under it ('' for nothing)."""

    def __init__(self, hands_over_to: str = "#films") -> None:
        """`hands_over_to` selects the widget that Down and Enter move the focus to."""
        super().__init__(
            placeholder="Search title, year, description, fact…",
            id="search",
            select_on_focus=False,
        )
        self._hands_over_to = hands_over_to

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Every printable key is text, but `?`: it opens the help here as anywhere
        on the main screen (no title is found by a `?`, which the search ignores)."""
        return key != "question_mark" and super().check_consume_key(key, character)

    def watch_hint(self, hint: str) -> None:
        self.border_subtitle = Content(hint) if hint else None
        self.set_class(bool(hint), "-hint")

    def action_clear(self) -> None:
        self.value = ""

    def action_done(self) -> None:
        focus_now(self.screen, self._hands_over_to)
