"""Bringing the user's copy of the bundled catalog up to the installed version.

Plain Python over TinyDB; knows nothing of Textual.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tui.store.atomic_json import DamagedStoreError, is_blank, parse, write_atomically
from tui.store.locations import backup_path, bundled_catalog_bytes
from tui.store.tinydb_file import file_of, open_tinydb
from tui.store.user_file import FILMS_TABLE, ids_in, table

BUNDLED_TABLE = "bundled"  # in the user's library: the bundled films as last synced


def sync_bundled(path: Path) -> None:
    """Bring the user's copy of the bundled catalog up to the installed version.

    A film new in the bundled catalog is added. A bundled film is updated
    only when the library still holds it exactly as filmtui last put it
    there (table `bundled` keeps a digest of each): a film the user edited
    in the file, or took out of it, is left as the user made it. A library
    that cannot be read or written, or that is blank (damage, if its backup
    is not: opening reports it), is left alone.
    """
    try:
        bundled = parse(bundled_catalog_bytes(), [FILMS_TABLE]).get(FILMS_TABLE, {})
        db = open_tinydb(path, [FILMS_TABLE, BUNDLED_TABLE])
        db.storage.read()
    except (DamagedStoreError, OSError):
        return
    raw = file_of(db).raw
    if raw is None or is_blank(raw):
        return
    films, synced = table(db, FILMS_TABLE), table(db, BUNDLED_TABLE)
    current: dict[str, list[dict[str, Any]]] = {}
    for document in films:
        if isinstance(document.get("id"), str):
            current.setdefault(document["id"], []).append(dict(document))
    digests = {d["id"]: d.get("digest") for d in synced if isinstance(d.get("id"), str)}
    added, updated, seen = [], [], {}
    for document in bundled.values():
        if not isinstance(document, dict) or not isinstance(document.get("id"), str):
            continue
        film_id, digest = document["id"], _digest(document)
        held = current.get(film_id)
        if film_id not in digests:  # never synced: new, or a library older than the digests
            if held is None:
                added.append(document)
            seen[film_id] = digest
        elif held is not None and len(held) == 1 and _digest(held[0]) == digests[film_id]:
            if digest != digests[film_id]:
                updated.append(document)
            seen[film_id] = digest
    if not added and not updated and all(digests.get(i) == d for i, d in seen.items()):
        return
    films.remove(ids_in({document["id"] for document in updated}))
    films.insert_multiple([*added, *updated])
    synced.truncate()
    synced.insert_multiple({"id": i, "digest": d} for i, d in {**digests, **seen}.items())
    with contextlib.suppress(OSError):  # no backup, no rewrite
        write_atomically(backup_path(path), raw)
        db.close()


def _digest(document: Mapping[str, Any]) -> str:
    """A short digest of a document's fields, whatever their order."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
