"""The screen shown while a big catalog loads in the background."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from tui.safe_text import clean_line


class LoadingScreen(ModalScreen[None]):
    """What is being read, and how far: the app dismisses it when the films are in."""

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
        & #loading-stage { margin-top: 1; }
        & ProgressBar { height: 1; }
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
                Content(f"{self.size_bytes / 1e6:,.0f} MB of films to read; ctrl+q quits."),
                id="loading-detail",
            )
            yield Static(Content("Reading"), id="loading-stage")
            yield ProgressBar(total=100, show_eta=False)

    def show_progress(self, stage: str, fraction: float | None) -> None:
        """Say what is being done, and how much of it (None: no telling)."""
        self.query_one("#loading-stage", Static).update(Content(stage))
        bar = self.query_one(ProgressBar)
        if fraction is None:
            bar.update(total=None)
        else:
            bar.update(total=100, progress=round(100 * fraction))
