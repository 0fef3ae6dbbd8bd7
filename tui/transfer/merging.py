"""Planning an import: what each record adds or changes in the library, field by field.

Nothing here writes: the store applies a plan. A record is matched to a film
of the library by its `id`, else its `imdb_id`, else its title and year; two
films of one title and year with different ids are two films. What a record
says replaces what the library has, field by field; what it leaves empty is
kept (an empty cell never blanks a value); watch dates and tags are added to
the film's. Records of one file that are one film are folded together (a
diary's rewatches). Time is linear in films and records.

Plain Python; knows nothing of TinyDB or Textual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from tui.gc_paused import gc_paused
from tui.model.film import LIST_FIELDS, PUBLIC_FIELDS, Film, film_from_document, slugify
from tui.model.marks import UserMarks
from tui.model.unique_ids import UniqueIds
from tui.search.folding import fold
from tui.transfer.columns import Record
from tui.transfer.progress import EVERY, Progress, unshown

TitleKey = tuple[str, int | None]
NOTHING = UserMarks()
SHOWN_CHANGES = 4  # field changes described per updated film
_LISTS = frozenset(LIST_FIELDS)
_PUBLIC = frozenset(PUBLIC_FIELDS)


@dataclass(frozen=True, slots=True)
class Change:
    """One field an update changes."""

    name: str
    before: Any
    after: Any


@dataclass(slots=True)
class Planned:
    """A film the import adds or updates, and the marks it sets (None: left as they are)."""

    label: str
    film: Film
    marks: UserMarks | None
    changes: list[Change] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    added: list[Planned] = field(default_factory=list)
    updated: list[Planned] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # labels
    folded: list[tuple[str, str]] = field(default_factory=list)  # (label, the earlier one's)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (label, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (label, warning)

    @property
    def entries(self) -> list[tuple[Film, UserMarks | None]]:
        """What the store writes: each film added or updated, with its marks."""
        return [(p.film, p.marks) for p in (*self.added, *self.updated)]

    def skip_reasons(self) -> Counter[str]:
        return Counter(reason for _, reason in self.skipped)


def plan_import(
    films: Sequence[Film],
    marks: Mapping[str, UserMarks],
    records: Sequence[Record],
    progress: Progress = unshown,
) -> Plan:
    """What importing `records` into a library of `films` (with `marks`) does.

    `progress` is told how many records were planned, of how many.
    """
    with gc_paused():
        return _Planner(films, marks).plan(records, progress)


def _key(title: str, year: int | None) -> TitleKey:
    return (" ".join(fold(title).split()), year)


class _Planner:
    def __init__(self, films: Sequence[Film], marks: Mapping[str, UserMarks]) -> None:
        self.marks = marks
        self.by_id: dict[str, Film] = {film.id: film for film in films}
        self.by_imdb: dict[str, Film] = {film.imdb_id: film for film in films if film.imdb_id}
        self.by_title: dict[TitleKey, list[Film]] = {}
        for film in films:
            self.by_title.setdefault(_key(film.title, film.year), []).append(film)
        self.ids = UniqueIds(self.by_id)
        self.planned: dict[str, Planned] = {}  # by film id: what this file did so far
        self.originals: dict[str, tuple[Film, UserMarks]] = {}  # updated films as they were
        self.result = Plan()

    def plan(self, records: Sequence[Record], progress: Progress) -> Plan:
        for number, record in enumerate(records, 1):
            if not number % EVERY:
                progress(number, len(records))
            if record.warnings:
                self.result.warnings += [(record.label, warning) for warning in record.warnings]
            title = record.film.get("title")
            if not isinstance(title, str) or not title.strip():
                self.result.skipped.append((record.label, "no title"))
                continue
            self._take(record)
        self.result.added = [p for p in self.planned.values() if p.film.id not in self.originals]
        self.result.updated = []
        for film_id, (film, marks) in self.originals.items():
            planned = self.planned[film_id]
            planned.changes = _changes(film, marks, planned)
            if planned.changes:
                self.result.updated.append(planned)
            else:
                self.result.unchanged.append(planned.label)
        progress(len(records), len(records))
        return self.result

    def _take(self, record: Record) -> None:
        year = record.film.get("year")
        key = _key(str(record.film["title"]), year if isinstance(year, int) else None)
        match = self._match(record, key)
        if match is None:
            film = self._new_film(record)
            self.planned[film.id] = Planned(record.label, film, _marks(NOTHING, record.marks))
            self._remember(film, key=key)
            return
        earlier = self.planned.get(match.id)
        if earlier is not None:
            self.result.folded.append((record.label, earlier.label))
        else:
            self.originals[match.id] = (match, self.marks.get(match.id, NOTHING))
            earlier = Planned(record.label, match, None)
            self.planned[match.id] = earlier
        film = _merged(earlier.film, record.film)
        current = earlier.marks or self.marks.get(match.id, NOTHING)
        earlier.film = film
        earlier.marks = _marks(current, record.marks) if record.marks else earlier.marks
        self._remember(film, before=match)

    def _match(self, record: Record, key: TitleKey) -> Film | None:
        """The library's film `record` is (`key`: its title and year), or None."""
        film_id, imdb_id = record.film.get("id"), record.film.get("imdb_id")
        if isinstance(film_id, str) and film_id:
            return self.by_id.get(film_id)  # an id of its own: that film, or a new one
        if isinstance(imdb_id, str) and imdb_id in self.by_imdb:
            return self.by_imdb[imdb_id]
        for candidate in self.by_title.get(key, ()):
            if not imdb_id or not candidate.imdb_id:
                return candidate
        return None

    def _new_film(self, record: Record) -> Film:
        fields = record.film
        film_id = fields.get("id")
        if not isinstance(film_id, str) or not film_id or film_id in self.by_id:
            year = fields.get("year")
            base = slugify(str(fields["title"]), year if isinstance(year, int) else None)
            film_id = self.ids.claim(base)
        self.ids.taken.add(film_id)
        return _film_of(film_id, fields)

    def _remember(
        self, film: Film, before: Film | None = None, key: TitleKey | None = None
    ) -> None:
        """Find `film` from now on (in place of `before`; `key`: its title and year)."""
        self.by_id[film.id] = film
        if film.imdb_id:
            self.by_imdb[film.imdb_id] = film
        if before is not None and _key(before.title, before.year) != _key(film.title, film.year):
            films = self.by_title.get(_key(before.title, before.year), [])
            if before in films:
                films.remove(before)
        films = self.by_title.setdefault(key or _key(film.title, film.year), [])
        films[:] = [other for other in films if other.id != film.id] + [film]


def _film_of(film_id: str, fields: Mapping[str, Any]) -> Film:
    """The film `film_id` of a record's fields (its own id, if any, left out).

    Each public field was read by its reader (`tui.transfer.columns`), so it is
    of its field's type already: `film_from_document` would check them all again,
    a quarter of an import's time. Lists become tuples, other fields are its own.
    """
    public: dict[str, Any] = {"id": film_id, "year": None}
    own: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _LISTS:
            public[name] = tuple(value)
        elif name in _PUBLIC:
            if name != "id":
                public[name] = value
        else:
            own[name] = value
    if own:
        public["own"] = MappingProxyType(own)
    return Film(**public)


def _merged(film: Film, fields: Mapping[str, Any]) -> Film:
    """`film` with what a record says of it; what it does not say is kept."""
    document = film.to_document()
    document.update({name: value for name, value in fields.items() if name != "id"})
    return film_from_document(document).film


def _marks(current: UserMarks, fields: Mapping[str, Any]) -> UserMarks | None:
    """`current` with the marks a record sets; watch dates and tags are added.

    The record's marks were read by their readers (`tui.transfer.columns`), so
    they are of their types already: only a whole rating is made an int, as
    `marks_from_document` would.
    """
    if not fields:
        return None
    changed = dict(fields)
    if "watches" in fields:
        changed["watches"] = tuple(sorted({*current.watches, *fields["watches"]}))
    if "tags" in fields:
        changed["tags"] = tuple(dict.fromkeys([*current.tags, *fields["tags"]]))
    rating = changed.get("rating")
    if isinstance(rating, float) and rating.is_integer():
        changed["rating"] = int(rating)
    if (changed.get("watches") or current.watches) and "watched" not in fields:
        changed["watched"] = True  # a day it was seen says it was seen
    return UserMarks(**changed) if current is NOTHING else replace(current, **changed)


def _changes(film: Film, marks: UserMarks, planned: Planned) -> list[Change]:
    """What an update changes, field by field (film fields, then marks)."""
    before, after = film.to_document(), planned.film.to_document()
    changes = [
        Change(name, before.get(name), after.get(name))
        for name in dict.fromkeys([*before, *after])
        if before.get(name) != after.get(name)
    ]
    if planned.marks is not None and planned.marks != marks:
        old, new = marks.to_fields(), planned.marks.to_fields()
        changes += [Change(name, old[name], new[name]) for name in new if old[name] != new[name]]
    return changes
