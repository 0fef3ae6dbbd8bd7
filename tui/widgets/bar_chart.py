"""A chart of horizontal bars: a label, a bar of block characters, the count.

The bars are block characters in eighths of a cell and every count is
written beside its bar, so the chart reads the same without colour
(`NO_COLOR`), in a light theme and in a browser (`filmtui serve`). Labels
are catalog text (genres, directors): shown as plain text, controls left out,
cut with `…` where they would take more than `LABEL_SHARE` of the width.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.model.statistics import Chart, bar
from tui.safe_text import clean_line

LABEL_SHARE = 0.4
"""At most this part of the width goes to the labels."""


class BarChart(Widget):
    """One `Chart`; its title is the border title."""

    DEFAULT_CSS = """
    BarChart {
        height: auto;
    }
    """

    chart: reactive[Chart | None] = reactive(None, layout=True)

    def watch_chart(self, chart: Chart | None) -> None:
        self.border_title = chart.title if chart is not None else None

    def render(self) -> Content:
        chart = self.chart
        rows = (*chart.rows, *chart.apart) if chart is not None else ()
        if not any(count for _, count in rows):
            return Content.styled("none", "$text-muted")
        assert chart is not None
        counts = [f"{count:,}" for _, count in rows]
        count_width = max(map(len, counts))
        width = max(self.content_size.width, 12)
        labels = [clean_line(label) for label, _ in rows]
        label_width = min(max(map(cell_len, labels)), max(4, int(width * LABEL_SHARE)))
        bar_width = max(1, width - label_width - count_width - 2)
        most = max((count for _, count in chart.rows), default=0)
        lines = []
        for number, (label, (_, count), count_text) in enumerate(
            zip(labels, rows, counts, strict=True)
        ):
            drawn = bar(count, most, bar_width) if number < len(chart.rows) else ""
            lines.append(
                Content.assemble(
                    Content(label).truncate(label_width, ellipsis=True, pad=True),
                    " ",
                    (drawn, "$accent"),
                    " " * (bar_width - len(drawn) + 1),
                    (count_text.rjust(count_width), "bold"),
                )
            )
        return Content("\n").join(lines)
