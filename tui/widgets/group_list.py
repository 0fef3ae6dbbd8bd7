"""The list of groups (a name and its count a row): virtual, as the film list.

A million films may have a hundred thousand directors: the list renders only
the rows on screen (`ScrollView.render_line`), never a widget per group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from tui.safe_text import clean_line
from tui.search.groups import Group
from tui.widgets.rows import clicked_row, line_of, message_line, scroll_to_row


class GroupList(ScrollView, can_focus=True):
    """Groups, one row each: the name (plain text, never markup) and its count."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="groups.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="groups.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="groups.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="groups.page-down"),
        Binding("home", "move(-1_000_000_000)", "First", show=False, id="groups.first"),
        Binding("end", "move(1_000_000_000)", "Last", show=False, id="groups.last"),
    ]

    COMPONENT_CLASSES = {"group-list--cursor", "group-list--count", "group-list--empty"}

    DEFAULT_CSS = """
    GroupList {
        overflow-x: hidden;
        & > .group-list--cursor { background: $surface-lighten-1; }
        &:focus > .group-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .group-list--count { color: $text-muted; }
        & > .group-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)

    @dataclass
    class Chosen(Message):
        """A group was double-clicked."""

        group: Group

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._groups: Sequence[Group] = ()
        self._empty_text = ""

    @property
    def groups(self) -> Sequence[Group]:
        return self._groups

    @property
    def highlighted(self) -> Group | None:
        return self._groups[self.cursor] if 0 <= self.cursor < len(self._groups) else None

    def show_groups(self, groups: Sequence[Group], empty_text: str = "") -> None:
        """Show `groups`, the highlight on the first; `empty_text` when there are none."""
        self._groups = groups
        self._empty_text = empty_text
        self.virtual_size = Size(self.scrollable_content_region.width, len(groups))
        self.cursor = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._groups) - 1))

    def watch_cursor(self, cursor: int) -> None:
        scroll_to_row(self, cursor)
        self.refresh()

    def action_move(self, rows: int) -> None:
        self.cursor += rows

    def action_page(self, pages: int) -> None:
        self.cursor += pages * max(1, self.scrollable_content_region.height - 1)

    def on_click(self, event: events.Click) -> None:
        index = clicked_row(self, event, len(self._groups))
        if index is not None:
            self.cursor = index
            if event.chain == 2:
                self.post_message(self.Chosen(self._groups[index]))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._groups))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.get_visual_style()
        if width <= 0:
            return Strip.blank(0)
        index = round(self.scroll_y) + y
        if not self._groups:
            if y:
                return Strip.blank(width, base.rich_style)
            return message_line(self._empty_text, width, self.get_visual_style("group-list--empty"))
        if index >= len(self._groups):
            return Strip.blank(width, base.rich_style)
        group = self._groups[index]
        highlighted = index == self.cursor
        style = self.get_visual_style("group-list--cursor") if highlighted else base
        count = f"{group.count:,}"
        name = Content(clean_line(group.name)).truncate(
            max(1, width - len(count) - 3), ellipsis=True, pad=True
        )
        muted = Style(foreground=self.get_visual_style("group-list--count").foreground)
        row = Content.assemble(" ", name, " ", count if highlighted else (count, muted), " ")
        return line_of(row, width, style)
