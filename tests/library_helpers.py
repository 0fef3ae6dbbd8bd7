"""Small reads of a library the store tests share, and a bundled catalog of theirs."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tui.model.film import Film
from tui.store import bundled_sync, opening
from tui.store.library import Library


def bundle(monkeypatch: pytest.MonkeyPatch, catalog: dict[str, Any]) -> None:
    """Make `catalog` the bundled one: what a new library is seeded from, and what
    the user's library is brought up to."""
    for module in (opening, bundled_sync):
        monkeypatch.setattr(module, "bundled_catalog_bytes", lambda: json.dumps(catalog).encode())


def film_in(library: Library, film_id: str) -> Film | None:
    """The library's film of `film_id`, or None: what the list would show."""
    return next((film for film in library.films if film.id == film_id), None)
