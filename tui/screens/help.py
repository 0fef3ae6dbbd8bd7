"""The help screen: every key, grouped by where it works, made from the bindings."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static


def _bindings(owner: type) -> Iterable[Binding]:
    for binding in getattr(owner, "BINDINGS", []):
        if isinstance(binding, Binding):
            yield binding


class HelpScreen(ModalScreen[None]):
    """A list of keys. Esc (or ?, or q) closes it."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 72;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: round $primary;
            border-title-color: $text-primary;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold")
        table.add_column()
        for index, (title, rows) in enumerate(self.sections):
            if index:
                table.add_row("", "")
            table.add_row("", Text(title, style="bold underline"))
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "Esc to close"
            yield Static(table)


def describe_bindings(app: App[object], owner: type[DOMNode]) -> list[tuple[str, str]]:
    """Rows of (keys, description) for a class's bindings, keys merged per action."""
    rows: dict[str, list[str]] = {}
    for binding in _bindings(owner):
        for key in binding.key.split(","):
            single = Binding(key.strip(), binding.action, binding.description)
            rows.setdefault(binding.description or binding.action, []).append(
                app.get_key_display(single)
            )
    return [(" / ".join(keys), description) for description, keys in rows.items()]
