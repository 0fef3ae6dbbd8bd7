"""Keeping the garbage collector out of the building of big structures.

Plain Python; knows nothing of Textual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

FREEZE_ABOVE = 100_000  # new objects after which they are frozen (see `gc_paused`)


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
    would be frozen too. The collector is then on again if it was on
    before: a nested use leaves that to the outermost.
    """
    enabled = gc.isenabled()
    before = gc.get_count()[0]
    gc.disable()
    try:
        yield
        kept = gc.get_count()[0] - before if keeps is None else keeps
        if kept >= FREEZE_ABOVE:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()
