"""Exit statuses of the `filmtui` command, and its one way of saying what went wrong."""

from __future__ import annotations

import sys

from tui.safe_text import clean_line

EXIT_OK = 0
EXIT_NO_MATCH = 1  # `list`: nothing matched
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as the shell reports it


def say(message: str) -> int:
    """`message` as one line on standard error; the bad-input exit status.

    No newline or escape sequence reaches the terminal, whatever a path, a
    title or an error holds.
    """
    print(f"filmtui: {clean_line(message)}", file=sys.stderr)
    return EXIT_BAD_INPUT
