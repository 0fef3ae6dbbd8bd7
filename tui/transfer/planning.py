"""Planning an import: what to add, what to update, what to skip and why.

Nothing here writes to the library: the store applies a plan. The plan takes
time linear in the films and records: every lookup is by a dict or set, and
a record that meets one planned earlier in the same file is found by its id.
Plain Python; knows nothing of TinyDB or Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tui.gc_paused import gc_paused
from tui.model.film import Film, slugify
from tui.model.marks import UserMarks
from tui.model.unique_ids import UniqueIds
from tui.search.folding import fold
from tui.transfer.export import Entry
from tui.transfer.reading import Incoming, Skipped


@dataclass
class ImportPlan:
    """What an import will do: films to add, films to update, records skipped."""

    added: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


TitleKey = tuple[str, int | None]


def _title_key(film: Film) -> TitleKey:
    return (fold(film.title).strip(), film.year)


def plan_import(
    existing: Sequence[Film],
    personal: Mapping[str, UserMarks],
    incoming: Iterable[Incoming],
    skipped: Iterable[Skipped] = (),
) -> ImportPlan:
    """Merge by `id`, else by title + year; unchanged films are skipped."""
    with gc_paused():
        return _plan(existing, personal, incoming, skipped)


def _plan(
    existing: Sequence[Film],
    personal: Mapping[str, UserMarks],
    incoming: Iterable[Incoming],
    skipped: Iterable[Skipped],
) -> ImportPlan:
    skips = list(skipped)
    by_id: dict[str, Film] = {film.id: film for film in existing}
    by_title: dict[TitleKey, Film] = {_title_key(film): film for film in existing}
    ids = UniqueIds(by_id)
    added: dict[str, Entry] = {}  # by film id, in the order first added
    updated: dict[str, Entry] = {}  # by film id, in the order last updated
    for item in incoming:
        match = by_id.get(item.film.id) if item.film.id else None
        if match is None:
            match = by_title.get(_title_key(item.film))
        if match is None:
            film_id = item.film.id or ids.claim(slugify(item.film.title, item.film.year))
            ids.taken.add(film_id)
            film = replace(item.film, id=film_id)
            entry = Entry(film, item.personal or UserMarks())
            added[film.id] = entry
        else:
            film = replace(item.film, id=match.id)
            current = (
                added.get(match.id)
                or updated.get(match.id)
                or Entry(match, personal.get(match.id, UserMarks()))
            )
            new_personal = item.personal if item.personal is not None else current.personal
            if film == current.film and new_personal == current.personal:
                skips.append(Skipped(item.label, f"unchanged ({match.id})"))
                continue
            entry = Entry(film, new_personal)
            if match.id in added:
                added[match.id] = entry
            else:
                updated.pop(match.id, None)
                updated[match.id] = entry
        by_id[film.id] = film
        by_title[_title_key(film)] = film
    return ImportPlan(list(added.values()), list(updated.values()), skips)
