"""Waiting in a test for something the app does in its own time (a thread, a load)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.pilot import Pilot


async def wait_until(
    condition: Callable[[], object],
    what: str,
    timeout: float = 5.0,
    pilot: Pilot[None] | None = None,
) -> None:
    """Return once `condition()` is true; fail, naming `what`, after `timeout` seconds.

    With a `pilot`, each wait also lets the screen catch up (`Pilot.pause`).
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        if pilot is None:
            await asyncio.sleep(0.01)
        else:
            await pilot.pause(0.02)
