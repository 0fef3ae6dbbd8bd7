"""The `filmtui` command: parse arguments, open the library, run the app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.safe_text import clean_line
from tui.search.orders import Sort
from tui.store.locations import default_library_path
from tui.store.opening import StoreError
from tui.transfer.export import FORMATS

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="filmtui",
        description="Browse a film collection in the terminal: search, read, mark favourites.",
        epilog=(
            f"Your library: {default_library_path()} (created from the bundled catalog "
            "on first run). Exit status: 0 ok, 1 nothing matched (list), "
            "2 bad input (an unreadable catalog or import file, a wrong option)."
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

    listing = commands.add_parser(
        "list",
        help="print the films the app would show (exit 1 when none match)",
        description="Print the films the app would show for a query. Exit status 1: none match.",
    )
    listing.add_argument("--query", "-q", default="", help="the search, as typed in the app")
    listing.add_argument("--favourites", action="store_true", help="only favourites")
    listing.add_argument(
        "--sort",
        choices=("relevance", "title", "year"),
        default="relevance",
        help="relevance (best match first; by title without a query), title or year",
    )
    listing.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (plain tab-separated lines when piped), json or csv",
    )

    export = commands.add_parser(
        "export",
        help="write the library (films and your fields) as json, csv or md",
        description="Write the library, with favourites, ratings, watched and notes.",
    )
    export.add_argument("--favourites", action="store_true", help="only favourites")
    export.add_argument("--format", choices=FORMATS, default="json")
    export.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE, not stdout"
    )

    importing = commands.add_parser(
        "import",
        help="merge films from a JSON list, a CSV file or a TinyDB catalog",
        description=(
            "Merge films into the library: by id, else by title and year. Reports what was "
            "added, updated and skipped (with why). A malformed file changes nothing (exit 2)."
        ),
    )
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument("--dry-run", action="store_true", help="report only; change nothing")
    for sub in (serve, listing, export, importing):
        sub.add_argument(
            "--db",
            metavar="PATH",
            type=Path,
            default=argparse.SUPPRESS,
            help="the catalog to use (as before the command)",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        from tui.cli.serve import serve

        return serve(args.db, args.host, args.port)
    if args.command in ("list", "export", "import"):
        return _run_script_command(args)
    from tui.app import make_app  # Textual is imported only when the app runs.

    try:
        app = make_app(args.db, fresh=args.fresh)
    except StoreError as error:
        # One line, whatever the path holds: no newline or escape reaches the terminal.
        print(f"filmtui: {clean_line(str(error))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    app.run()
    return app.return_code or EXIT_OK  # 2 if a big catalog failed to load in the app


def _run_script_command(args: argparse.Namespace) -> int:
    from tui.cli import data_commands
    from tui.store.opening import open_library

    try:
        library = open_library(args.db)
    except StoreError as error:
        print(f"filmtui: {clean_line(str(error))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for notice in library.notices:
        print(f"filmtui: {clean_line(notice)}", file=sys.stderr)
    if args.command == "list":
        return data_commands.run_list(
            library, args.query, args.favourites, args.format, sort=Sort(args.sort)
        )
    if args.command == "export":
        return data_commands.run_export(library, args.favourites, args.format, args.output)
    return data_commands.run_import(library, args.file, args.dry_run)
