"""The `filmtui` command: parse arguments, open the library, run the app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.display import clean_line
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
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start without the remembered search, film, view and theme",
    )
    parser.add_argument("--version", action="version", version=f"filmtui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve = commands.add_parser(
        "serve",
        help="serve the app in a web browser (needs the extra: pip install 'filmtui[web]')",
        description="Serve filmtui in a web browser on this machine.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        from tui.serve import serve

        return serve(args.db, args.host, args.port)
    from tui.app import make_app  # Textual is imported only when the app runs.

    try:
        app = make_app(args.db, fresh=args.fresh)
    except StoreError as error:
        # One line, whatever the path holds: no newline or escape reaches the terminal.
        print(f"filmtui: {clean_line(str(error))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    app.run()
    return EXIT_OK
