"""Planning an import: what to add, what to update, what to skip and why.

Nothing here writes to the library: the store applies a plan. Every record
is accounted for: added, updated, or skipped with a reason, including a
record of a film that an earlier record of the same file already planned
(10,000 records of one title and year are 1 added and 9,999 skipped as
"same title and year as record 1", never merged silently). The plan takes
time linear in the films and records: every lookup is by a dict or a set.
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
    plan = ImportPlan(skipped=skips)
    planned_by: dict[str, str] = {}  # film id -> the label of the record that planned it
    for item in incoming:
        how = "id"
        match = by_id.get(item.film.id) if item.film.id else None
        if match is None:
            how = "title and year"
            match = by_title.get(_title_key(item.film))
        if match is not None and match.id in planned_by:
            # Never merged silently: the first record of a film in the file wins.
            skips.append(Skipped(item.label, f"same {how} as {planned_by[match.id]}"))
            continue
        if match is None:
            film_id = item.film.id or ids.claim(slugify(item.film.title, item.film.year))
            ids.taken.add(film_id)
            film = replace(item.film, id=film_id)
            plan.added.append(Entry(film, item.personal or UserMarks()))
        else:
            film = replace(item.film, id=match.id)
            current = personal.get(match.id, UserMarks())
            new_personal = item.personal if item.personal is not None else current
            if film == match and new_personal == current:
                skips.append(Skipped(item.label, f"unchanged ({match.id})"))
                continue
            plan.updated.append(Entry(film, new_personal))
        planned_by[film.id] = item.label
        by_id[film.id] = film
        by_title[_title_key(film)] = film
    return plan
