"""Keeping the garbage collector out of the building of big structures.

Plain Python; knows nothing of Textual.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

FREEZE_ABOVE = 100_000  # new objects after which they are frozen (see `gc_paused`)


_lock = threading.Lock()
_pauses = 0  # of the pauses under way, in every thread
_on_after = False  # whether the collector is turned on when the last of them ends
_start = False  # whether the pause of `pause_until_resumed` is one of them


def _begin() -> None:
    """A pause begins (call it holding `_lock`)."""
    global _pauses, _on_after
    if not _pauses:
        _on_after = gc.isenabled()
    _pauses += 1
    gc.disable()


def _end() -> None:
    """A pause ends (call it holding `_lock`): the collector is on again after the last
    one, if it was on when the first began."""
    global _pauses
    _pauses -= 1
    if not _pauses and _on_after:
        gc.enable()


@contextlib.contextmanager
def gc_paused(keeps: int | None = None) -> Iterator[None]:
    """Keep the garbage collector out of work that makes millions of objects.

    Every so many new objects the collector walks them all, holding the GIL,
    which slows the work and freezes the other threads. Inside, it is off.
    At the end of work that leaves `FREEZE_ABOVE` things or more behind,
    `gc.freeze()` moves every object alive out of the collector's reach for
    good (the films and their index live as long as the program): else a
    full collection would walk them again and again, and the lists of a
    million films make such a walk last a third of a second. `keeps` says
    how many things the work keeps (the entries of its lists count, not
    only the lists); without it, the new objects are counted. Small jobs
    freeze nothing: their objects are not worth it, and pending garbage
    would be frozen too. The collector is on again once the last pause
    under way (in any thread, `pause_until_resumed`'s too) has ended.
    """
    with _lock:
        _begin()
    before = gc.get_count()[0]
    try:
        yield
        kept = gc.get_count()[0] - before if keeps is None else keeps
        if kept >= FREEZE_ABOVE:
            gc.freeze()
    finally:
        with _lock:
            _end()


def pause_until_resumed() -> None:
    """Pause the collector until `resume_collector` (`filmtui`'s start, until its
    first frame: it makes some hundred thousand objects that live as long as the
    app, and little garbage)."""
    global _start
    with _lock:
        if not _start:
            _start = True
            _begin()


def resume_collector() -> None:
    """End the pause of `pause_until_resumed`, if it is under way: what was made
    meanwhile is kept out of the collector's reach for good, and the collector
    is on again once no other pause is under way (a thread reading a catalog
    must not have it walk a million films meanwhile)."""
    global _start
    with _lock:
        if _start:
            _start = False
            gc.freeze()
            _end()
