"""The Film record and how a TinyDB document becomes one.

This module knows nothing of TinyDB or Textual: it turns plain dicts into
typed, validated `Film` objects and back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from tui.model.shared_values import SharedValues

TEXT_FIELDS = (
    "title",
    "description",
    "fact",
    "original_title",
    "imdb_id",
    "letterboxd_uri",
    "poster",
)
LIST_FIELDS = ("directors", "cast", "genres", "countries", "languages")
# Every public field of a film, in the order a document lists them; any other
# field of a document is the film's own (a user's custom field), kept exactly.
PUBLIC_FIELDS = ("id", "title", "year", *TEXT_FIELDS[1:], *LIST_FIELDS, "runtime")
_PUBLIC = frozenset(PUBLIC_FIELDS)
_NO_OWN_FIELDS: Mapping[str, Any] = MappingProxyType({})


@dataclass(slots=True)
class Film:
    """One film of the catalog, as the rest of the program sees it.

    Never changed once made (`dataclasses.replace` makes another). It is not a
    frozen dataclass only because a frozen one's `__init__` sets each of its 16
    fields through `object.__setattr__`: 7 times slower, 0.4 s of every start
    at 100,000 films.
    """

    id: str
    title: str
    year: int | None
    description: str = ""
    fact: str = ""
    original_title: str = ""
    imdb_id: str = ""
    letterboxd_uri: str = ""
    poster: str = ""
    """An image file: absolute, or relative to the catalog's folder (see `tui.store.posters`)."""
    directors: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    runtime: int | None = None
    own: Mapping[str, Any] = field(default_factory=lambda: _NO_OWN_FIELDS)
    """The film's own fields (any field that is not public), as the document has them."""

    def __hash__(self) -> int:
        return hash((self.id, self.title, self.year))

    @property
    def year_text(self) -> str:
        """The year for display: unknown years show as a dash."""
        return "—" if self.year is None else str(self.year)

    def to_document(self) -> dict[str, Any]:
        """The public TinyDB document layout of this film: the five first fields
        always, the others when they have a value (in `PUBLIC_FIELDS` order),
        then the film's own. (Field by field, not a loop of `getattr`: an
        import of 60,000 films makes 60,000 documents.)"""
        document: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "year": self.year,
            "description": self.description,
            "fact": self.fact,
        }
        if self.original_title:
            document["original_title"] = self.original_title
        if self.imdb_id:
            document["imdb_id"] = self.imdb_id
        if self.letterboxd_uri:
            document["letterboxd_uri"] = self.letterboxd_uri
        if self.poster:
            document["poster"] = self.poster
        if self.directors:
            document["directors"] = list(self.directors)
        if self.cast:
            document["cast"] = list(self.cast)
        if self.genres:
            document["genres"] = list(self.genres)
        if self.countries:
            document["countries"] = list(self.countries)
        if self.languages:
            document["languages"] = list(self.languages)
        if self.runtime:
            document["runtime"] = self.runtime
        if self.own:
            document.update(self.own)
        return document


# What a slug keeps of ASCII text: letters (made lower case) and digits; an
# apostrophe goes ("don't" is "dont"); anything else is a space, and the words
# left are joined by dashes.
_SLUG_LETTERS = str.maketrans(
    {code: chr(code).lower() if chr(code).isalnum() else " " for code in range(128)}
    | {ord("'"): None}
)


def slugify(title: str, year: int | None) -> str:
    """A stable id made of the title and the year: `moscow-cassiopeia-1973`.

    Accents are dropped (`Ça` is `ca`), other letters than Latin ones too.
    """
    if not title.isascii():  # (ASCII text is its own NFKD form)
        title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = "-".join(title.translate(_SLUG_LETTERS).split()) or "film"
    return f"{slug}-{year}" if year is not None else slug


def unique_id(base: str, taken: Container[str]) -> str:
    """`base`, or `base-2`, `base-3`, … : the first that is not `taken`."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


YEAR_DIGITS = 6
"""A year is a whole number of at most this many digits (a year of 10**5000
cannot even be printed: Python refuses to turn more than 4,300 digits into text)."""
_YEAR_LIMIT = 10**YEAR_DIGITS


def _read_year(value: object) -> tuple[int | None, bool]:
    """The year as an int, and whether the stored value was a proper one."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return (value, True) if _plausible(value) else (None, False)
    if isinstance(value, float) and value.is_integer() and _plausible(value):
        return int(value), False
    if isinstance(value, str):
        digits = value.strip()
        # isdecimal, not isdigit: int() refuses "²", which isdigit accepts.
        if digits.isdecimal() and len(digits) <= YEAR_DIGITS:
            return int(digits), False
    return None, False


def _plausible(year: int | float) -> bool:
    return bool(abs(year) < _YEAR_LIMIT)


def _shown(value: object) -> str:
    """A stored value as a problem names it: short, and never too big to print."""
    if isinstance(value, int) and not _plausible(value):
        return f"a number of {value.bit_length() * 30103 // 100000 + 1} digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _read_text(value: object) -> tuple[str, bool]:
    if isinstance(value, str):
        return value, True
    if value is None:
        return "", False
    if isinstance(value, int) and not _plausible(value):
        return "", False  # str() of a number past 4,300 digits raises
    return str(value), False


@dataclass(frozen=True, slots=True)
class ParsedFilm:
    """A film read from a document, with what was wrong with the document."""

    film: Film
    problems: tuple[str, ...]


def film_from_document(
    document: Mapping[str, Any], shared: SharedValues | None = None
) -> ParsedFilm:
    """Read what can be read of a document; list what could not.

    A year stored as `"1961"` becomes 1961; one that cannot be read becomes
    unknown (`None`). A missing or non-text title, description or fact becomes
    empty text. The other public fields are optional: a list of names may be
    written as one text (`"Tarkovsky, Lem"`). Any other field is the film's own.
    With `shared`, the names are those of an equal list read before.
    """
    film_id, title, year = document.get("id"), document.get("title"), document.get("year")
    description, fact = document.get("description"), document.get("fact")
    if (  # the common case, a well-formed document of the five fields: a quarter of the time
        len(document) == 5
        and type(film_id) is str
        and film_id
        and type(title) is str
        and type(year) is int
        and -_YEAR_LIMIT < year < _YEAR_LIMIT
        and type(description) is str
        and type(fact) is str
    ):
        return ParsedFilm(Film(film_id, title, year, description, fact), ())
    problems: list[str] = []
    year, year_ok = _read_year(document.get("year"))
    if not year_ok:
        problems.append(f"year {_shown(document.get('year'))}")
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name not in ("title", "description", "fact") and document.get(name) in (None, ""):
            continue
        text, ok = _read_text(document.get(name))
        if not ok:
            problems.append(f"{name} {_shown(document.get(name))}")
        values[name] = text
    for name in LIST_FIELDS:
        if document.get(name) not in (None, "", []):
            items, ok = _read_names(document[name])
            if not ok:
                problems.append(f"{name} {_shown(document.get(name))}")
            values[name] = items if shared is None else shared.names(items)
    if document.get("runtime") not in (None, ""):
        runtime, ok = _read_runtime(document["runtime"])
        if not ok:
            problems.append(f"runtime {_shown(document.get('runtime'))}")
        values["runtime"] = runtime
    own = {name: value for name, value in document.items() if name not in _PUBLIC}
    if own:
        values["own"] = MappingProxyType(own)
    raw_id = document.get("id")
    film_id = raw_id if isinstance(raw_id, str) and raw_id else ""
    if not film_id:
        film_id = slugify(values["title"], year)
    return ParsedFilm(Film(id=film_id, year=year, **values), tuple(problems))


_FIVE = ("id", "title", "year", "description", "fact")
_FIVE_FIELDS = tuple(map(itemgetter, _FIVE))


def plain_films(documents: Sequence[Any], shared: SharedValues | None = None) -> list[Film] | None:
    """The films of `documents` when each is a well-formed document of the five
    first fields and no other, as `film_from_document` reads it without a
    problem (the common case); else None. With `shared`, titles and facts are
    those equal ones read before, when they repeat (see `SharedValues.each`).

    Checked and read a field at a time, each pass one call into C: a third of
    the time of `film_from_document` document by document.
    """
    if not documents:
        return []
    if set(map(type, documents)) != {dict} or set(map(len, documents)) != {5}:
        return None
    try:
        columns = [list(map(get, documents)) for get in _FIVE_FIELDS]
    except KeyError:
        return None
    ids, titles, years, descriptions, facts = columns
    if not (
        all(set(map(type, texts)) == {str} for texts in (ids, titles, descriptions, facts))
        and all(ids)
        and set(map(type, years)) == {int}
        and abs(min(years)) < _YEAR_LIMIT
        and abs(max(years)) < _YEAR_LIMIT
    ):
        return None
    if shared is not None:
        titles, facts = shared.each("title", titles), shared.each("fact", facts)
    return list(map(Film, ids, titles, years, descriptions, facts))


_KIND_OF = {
    "id": str,
    "year": int,
    **dict.fromkeys(TEXT_FIELDS, str),
    **dict.fromkeys(LIST_FIELDS, list),
    "runtime": int,
}


def well_formed_film(
    document: Mapping[str, Any], shared: SharedValues | None = None
) -> Film | None:
    """`film_from_document(document, shared).film` when the document has no
    problem and each public field is of its own type (texts, whole numbers,
    lists of texts), the five first present; else None. Twice as quick.

    With `shared`, the names are those of an equal list read before (not the
    title nor the fact: they seldom repeat in a catalog of such documents, and
    looking one up costs about as much as reading it).
    """
    own: dict[str, Any] | None = None
    for name, value in document.items():
        kind = _KIND_OF.get(name)
        if kind is None:
            own = {} if own is None else own
            own[name] = value
        elif type(value) is not kind:
            return None
    get = document.get
    film_id, title, year, description, fact = map(get, _FIVE)
    runtime = get("runtime")
    if (
        not film_id
        or title is None
        or year is None
        or description is None
        or fact is None
        or abs(year) >= _YEAR_LIMIT
        or (runtime is not None and not 0 < runtime < _YEAR_LIMIT)
    ):
        return None
    names: list[tuple[str, ...]] = []
    for name in LIST_FIELDS:
        items = get(name)
        if not items:
            names.append(())
        elif set(map(type, items)) != {str}:
            return None
        else:
            names.append(tuple(items) if shared is None else shared.names(tuple(items)))
    original_title, imdb_id, letterboxd_uri, poster = map(get, _OPTIONAL_TEXTS, _NO_TEXTS)
    directors, cast, genres, countries, languages = names
    return Film(
        film_id,
        title,
        year,
        description,
        fact,
        original_title,
        imdb_id,
        letterboxd_uri,
        poster,
        directors,
        cast,
        genres,
        countries,
        languages,
        runtime,
        _NO_OWN_FIELDS if own is None else MappingProxyType(own),
    )


_OPTIONAL_TEXTS = TEXT_FIELDS[3:]
_NO_TEXTS = ("",) * len(_OPTIONAL_TEXTS)


def _read_names(value: object) -> tuple[tuple[str, ...], bool]:
    """A list of names: a list of texts, or one text with commas between them."""
    if isinstance(value, str):
        return tuple(name.strip() for name in value.split(",") if name.strip()), True
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value), True
    if isinstance(value, list):
        return tuple(_read_text(item)[0] for item in value if item not in (None, "")), False
    return (), False


def _read_runtime(value: object) -> tuple[int | None, bool]:
    """Minutes, as a whole number above 0."""
    minutes, ok = _read_year(value)  # the same forms as a year: 167, "167", 167.0
    if minutes is None or minutes <= 0:
        return None, False
    return minutes, ok
