"""`filmtui serve` as a real server on a free loopback port: only its own page gets in.

The client is aiohttp's (textual-serve is built on aiohttp), which sends the
`Origin` and `Host` headers a hostile page or a DNS-rebinding site would.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("textual_serve")
import aiohttp

from tui.cli.serve import warns_of_other_machines


@dataclass(frozen=True)
class Served:
    port: int
    token: str
    stderr: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def filmtui(*args: str, home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=home,
    )


@pytest.fixture
def served(catalog_path: Path, tmp_path: Path) -> Iterator[Served]:
    server = filmtui("--db", str(catalog_path), "serve", "--port", "0", home=tmp_path)
    assert server.stderr is not None
    try:
        line = server.stderr.readline()  # the first line says where, or why not
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", line)
        assert found, line
        yield Served(int(found[1]), found[2], line)
    finally:
        server.terminate()
        server.wait(timeout=10)


async def status_of(url: str, **headers: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as reply:
        return reply.status, await reply.text()


async def handshake(url: str, origin: str | None) -> int | str:
    """The refusal status of a WebSocket handshake, or the first frame's kind."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(
                url, origin=origin, timeout=aiohttp.ClientWSTimeout(ws_receive=30)
            ) as ws:
                message = await ws.receive(timeout=30)
                return message.type.name
        except aiohttp.WSServerHandshakeError as error:
            return error.status


def test_port_0_prints_the_real_port_and_the_address_with_a_token(served: Served) -> None:
    assert served.port != 0
    assert len(served.token) >= 40  # 32 random bytes
    assert served.stderr.count("\n") == 1


async def test_the_page_needs_the_token(served: Served) -> None:
    assert (await status_of(f"{served.base}/"))[0] == 403
    assert (await status_of(f"{served.base}/?token=guess"))[0] == 403
    status, page = await status_of(f"{served.base}/?token={served.token}")
    assert status == 200
    assert f"ws://127.0.0.1:{served.port}/ws/{served.token}" in page


async def test_the_page_s_own_websocket_gets_the_app(served: Served) -> None:
    url = f"ws://127.0.0.1:{served.port}/ws/{served.token}"
    assert await handshake(url, origin=served.base) in ("BINARY", "TEXT")


async def test_a_websocket_from_another_site_is_refused_even_with_the_token(
    served: Served,
) -> None:
    url = f"ws://127.0.0.1:{served.port}/ws/{served.token}"
    assert await handshake(url, origin="http://evil.example") == 403
    assert await handshake(url, origin=f"http://127.0.0.1:{served.port + 1}") == 403


async def test_a_websocket_without_the_token_is_refused(served: Served) -> None:
    base = f"ws://127.0.0.1:{served.port}"
    assert await handshake(f"{base}/ws/guess", origin=served.base) == 403
    assert await handshake(f"{base}/ws", origin=served.base) == 404


async def test_a_site_rebinding_its_name_to_loopback_is_refused(served: Served) -> None:
    evil_host = f"evil.example:{served.port}"
    status, _ = await status_of(f"{served.base}/?token={served.token}", Host=evil_host)
    assert status == 403


async def test_static_files_are_served_but_their_folder_is_not_listed(served: Served) -> None:
    assert (await status_of(f"{served.base}/static/js/textual.js"))[0] == 200
    for folder in ("/static/", "/static/js/", "/static"):
        status, text = await status_of(f"{served.base}{folder}")
        assert status in (403, 404)
        assert "textual.js" not in text


@pytest.mark.parametrize(
    ("port", "says"),
    [("99999", "not a port"), ("-1", "not a port"), ("taken", "another program uses")],
)
def test_a_bad_port_is_one_line_and_status_2(
    catalog_path: Path, tmp_path: Path, port: str, says: str
) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        number = str(holder.getsockname()[1]) if port == "taken" else port
        server = filmtui("--db", str(catalog_path), "serve", "--port", number, home=tmp_path)
        _, stderr = server.communicate(timeout=30)
    assert server.returncode == 2
    assert says in stderr
    assert len(stderr.splitlines()) == 1, stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may listen on any port")
def test_a_privileged_port_is_one_line_and_status_2(catalog_path: Path, tmp_path: Path) -> None:
    server = filmtui("--db", str(catalog_path), "serve", "--port", "80", home=tmp_path)
    _, stderr = server.communicate(timeout=30)
    assert server.returncode == 2
    assert "below 1024" in stderr
    assert len(stderr.splitlines()) == 1


def test_a_damaged_catalog_is_reported_before_serving(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    started = time.monotonic()
    server = filmtui("--db", str(bad), "serve", "--port", "0", home=tmp_path)
    _, stderr = server.communicate(timeout=30)
    assert server.returncode == 2
    assert str(bad) in stderr
    assert "serving" not in stderr
    assert len(stderr.splitlines()) == 1
    assert time.monotonic() - started < 30


@pytest.mark.parametrize(
    ("address", "warns"),
    [
        ("127.0.0.1", False),
        ("127.0.0.2", False),
        ("::1", False),
        ("0.0.0.0", True),
        ("::", True),
        ("192.168.1.5", True),
    ],
)
def test_any_address_but_loopback_is_warned_of(address: str, warns: bool) -> None:
    assert warns_of_other_machines(address) is warns
