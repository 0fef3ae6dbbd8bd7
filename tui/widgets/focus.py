"""Moving the focus at once, for keys that hand over from one widget to another."""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget


def focus_now(screen: Screen[object], selector: str) -> Widget | None:
    """Focus the first focusable widget matching `selector` now; the widget, or None.

    `Widget.focus` waits for the next refresh, so the keys that follow in the
    same burst (`↓` then `f`) would still reach the widget being left.
    """
    for widget in screen.query(selector):
        if widget.focusable:
            screen.set_focus(widget)
            return widget
    return None
