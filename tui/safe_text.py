"""Making catalog text safe to show in a terminal.

Textual passes ESC, C1 and other control characters through to the terminal,
where `\\x1b]0;…` would set the window title and `\\x1b[2J` clear the screen.
The text stored in the catalog stays as the user wrote it; only what is
displayed goes through `clean`.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """`text` without C0/C1 controls (but newline and tab), DEL and bidi overrides.

    A lone surrogate (valid in JSON as `"\\ud800"`, but not encodable as
    UTF-8, so it would crash the terminal output) shows as U+FFFD.
    """
    return _SURROGATE.sub("\ufffd", _UNSAFE.sub("", text))


def clean_line(text: str) -> str:
    """`clean`, with line breaks and tabs made spaces, for one-line places."""
    return clean(text).replace("\n", " ").replace("\t", " ")
