"""Whether posters are drawn with a terminal's own graphics (Kitty's or Sixel).

Half blocks work everywhere; pixel graphics only in some terminals, and
`textual-image`, which draws them, asks the terminal what it supports with
escape sequences when it is imported (waiting up to 0.1 s for each answer,
before Textual takes the terminal). So it is imported only when the
environment says the terminal draws graphics, or `FILMTUI_GRAPHICS` asks for
them: never under `filmtui serve` (Textual's web driver), never when standard
output is not a terminal, and not inside tmux or screen unless asked. This
module is plain Python; it imports `textual-image` only in `start`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import Literal

VARIABLE = "FILMTUI_GRAPHICS"
"""`kitty` or `sixel`: use that protocol; `off`: half blocks; unset or `auto`: ask."""

Protocol = Literal["kitty", "sixel"]
Wanted = Literal["kitty", "sixel", "ask"]
"""A protocol to use as told, or `ask`: the terminal, when textual-image is imported."""

_KITTY_TERMS = ("xterm-kitty", "xterm-ghostty")
_KITTY_PROGRAMS = ("ghostty",)
_SIXEL_PROGRAMS = ("WezTerm", "iTerm.app")
_SIXEL_TERMS = ("foot", "mlterm", "wezterm")

_started: Protocol | None = None


def wanted(environ: Mapping[str, str], *, terminal: bool) -> Wanted | None:
    """What graphics to try for this environment, or None for half blocks.

    `terminal`: standard output is a terminal (not a pipe, a file or a browser).
    """
    if not terminal or environ.get("TEXTUAL_DRIVER"):  # `filmtui serve`: the web driver
        return None
    told = environ.get(VARIABLE, "").strip().lower()
    if told in ("kitty", "sixel"):
        return told  # type: ignore[return-value]
    if told not in ("", "auto"):  # off, none, 0, or a word filmtui does not know
        return None
    if environ.get("TMUX") or environ.get("STY"):  # the outer terminal's variables leak in
        return None
    term = environ.get("TERM", "")
    program = environ.get("TERM_PROGRAM", "")
    if (
        term in _KITTY_TERMS
        or environ.get("KITTY_WINDOW_ID")
        or program in _KITTY_PROGRAMS
        or program in _SIXEL_PROGRAMS
        or any(name in term for name in _SIXEL_TERMS)
    ):
        return "ask"
    return None


def start(environ: Mapping[str, str] | None = None) -> Protocol | None:
    """Before the app runs: import textual-image if this terminal is worth asking.

    Returns (and remembers, for `protocol`) the protocol posters are drawn
    with, or None: half blocks, as without the `images` extra.
    """
    global _started
    stdout = sys.__stdout__
    want = wanted(
        os.environ if environ is None else environ,
        terminal=stdout is not None and stdout.isatty(),
    )
    _started = None if want is None else _ask(want)
    return _started


def protocol() -> Protocol | None:
    """The protocol `start` chose, or None (half blocks)."""
    return _started


def _ask(want: Wanted) -> Protocol | None:
    # A terminal that does not answer is no news: textual-image would print its
    # warning, with a traceback, on the terminal (no logging is set up).
    logging.getLogger("textual_image").addHandler(logging.NullHandler())
    try:
        import textual_image.widget  # noqa: F401  (asks the terminal: before Textual runs)
        from textual_image.renderable import Image, SixelImage, TGPImage
    except Exception:  # not installed, or a terminal that answers nonsense
        return None
    if want != "ask":
        return want
    if Image is SixelImage:
        return "sixel"
    if Image is TGPImage:
        return "kitty"
    return None  # the terminal said neither: half blocks, ours
