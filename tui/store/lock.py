"""An exclusive lock on a sidecar file, held around read-modify-write.

Two filmtui processes on one library each re-read the file, change it and
write it back while holding this lock, so neither overwrites the other's
change. `flock` locks belong to an open file, so the lock lives in its own
`*.lock` file, never in a data file that `os.replace` swaps away.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, one writer assumed
    fcntl = None  # type: ignore[assignment]

_POLL = 0.005


class LockError(OSError):
    """The lock could not be taken: the message says why, for the user."""


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float = 0.0) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing) for the `with` block.

    Tries for `timeout` seconds (once, by default), then raises `LockError`:
    a writer never waits long for another filmtui.
    """
    fd = _open(path)
    try:
        if fcntl is not None:
            _acquire(fd, path, timeout)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        # A lock file someone else created, in a folder we may not write: a
        # read-only descriptor can still hold an flock.
        with contextlib.suppress(OSError):
            return os.open(path, os.O_RDONLY)
        raise LockError(f"cannot create the lock file {path}: {_reason(error)}") from error


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _acquire(fd: int, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockError(f"another filmtui holds {path}; try again in a moment") from None
            time.sleep(_POLL)
