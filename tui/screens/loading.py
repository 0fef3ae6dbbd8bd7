"""The screen shown while a big catalog loads in the background."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static

from tui.display import clean_line


class LoadingScreen(ModalScreen[None]):
    """A spinner and what is being read; the app dismisses it when the films are in."""

    DEFAULT_CSS = """
    LoadingScreen {
        align: center middle;
        & > Vertical {
            width: auto;
            max-width: 80%;
            height: auto;
            padding: 1 2;
            border: round $primary;
            background: $surface;
        }
        & Static { width: auto; }
        & #loading-detail { color: $text-muted; }
        & LoadingIndicator { height: 1; margin-top: 1; }
    }
    """

    def __init__(self, catalog: Path, size_bytes: int) -> None:
        super().__init__(id="loading")
        self.catalog = catalog
        self.size_bytes = size_bytes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(f"Loading {clean_line(self.catalog.name)}…"), id="loading-title")
            yield Static(
                Content(
                    f"{self.size_bytes / 1e6:,.0f} MB of films to read and index; ctrl+q quits."
                ),
                id="loading-detail",
            )
            yield LoadingIndicator()
