"""The Film record and how a TinyDB document becomes one.

This module knows nothing of TinyDB or Textual: it turns plain dicts into
typed, validated `Film` objects and back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import Any

TEXT_FIELDS = ("title", "description", "fact")


@dataclass(frozen=True, slots=True)
class Film:
    """One film of the catalog, as the rest of the program sees it."""

    id: str
    title: str
    year: int | None
    description: str = ""
    fact: str = ""

    @property
    def year_text(self) -> str:
        """The year for display: unknown years show as a dash."""
        return "—" if self.year is None else str(self.year)

    def to_document(self) -> dict[str, Any]:
        """The public TinyDB document layout of this film."""
        return {
            "id": self.id,
            "title": self.title,
            "year": self.year,
            "description": self.description,
            "fact": self.fact,
        }


def slugify(title: str, year: int | None) -> str:
    """A stable id made of the title and the year: `moscow-cassiopeia-1973`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    ascii_title = re.sub(r"['’]", "", ascii_title)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "film"
    return f"{slug}-{year}" if year is not None else slug


def unique_id(base: str, taken: Container[str]) -> str:
    """`base`, or `base-2`, `base-3`, … : the first that is not `taken`."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _read_year(value: object) -> tuple[int | None, bool]:
    """The year as an int, and whether the stored value was a proper one."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return value, True
    if isinstance(value, float) and value.is_integer():
        return int(value), False
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 18:
        return int(value.strip()), False
    return None, False


def _read_text(value: object) -> tuple[str, bool]:
    if isinstance(value, str):
        return value, True
    if value is None:
        return "", False
    return str(value), False


@dataclass(frozen=True, slots=True)
class ParsedFilm:
    """A film read from a document, with what was wrong with the document."""

    film: Film
    problems: tuple[str, ...]


def film_from_document(document: Mapping[str, Any]) -> ParsedFilm:
    """Read what can be read of a document; list what could not.

    A year stored as `"1961"` becomes 1961; one that cannot be read becomes
    unknown (`None`). Missing or non-text fields become empty text. Unknown
    extra fields are ignored (and left alone in the file).
    """
    film_id, title, year = document.get("id"), document.get("title"), document.get("year")
    description, fact = document.get("description"), document.get("fact")
    if (  # the common case, a well-formed document: a quarter of the time
        type(film_id) is str
        and film_id
        and type(title) is str
        and type(year) is int
        and type(description) is str
        and type(fact) is str
    ):
        return ParsedFilm(Film(film_id, title, year, description, fact), ())
    problems: list[str] = []
    year, year_ok = _read_year(document.get("year"))
    if not year_ok:
        problems.append(f"year {document.get('year')!r}")
    texts: dict[str, str] = {}
    for field in TEXT_FIELDS:
        text, ok = _read_text(document.get(field))
        if not ok:
            problems.append(f"{field} {document.get(field)!r}")
        texts[field] = text
    raw_id = document.get("id")
    film_id = raw_id if isinstance(raw_id, str) and raw_id else ""
    if not film_id:
        film_id = slugify(texts["title"], year)
    film = Film(id=film_id, year=year, **texts)
    return ParsedFilm(film, tuple(problems))
