"""`filmtui serve`: the same app in a web browser, via textual-serve (extra `web`).

Before anything is served, the catalog is opened (a damaged one is reported,
status 2) and the port bound (a bad, taken or privileged one is one line,
status 2). Only the address printed, with its random token, opens the app:
see `tui.cli.guarded_server` for the locks on the door.
"""

from __future__ import annotations

import errno
import ipaddress
import secrets
import shlex
import socket
import sys
from pathlib import Path

from tui.cli.status import say

INSTALL_HINT = "filmtui serve needs the web extra: pip install 'filmtui[web]'"
HIGHEST_PORT = 65535


def app_command(db: Path | None) -> str:
    """The shell command textual-serve runs for each browser session."""
    command = [sys.executable, "-m", "tui"]
    if db is not None:
        command += ["--db", str(db.expanduser().resolve())]
    return shlex.join(command)


class ServeError(Exception):
    """Why filmtui cannot serve, in words for the user."""


def bind(host: str, port: int) -> socket.socket:
    """A socket listening on `host:port`; `ServeError` saying why not."""
    if not 0 <= port <= HIGHEST_PORT:
        raise ServeError(
            f"--port {port} is not a port: use 1 to {HIGHEST_PORT}, or 0 for any free one"
        )
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise ServeError(f"cannot listen on {host!r}: not an address here ({error})") from None
    family, kind, proto, _, address = found[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        why = {
            errno.EADDRINUSE: "another program uses that port; --port 0 picks a free one",
            errno.EACCES: "ports below 1024 need root; pick a higher one",
            errno.EADDRNOTAVAIL: "that address is not one of this machine's",
        }.get(error.errno or 0, error.strerror or str(error))
        raise ServeError(f"cannot listen on {host}:{port}: {why}") from None
    return sock


def warns_of_other_machines(address: str) -> bool:
    """Whether a server listening on `address` can be reached from elsewhere."""
    return not ipaddress.ip_address(address).is_loopback


def address_of(host: str, sock: socket.socket, token: str) -> str:
    """The address to open: the host as given, the port as bound, the token."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{sock.getsockname()[1]}/?token={token}"


def serve(db: Path | None, host: str, port: int) -> int:
    """Serve filmtui on http://host:port until interrupted; return an exit status."""
    try:
        from tui.cli.guarded_server import GuardedServer
    except ImportError:
        return say(INSTALL_HINT)
    from tui.store.opening import StoreError, open_library

    try:
        open_library(db)  # each browser session opens it again; say now what is wrong
        sock = bind(host, port)
    except (StoreError, ServeError) as error:
        return say(str(error))
    token = secrets.token_urlsafe(32)
    loopback = not warns_of_other_machines(sock.getsockname()[0])
    if not loopback:
        print(
            f"filmtui: WARNING: {host} is reachable from other machines. Anyone who sees the "
            "address below can read and change your library, and the connection is not "
            "encrypted. Serve on 127.0.0.1 unless you mean it.",
            file=sys.stderr,
        )
    print(
        f"filmtui: serving on {address_of(host, sock, token)} (open it; ctrl+c to stop)",
        file=sys.stderr,
        flush=True,
    )
    GuardedServer(
        app_command(db), sock=sock, token=token, loopback=loopback, title="filmtui"
    ).serve()
    return 0
