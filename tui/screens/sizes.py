"""The breakpoint classes of a screen of the app's size, for its first frame.

Textual sets a screen's breakpoint classes (`-narrow`, `-medium`, `-wide`,
`-short`, `-tall`: see `FilmApp`) when the screen gets its first `Resize`,
which may come after the first frame: that frame is laid out for no size,
and the panes jump half a second later. A screen sets them itself on mount.
"""

from __future__ import annotations

from textual.app import App


def breakpoint_classes(app: App[object]) -> dict[str, bool]:
    """Each breakpoint class of `app`, and whether a screen of its size has it."""
    width, height = app.size
    classes: dict[str, bool] = {}
    for breakpoints, extent in (
        (app.HORIZONTAL_BREAKPOINTS or [], width),
        (app.VERTICAL_BREAKPOINTS or [], height),
    ):
        reached = [name for edge, name in breakpoints if extent >= edge]
        classes.update({name: name == reached[-1] if reached else False for _, name in breakpoints})
    return classes
