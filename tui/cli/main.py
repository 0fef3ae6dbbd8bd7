"""The `filmtui` command: parse arguments, open the library, run the app."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.cli.status import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, say
from tui.gc_paused import pause_until_resumed, resume_collector
from tui.store.locations import default_library_path
from tui.transfer.export import FORMATS

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "build_parser", "main"]


class _SortNames:
    """The choices of `list --sort`, the names of `tui.search.orders.Sort`, found
    only when asked for (`--help`, `list --sort`): an import does without the
    search modules."""

    def __iter__(self) -> Iterator[str]:
        from tui.search.orders import Sort

        return iter([sort.value for sort in Sort])

    def __contains__(self, name: object) -> bool:
        return name in list(self)


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
        description=(
            "Serve filmtui in a web browser on this machine. Open the address it prints: "
            "its random token is the key, and pages of other sites are refused."
        ),
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: %(default)s; any other is warned of)",
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="port (default: %(default)s; 0: any free one)"
    )

    listing = commands.add_parser(
        "list",
        help="print the films the app would show (exit 1 when none match)",
        description="Print the films the app would show for a query. Exit status 1: none match.",
    )
    listing.add_argument("--query", "-q", default="", help="the search, as typed in the app")
    listing.add_argument("--favourites", action="store_true", help="only favourites")
    sort = listing.add_argument(
        "--sort",
        default="relevance",
        help="relevance (best match first; by title without a query), title, year, "
        "rating (highest first), runtime (shortest first) or last-watched (latest first)",
    )
    sort.choices = _SortNames()  # (given to add_argument, they would be read at once)
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
        help="merge films from Letterboxd, IMDb, any CSV or JSON, or a TinyDB catalog",
        description=(
            "Merge films into the library: a Letterboxd export (.zip, its folder or a CSV), an "
            "IMDb ratings, watchlist or list export, any CSV with a header, a JSON list of films "
            "or a TinyDB catalog. Films are matched by id, then IMDb id, then title and year; "
            "empty cells never blank a value. Reports what was added, updated, unchanged and "
            "skipped (with why). A file that cannot be read changes nothing (exit 2)."
        ),
    )
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing at all"
    )
    importing.add_argument(
        "--map",
        metavar="COLUMN=FIELD",
        action="append",
        default=[],
        help="read COLUMN as FIELD (COLUMN= ignores it); may be given again",
    )
    importing.add_argument(
        "--verbose", action="store_true", help="list every film and line, not the first few"
    )
    statistics = commands.add_parser(
        "stats",
        help="print the figures of the statistics screen (text, or json for scripts)",
        description="Print films per decade, top genres and directors, ratings, viewings "
        "per year and month and the time spent watching, of the films a query finds "
        "(the whole library without one).",
    )
    statistics.add_argument("--query", "-q", default="", help="the search, as typed in the app")
    statistics.add_argument("--favourites", action="store_true", help="only favourites")
    statistics.add_argument("--format", choices=("text", "json"), default="text")
    statistics.add_argument(
        "--top", type=int, default=10, metavar="N", help="name N genres and directors (10)"
    )
    for sub in (serve, listing, export, importing, statistics):
        sub.add_argument(
            "--db",
            metavar="PATH",
            type=Path,
            default=argparse.SUPPRESS,
            help="the catalog to use (as before the command)",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit status.

    Whatever goes wrong is said in one line on standard error, never a
    traceback. A reader that stops early (`filmtui list | head -1`) is no
    error: as Python's documentation advises for SIGPIPE, the rest of the
    output goes to devnull and the command ends quietly, with status 0.
    """
    try:
        status = _run(build_parser().parse_args(argv))
        sys.stdout.flush()  # a broken pipe shows here, not at interpreter exit
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("filmtui: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return status


def run() -> NoReturn:
    """The `filmtui` command: `main`, then the process ends at once.

    A library of a million films is millions of objects: freeing them one by one
    at the interpreter's exit kept the terminal waiting for seconds after the app
    had quit. Everything the app writes is written (and synced) before it says
    so, and its background threads are daemons that quitting never waits for, so
    once the output is flushed nothing is left to do.
    """
    status = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, a closed file
            stream.flush()
    os._exit(status)


def _run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        from tui.cli.serve import serve

        return serve(args.db, args.host, args.port)
    if args.command in ("list", "export", "import", "stats"):
        return _run_script_command(args)
    # The start makes some hundred thousand objects that live as long as the app,
    # and little garbage: the collector would walk them a hundred times before
    # the first frame. It is paused until then (the app resumes it), or until the
    # app is over if it never drew one.
    pause_until_resumed()
    try:
        return _run_app(args)
    finally:
        resume_collector()


def _run_app(args: argparse.Namespace) -> int:
    from tui.app import make_app  # Textual is imported only when the app runs.
    from tui.store.opening import StoreError

    try:
        app = make_app(args.db, fresh=args.fresh)
    except StoreError as error:
        return say(str(error))
    from tui import graphics

    graphics.start()  # textual-image asks the terminal before Textual takes it, if at all
    app.run()
    return app.return_code or EXIT_OK  # 2 if a big catalog failed to load in the app


def _run_script_command(args: argparse.Namespace) -> int:
    try:
        return _script_command(args)
    except BrokenPipeError:
        raise
    except OSError as error:  # a device, a folder or a disk where a file was meant
        where = f"{error.filename}: " if error.filename else ""
        return say(f"{where}{error.strerror or error}")
    except Exception as error:  # a bug: still one line, and it says so
        return say(f"unexpected {type(error).__name__}: {error} (a bug; please report it)")


def _script_command(args: argparse.Namespace) -> int:
    from tui.store.opening import StoreError, open_library

    try:
        library = open_library(args.db, create=not getattr(args, "dry_run", False))
    except StoreError as error:
        return say(str(error))
    for notice in library.notices:
        say(notice)
    if args.command in ("list", "export"):  # (it imports Rich's tables: not for an import)
        from tui.cli import data_commands
    if args.command == "list":
        from tui.search.orders import Sort

        # argparse (3.11) makes the value of `--query=--` an empty list, not "--".
        query = args.query if isinstance(args.query, str) else "--"
        return data_commands.run_list(
            library, query, args.favourites, args.format, sort=Sort(args.sort)
        )
    if args.command == "stats":
        from tui.cli.stats_command import run_stats

        query = args.query if isinstance(args.query, str) else "--"
        return run_stats(library, query, args.favourites, args.format, max(args.top, 0))
    if args.command == "export":
        return data_commands.run_export(library, args.favourites, args.format, args.output)
    from tui.cli import import_command
    from tui.transfer.columns import BadMapping, parse_mapping

    try:
        mapping = parse_mapping(args.map)
    except BadMapping as error:
        return say(str(error))
    return import_command.run_import(
        library, args.file, dry_run=args.dry_run, mapping=mapping, verbose=args.verbose
    )
