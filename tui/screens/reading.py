"""The main screen while a big catalog is read, its films shown from the kept index.

A library whose index was kept (`tui.finder.kept_preview`) shows its films in
title order from the first frame, before its catalog is read (seconds at a
million films). Meanwhile the list scrolls, the search bar takes what is
typed and the order can be chosen; once the kept index is read, what is
typed is searched in it (but for the films' numbers, which wait). The
details, the marks and the edits work once the films are in: their keys are
shown disabled until then, and the list's edge says how far the reading has
got.
"""

from __future__ import annotations

from abc import abstractmethod

from textual import events
from textual.screen import Screen

from tui.screens.loading import LoadProgress, PreviewIndexed, Typing
from tui.screens.search_runs import Found, Search
from tui.screens.status import reading_text, waiting_key_text
from tui.search.index import SearchIndex
from tui.search.orders import effective_sort
from tui.search.preview import reads_numbers
from tui.search.query import parse_query

READY_WHILE_READING = frozenset(
    {"focus_search", "clear_search", "help", "cycle_sort", "choose_sort", "toggle_favourites_only"}
)
"""The main screen's actions that need no film read (the others are disabled), and
`choose_sort`, which the palette calls."""


class WhileReading(Screen[None]):
    """What the main screen does differently while its catalog is read."""

    reading: float | None = None
    """How much of the catalog is read while its films are shown from the kept
    index (0.0 to 1.0); None once the films are in, or when there is no preview."""

    index: SearchIndex
    search: Search
    _found: Found | None

    _typing: Typing | None = None
    """The searches of the preview the reading waits for, until it starts."""

    preview_searches = False
    """True once the films shown while the catalog is read can be searched."""

    @property
    def _previewing(self) -> bool:
        """True while the list shows the preview's films, not yet searchable."""
        return self.reading is not None and not self.preview_searches

    def searches_while_reading(self, search: Search) -> bool:
        """Whether `search` runs before the films are in: over the index of their
        preview once it is read (`tui.finder.preview_index`), unless it needs the
        films' numbers (a runtime, an own field's number), which the preview lacks."""
        return self.preview_searches and not self.waits_for_the_films(search)

    def waits_for_the_films(self, search: Search) -> bool:
        """Whether `search` needs the films' numbers, which the preview lacks."""
        names = self.index.own_names if self.preview_searches else frozenset[str]()
        query = parse_query(search.text, names)
        return reads_numbers(query, effective_sort(search.sort, not query.is_empty))

    def on_preview_indexed(self, message: PreviewIndexed) -> None:
        """The preview's films can be searched: search them until the films are in.
        The reading waits for what is typed to be found (`found_while_reading`)."""
        if self.reading is None:
            message.typing.shown()
            return
        self.index = message.index
        self.preview_searches = True
        self._typing = message.typing
        self._run_search()

    def asked_while_reading(self, search: Search) -> None:
        """`search` is asked for: the reading waits for it to be shown, unless it
        waits for the films."""
        if self._typing is not None:
            self._typing.ask()
            if not self.searches_while_reading(search):
                self._typing.shown()

    def reading_note(self) -> str:
        """What the details say while the catalog is read."""
        searched = self._found is not None and self._found.search == self.search
        waits = self.waits_for_the_films(self.search)
        return reading_text(self.search, self.reading or 0.0, searched, waits)

    def found_while_reading(self, found: Found) -> None:
        """`found` is shown: once complete, the reading waiting for it may go on."""
        if self._typing is not None and found.result.complete:
            self._typing.shown()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """None (shown disabled) for what needs the films while they are read."""
        if self.reading is not None and action not in READY_WHILE_READING:
            return None
        return super().check_action(action, parameters)

    def on_key(self, event: events.Key) -> None:
        """A key whose action waits for the films (shown disabled), pressed while they
        are read: say so, rather than do nothing."""
        active = None if self.reading is None else self.active_bindings.get(event.key)
        if active is not None and not active.enabled:
            event.stop()
            text = waiting_key_text(active.binding.description or event.key, self.reading or 0.0)
            self.notify(text, title="Reading the catalog", timeout=4, markup=False)

    def on_load_progress(self, message: LoadProgress) -> None:
        """The reading thread got further: say so on the list's edge."""
        if self.reading is not None:  # no fraction: read, the films being put in
            self.reading = 1.0 if message.fraction is None else message.fraction
            self._show_state()
            self._show_detail()

    @abstractmethod
    def _show_state(self, searching: bool = False) -> None: ...

    @abstractmethod
    def _show_detail(self) -> None: ...

    @abstractmethod
    def _run_search(self) -> None: ...
