"""The `filmtui` command: parse arguments, open the library, run the app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.locations import default_library_path
from tui.store import StoreError

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="filmtui",
        description="Browse a film collection in the terminal: search, read, mark favourites.",
        epilog=(
            f"Your library: {default_library_path()} (created from the bundled catalog "
            "on first run). Exit status: 0 ok, 2 bad input (e.g. an unreadable catalog)."
        ),
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        help="use the TinyDB catalog at PATH (created from the bundled catalog if missing)",
    )
    parser.add_argument("--version", action="version", version=f"filmtui {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from tui.app import make_app  # Textual is imported only when the app runs.

    try:
        app = make_app(args.db)
    except StoreError as error:
        print(f"filmtui: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    app.run()
    return EXIT_OK
