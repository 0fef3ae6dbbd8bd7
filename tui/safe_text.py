"""Making catalog text safe to show in a terminal.

Textual passes ESC, C1 and other control characters through to the terminal,
where `\\x1b]0;…` would set the window title and `\\x1b[2J` clear the screen.
The text stored in the catalog stays as the user wrote it; only what is
displayed goes through `clean` (the app: the characters are left out) or
`visible` (the command line on a terminal: they are shown as `\\u001b`).

Unsafe: C0 controls but newline and tab, DEL, C1, the bidi embeddings,
overrides and isolates, the bidi marks (LRM, RLM, ALM), which reorder what
follows them as much, and the line and paragraph separators U+2028/U+2029,
which some terminals take for line breaks.
"""

from __future__ import annotations

import re

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{_CONTROLS}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A CR before a LF (a CSV row's end, RFC 4180) is a line end, not a control.
_SHOWN = re.compile(f"(?!\r\n)[{_CONTROLS}\ud800-\udfff]")


def clean(text: str) -> str:
    """`text` without the unsafe characters (see the module); newline and tab stay.

    A lone surrogate (valid in JSON as `"\\ud800"`, but not encodable as
    UTF-8, so it would crash the terminal output) shows as U+FFFD.
    """
    return _SURROGATE.sub("\ufffd", _UNSAFE.sub("", text))


def clean_line(text: str) -> str:
    """`clean`, with line breaks and tabs made spaces, for one-line places."""
    return clean(text).replace("\n", " ").replace("\t", " ")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def visible(text: str) -> str:
    """`text` with each unsafe character and lone surrogate written as `\\uXXXX`.

    Nothing is lost to the eye, and JSON stays JSON: `\\u001b` in a JSON
    string is the escape of the very character it replaces.
    """
    return _SHOWN.sub(_escape, text)


def visible_line(text: str) -> str:
    """`visible`, with line breaks and tabs made spaces, for one-line places."""
    return visible(text).replace("\n", " ").replace("\t", " ")


def escape_surrogates(text: str) -> str:
    """`text` with each lone surrogate written as `\\udXXX`, so it can be UTF-8.

    Everything else is left exactly as it is: this is for files and pipes.
    """
    return _SURROGATE.sub(_escape, text)
