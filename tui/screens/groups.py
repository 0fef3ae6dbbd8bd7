"""Browse by group: the current results by decade, year, genre, director, country,
tag, rating or year watched, each group with its count, and the saved searches.

Choosing a group dismisses the screen with the query that finds it (the
current query narrowed by the group's, `is:watchlist genre:"Drama"`; a saved
search's own query), which the main screen puts in the search bar. The groups
are made in a thread worker (`tui.search.groups`; a second at a million films):
the screen says what it is doing meanwhile and never waits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.search.folding import fold
from tui.search.groups import Group, Grouping, group_films, in_order, narrowed
from tui.widgets.group_list import GroupList

SAVED: Literal["saved searches"] = "saved searches"
Choice = Grouping | Literal["saved searches"]
CHOICES: tuple[Choice, ...] = (*Grouping, SAVED)
SHORT = {Grouping.WATCHED: "watched", SAVED: "saved"}  # so that all fit on a line


@dataclass(frozen=True)
class GroupSource:
    """What the groups are made of: the results shown, the query that found them, the
    user's marks by film id, the saved searches (name → query) and how many films a
    query finds (asked in the worker's thread)."""

    films: Sequence[Film]
    query: str
    marks: Mapping[str, UserMarks]
    saved: Mapping[str, str]
    count: Callable[[str], int]


def saved_groups(source: GroupSource) -> list[Group]:
    """The saved searches as groups: each finds what its query finds."""
    return [
        Group(name, query, source.count(query), (fold(name),))
        for name, query in source.saved.items()
    ]


class GroupScreen(ModalScreen[str | None]):
    """Pick a group; dismissed with its query (None: nothing chosen)."""

    BINDINGS = [
        Binding("enter", "choose", "Show its films", id="groups.choose"),
        # Not in the footer: the dialog's edge says ←/→.
        Binding("right,l", "grouping(1)", "Next grouping", show=False, id="groups.next"),
        Binding("left,h", "grouping(-1)", "Previous grouping", show=False, id="groups.previous"),
        Binding("s", "toggle_order", "By count / by name", id="groups.sort"),
        Binding("delete,x", "delete_saved", "Delete saved search", id="groups.delete"),
        Binding("escape,q,g", "close", "Close", id="groups.close"),
    ]

    def __init__(
        self,
        source: GroupSource,
        delete_saved: Callable[[str], object],
        choice: Choice = Grouping.DECADE,
        by_count: bool = True,
    ) -> None:
        """`delete_saved(name)` forgets a saved search."""
        super().__init__()
        self._source = source
        self._delete_saved = delete_saved
        self.choice = choice
        self.by_count = by_count
        self._made: dict[Choice, list[Group]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = "Browse by group"
            yield Static(id="groupings")
            yield GroupList(id="groups")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(GroupList).focus()
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_saved":
            return self.choice == SAVED
        return True

    # -- what is shown -----------------------------------------------------------

    def _show(self) -> None:
        """The groupings with the current one marked, and its groups (made if need be)."""
        self.query_one("#groupings", Static).update(self._groupings())
        groups = self._made.get(self.choice)
        box = self.query_one(".dialog", Vertical)
        box.border_subtitle = self._subtitle(groups)
        group_list = self.query_one(GroupList)
        if groups is None:
            films = len(self._source.films)
            what = f"{films:,} film{'s' if films != 1 else ''}"
            group_list.show_groups((), f"Grouping {what} by {self.choice}…")
            self._make(self.choice)
        else:
            group_list.show_groups(in_order(groups, by_count=self.by_count), self._empty_text())
        self.refresh_bindings()

    def _groupings(self) -> Content:
        parts: list[Content | str] = []
        for number, choice in enumerate(CHOICES):
            if number:
                parts.append(" · ")
            name = SHORT.get(choice, str(choice))
            parts.append(Content.styled(name, "reverse bold") if choice == self.choice else name)
        return Content.assemble(*parts)

    def _subtitle(self, groups: list[Group] | None) -> str:
        if groups is None:
            return "Esc closes"
        order = "by count" if self.by_count else "by name"
        kind = "saved searches" if self.choice == SAVED else "groups"
        return f"{len(groups):,} {kind}, {order} (s) · ←/→ grouping · Enter shows"

    def _empty_text(self) -> str:
        if self.choice == SAVED:
            return "No saved searches: b in the list saves the current search."
        if not self._source.films:
            return "No films to group: the list is empty."
        return f"None of these films has a {self.choice}."

    @work(thread=True, exclusive=True, group="groups")
    def _make(self, choice: Choice) -> None:
        """Make the groups of `choice` in a thread, then show them (if still wanted)."""
        source = self._source
        if isinstance(choice, Grouping):
            groups = group_films(source.films, choice, source.marks)
        else:
            groups = saved_groups(source)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._made_groups, choice, groups)

    def _made_groups(self, choice: Choice, groups: list[Group]) -> None:
        if self.is_attached:
            self._made[choice] = groups
            if choice == self.choice:
                self._show()

    # -- actions -------------------------------------------------------------------

    def action_grouping(self, step: int) -> None:
        self.choice = CHOICES[(CHOICES.index(self.choice) + step) % len(CHOICES)]
        self._show()

    def action_toggle_order(self) -> None:
        self.by_count = not self.by_count
        self._show()

    def action_choose(self) -> None:
        group = self.query_one(GroupList).highlighted
        if group is not None:
            self._choose(group)

    @on(GroupList.Chosen)
    def _chosen(self, event: GroupList.Chosen) -> None:
        self._choose(event.group)

    def _choose(self, group: Group) -> None:
        if not self.is_current:  # a second Enter of a burst, after the first chose
            return
        query = group.term if self.choice == SAVED else narrowed(self._source.query, group.term)
        self.dismiss(query)

    def action_delete_saved(self) -> None:
        group = self.query_one(GroupList).highlighted
        if self.choice != SAVED or group is None:
            return
        self._delete_saved(group.name)
        self._made[SAVED] = [kept for kept in self._made[SAVED] if kept.name != group.name]
        self.notify(f"Deleted the saved search “{group.name}”.", markup=False, timeout=4)
        self._show()

    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)
