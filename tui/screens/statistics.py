"""The statistics screen: the figures of the current search, or of the whole library.

The figures are computed by `tui.model.statistics` in a thread worker (a
million films take a second or so) and drawn as `BarChart`s; `a` switches
between the films the list shows and every film. Esc closes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.model.statistics import (
    Statistics,
    charts,
    collection_statistics,
    summary_text,
    watching_note,
    watching_text,
)
from tui.safe_text import clean_line
from tui.screens.search_runs import Search
from tui.store.library import Library
from tui.widgets.bar_chart import BarChart

CHARTS = 6
"""How many charts `charts` makes (one `BarChart` each)."""


class StatisticsScreen(Screen[None]):
    """Films per decade, top genres and directors, ratings, viewings, watching time."""

    DEFAULT_CSS = """
    StatisticsScreen {
        #scope {
            height: auto;
            padding: 0 1;
        }
        #charts {
            grid-size: 2;
            grid-rows: auto;
            grid-gutter: 0 1;
            height: auto;
        }
        &.-narrow #charts {
            grid-size: 1;
        }
        .chart {
            height: auto;
            padding: 0 1;
            border: round $panel-lighten-2;
            border-title-color: $text-primary;
            border-title-style: bold;
        }
    }
    """

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="statistics.close"),
        Binding("a", "toggle_scope", "Library / search", id="statistics.scope"),
    ]

    whole_library: reactive[bool] = reactive(False, init=False)
    """Figures of every film (True), or of the films the search found (False)."""

    _scope = getters.query_one("#scope", Static)
    _watching = getters.query_one("#watching", Static)

    def __init__(self, found: Sequence[Film], library: Library, search: Search) -> None:
        """`found`: the films the list shows for `search`, of `library`."""
        super().__init__()
        self.found = found
        self.every_film: Sequence[Film] = library.films
        self.marks: Mapping[str, UserMarks] = library.all_marks()
        self.query_text = search.text
        self.favourites_only = search.favourites_only
        self.figures: Statistics | None = None
        """The figures shown (None while they are being counted)."""

    def compose(self) -> ComposeResult:
        yield Static(id="scope")
        with VerticalScroll(id="statistics"):
            yield Static(id="watching", classes="chart")
            with Grid(id="charts"):
                for number in range(CHARTS):
                    yield BarChart(id=f"chart-{number}", classes="chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._watching.border_title = "Watching time"
        self._count()

    def watch_whole_library(self) -> None:
        self._count()

    def action_toggle_scope(self) -> None:
        self.whole_library = not self.whole_library

    def _search_parts(self) -> list[str | tuple[str, str]]:
        """`the search “venus”`, `the favourites`, `the list (no search: every film)`."""
        query = clean_line(self.query_text.strip())
        if not query:
            return [
                "the favourites" if self.favourites_only else "the list (no search: every film)"
            ]
        where = " among the favourites" if self.favourites_only else ""
        return ["the search “", (query, "bold"), f"”{where}"]

    def _count(self) -> None:
        """Count the figures of the films in scope, in a thread; say so meanwhile."""
        self.figures = None
        self._show_scope()
        films = self.every_film if self.whole_library else self.found
        self._compute(films, self.whole_library)

    @work(thread=True, exclusive=True, group="statistics")
    def _compute(self, films: Sequence[Film], whole_library: bool) -> None:
        figures = collection_statistics(films, self.marks)
        self.app.call_from_thread(self._show, figures, whole_library)

    def _show(self, figures: Statistics, whole_library: bool) -> None:
        if not self.is_attached or whole_library != self.whole_library:
            return  # closed, or the other scope was asked for meanwhile
        self.figures = figures
        self._show_scope()
        for number, chart in enumerate(charts(figures)):
            self.query_one(f"#chart-{number}", BarChart).chart = chart
        self._watching.update(
            Content.assemble(
                (watching_text(figures), "bold"), "\n", (watching_note(figures), "$text-muted")
            )
        )

    def _show_scope(self) -> None:
        """The line at the top: what is counted, its counts, and what `a` switches to."""
        search = self._search_parts()
        if self.whole_library:
            what: list[str | tuple[str, str]] = ["The whole library"]
            other: list[str | tuple[str, str]] = ["a: ", *search]
        else:
            what, other = ["Of ", *search], ["a: the whole library"]
        counts = "counting…" if self.figures is None else summary_text(self.figures)
        self._scope.update(
            Content.assemble(
                Content.assemble(*what).stylize_before("bold $text-primary"),
                f" — {counts}   ",
                Content.assemble(*other).stylize_before("$text-muted"),
            )
        )
