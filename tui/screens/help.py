"""The help screen: every key, grouped by where it works, made from the bindings."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar

Section = tuple[str, list[tuple[str, str]]]
"""A heading, and its rows of (keys, what they do)."""


def _bindings(owner: type) -> Iterable[Binding]:
    for binding in getattr(owner, "BINDINGS", []):
        if isinstance(binding, Binding):
            yield binding


class HelpScreen(ModalScreen[None]):
    """A list of keys. Esc (or ?, or q) closes it."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "Esc to close"
            yield Static(self._content())

    def _content(self) -> Content:
        """Each section's heading, then its keys right-aligned beside what they do."""
        width = max((cell_len(keys) for _, rows in self.sections for keys, _ in rows), default=0)
        lines: list[Content] = []
        for index, (title, rows) in enumerate(self.sections):
            if index:
                lines.append(Content(""))
            lines.append(Content.styled(title, "bold $text-primary"))
            for keys, description in rows:
                padding = " " * (width - cell_len(keys) + 2)
                lines.append(Content.assemble(padding, (keys, "bold"), "  ", description))
        return Content("\n").join(lines)


def describe_bindings(app: App[object], owner: type[DOMNode]) -> list[tuple[str, str]]:
    """Rows of (keys, description) for a class's bindings, keys merged per action."""
    rows: dict[str, list[str]] = {}
    for binding in _bindings(owner):
        for key in binding.key.split(","):
            single = Binding(key.strip(), binding.action, binding.description)
            rows.setdefault(binding.description or binding.action, []).append(
                app.get_key_display(single)
            )
    return [(_join_keys(keys), description) for description, keys in rows.items()]


def main_help(app: App[object], screen: type[DOMNode], more: Iterable[Section]) -> list[Section]:
    """The sections of the main screen's help: the search bar's keys, the list's,
    the `screen`'s (which work anywhere), then `more`."""
    return [
        ("Search bar", [("type", "Filter the list"), *describe_bindings(app, SearchBar)]),
        (
            "Film list",
            [*describe_bindings(app, FilmList), ("other letters", "Nothing (/ searches)")],
        ),
        (
            "Anywhere",
            [
                ("tab / shift+tab", "Move between search, list and details"),
                *describe_bindings(app, screen),
                ("^p", "Command palette"),
                ("^q", "Quit"),
            ],
        ),
        *more,
    ]


def _join_keys(keys: list[str]) -> str:
    """`0–5` for a run of digit keys; otherwise the keys with slashes between."""
    if len(keys) > 2 and all(key.isdigit() and len(key) == 1 for key in keys):
        numbers = [int(key) for key in keys]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{keys[0]}–{keys[-1]}"
    return " / ".join(keys)
