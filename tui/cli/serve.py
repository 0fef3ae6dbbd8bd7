"""`filmtui serve`: the same app in a web browser, via textual-serve (extra `web`)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

INSTALL_HINT = "filmtui serve needs the web extra: pip install 'filmtui[web]'"


def app_command(db: Path | None) -> str:
    """The shell command textual-serve runs for each browser session."""
    command = [sys.executable, "-m", "tui"]
    if db is not None:
        command += ["--db", str(db.expanduser().resolve())]
    return shlex.join(command)


def serve(db: Path | None, host: str, port: int) -> int:
    """Serve filmtui on http://host:port until interrupted; return an exit status."""
    try:
        from textual_serve.server import Server
    except ImportError:
        print(f"filmtui: {INSTALL_HINT}", file=sys.stderr)
        return 2
    print(f"Serving filmtui on http://{host}:{port} (ctrl+c to stop)", file=sys.stderr)
    Server(app_command(db), host=host, port=port, title="filmtui").serve()
    return 0
