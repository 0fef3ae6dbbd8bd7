"""textual-serve's `Server`, with its door locked the way Jupyter locks its own.

textual-serve (1.1) lets any web page the user visits open its WebSocket,
which runs the app with the user's library, and lists `/static/`. Here:

- the page and the WebSocket need the random token of this run: the page as
  `/?token=…` (the address `filmtui serve` prints), the WebSocket in its path
  (`/ws/<token>`; textual.js appends `?width=…` to the address it is given);
- a WebSocket whose `Origin` is not the page's own is refused (browsers always
  send one; a client without it is not a web page, as Jupyter reasons);
- served on a loopback address, a request must name a loopback host in its
  `Host` header, so a site that rebinds its DNS name to 127.0.0.1 gets nowhere;
- `/static/` serves files, never a listing of its folder.

This module imports aiohttp and textual-serve: only `filmtui serve` loads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import signal
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int
from yarl import URL

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
REFUSED = "filmtui: this address needs the token: open the one `filmtui serve` printed."

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class GuardedServer(Server):
    """Serve `command` on the already bound `sock`, to holders of `token` only."""

    def __init__(
        self, command: str, *, sock: socket.socket, token: str, loopback: bool, title: str
    ) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(command, host=host, port=port, title=title)
        self.sock = sock
        self.token = token
        self.loopback = loopback

    def _has_token(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token.encode())

    def _host_allowed(self, url: URL) -> bool:
        return not self.loopback or (url.host in LOOPBACK_NAMES and url.port == self.port)

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self._host_allowed(request.url):
            raise web.HTTPForbidden(text="filmtui: this server answers on its loopback name only.")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self._has_token(request.query.get("token", "")):
            raise web.HTTPForbidden(text=REFUSED)
        # The page's own address, as the browser reached it (not the bound one,
        # which for 0.0.0.0 no other machine could use).
        own = request.url.origin()
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": str(own.with_scheme("ws") / "ws" / self.token),
            "config": {"static": {"url": str(own / "static") + "/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Referrer-Policy"] = "no-referrer"  # the token stays here
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self._has_token(request.match_info["token"]):
            raise web.HTTPForbidden(text=REFUSED)
        origin = request.headers.get("Origin")
        if origin is not None and URL(origin) != request.url.origin():
            raise web.HTTPForbidden(text="filmtui: a page of another site may not connect.")
        return await super().handle_websocket(request)

    def serve(self, debug: bool = False) -> None:
        """As `Server.serve`, on the socket bound before (so `--port 0` is known)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows
                loop.add_signal_handler(signal_number, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=self.sock,
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
        )
