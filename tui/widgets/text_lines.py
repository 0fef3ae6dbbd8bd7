"""Text that a widget lays out for its own width, where Textual's wrapping cannot:
marks that break only between two of them, values that wrap beside their labels."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

SEPARATOR = " · "
LABEL_WIDTH = len("Letterboxd")
MIN_VALUE_WIDTH = 12
"""Narrower than this beside its label, a value goes under it."""


class _Lines(Widget):
    """Text laid out for the widget's width by the widget itself, as Textual
    cannot: `_lines(width)` says what each line holds."""

    def _lines(self, width: int) -> list[Content]:
        raise NotImplementedError

    def _height(self) -> int | None:
        """The lines shown at the widget's width (None: not laid out yet)."""
        width = self.content_region.width
        return len(self._lines(width)) if width > 0 else None

    def _changed(self, shown: bool, height: int | None) -> None:
        """Show the new text, which took `height` lines before (`_height`): laid out
        again only if it takes another number of lines (a style, such as a
        search's highlight, or other words of the same lines take no more room).
        Hidden, or shown or hidden now, its `display` lays it out as needed."""
        self.display = shown
        self.refresh(layout=shown and (height is None or height != self._height()))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width)) if width > 0 else 0

    def render(self) -> Content:
        return Content("\n").join(self._lines(max(1, self.content_region.width)))


class Phrases(_Lines):
    """Short phrases joined by ` · `, that go onto a new line only between two phrases
    (`✓ Watched` is never cut in two)."""

    DEFAULT_CSS = "Phrases { height: auto; }"

    _phrases: tuple[Content, ...] = ()

    @property
    def phrases(self) -> tuple[Content, ...]:
        return self._phrases

    @phrases.setter
    def phrases(self, phrases: Sequence[Content]) -> None:
        height, self._phrases = self._height(), tuple(phrases)
        self._changed(bool(phrases), height)

    def _lines(self, width: int) -> list[Content]:
        lines: list[Content] = []
        for phrase in self._phrases:
            longer = lines[-1] + SEPARATOR + phrase if lines else phrase
            if lines and longer.cell_length <= width:
                lines[-1] = longer
            else:
                lines.append(phrase)
        return [part for line in lines for part in line.wrap(width)]


class LabelledRows(_Lines):
    """Values beside their labels, a value's further lines under its first
    (in a pane too narrow for both, the label above its value)."""

    DEFAULT_CSS = "LabelledRows { height: auto; }"

    _rows: tuple[tuple[Content, Content], ...] = ()

    @property
    def rows(self) -> tuple[tuple[Content, Content], ...]:
        return self._rows

    @rows.setter
    def rows(self, rows: Sequence[tuple[Content, Content]]) -> None:
        height, self._rows = self._height(), tuple(rows)
        self._changed(bool(rows), height)

    def _lines(self, width: int) -> list[Content]:
        indent = LABEL_WIDTH + 1
        beside = width - indent >= MIN_VALUE_WIDTH
        lines: list[Content] = []
        for label, value in self._rows:
            if not beside:
                lines += [*label.wrap(width), *value.wrap(width)]
                continue
            first, *rest = value.wrap(width - indent) or [Content()]
            lines.append(label.pad_right(indent - label.cell_length) + first)
            lines += [line.pad_left(indent) for line in rest]
        return lines
