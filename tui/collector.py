"""Keeping the garbage collector out of the building of big structures.

Plain Python; knows nothing of Textual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

FREEZE_ABOVE = 100_000  # new objects after which they are frozen (see `collector_paused`)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the garbage collector out of work that makes millions of objects.

    Every so many new objects the collector walks them all, holding the GIL,
    which slows the work and freezes the other threads. Inside, it is off.
    On a normal exit after `FREEZE_ABOVE` new objects or more, `gc.freeze()`
    moves every object alive out of the collector's reach for good (the
    films and their index live as long as the program); it is not done for small jobs,
    whose objects are not worth it and would keep pending garbage frozen
    too. The collector is then on again if it was on before: a nested use
    leaves that to the outermost.
    """
    enabled = gc.isenabled()
    before = gc.get_count()[0]
    gc.disable()
    try:
        yield
        if enabled and gc.get_count()[0] - before >= FREEZE_ABOVE:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()
