"""Throwing away the kept indexes no catalog will read again. Knows nothing of Textual.

A kept index is named after its catalog's path (`tui.store.locations.kept_index_path`),
so one of a catalog that was moved, renamed or deleted stays in the cache for
ever, and a million films' index is some 400 MB. When an index is kept, the
others in its folder are looked at: one whose catalog no longer exists, or
that is not a kept index at all (damaged, foreign), is deleted. Only a file's
header is read.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from tui.search.kept_file import KeptFileError, read_header


def catalog_of(path: Path) -> str | None:
    """The catalog whose kept index `path` is, as its header says; None if it has none."""
    try:
        with path.open("rb") as file:
            catalog = read_header(file)[0]["key"]["catalog"]
    except (OSError, KeptFileError, KeyError, TypeError):
        return None
    return catalog if isinstance(catalog, str) else None


def sweep_kept(kept: Path) -> list[Path]:
    """Delete the kept indexes beside `kept` (which stays) whose catalog is gone, or
    that are not kept indexes; the paths deleted."""
    gone: list[Path] = []
    for other in kept.parent.glob("*.index"):
        if other == kept:
            continue
        catalog = catalog_of(other)
        if catalog is None or not Path(catalog).exists():
            with contextlib.suppress(OSError):
                other.unlink()
                gone.append(other)
    return gone
