"""Checking what the user typed into the film form. Plain Python, no Textual."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

FIRST_FILM_YEAR = 1880


@dataclass(frozen=True, slots=True)
class FilmDraft:
    """A film as typed into the form, already validated."""

    title: str
    year: int
    description: str = ""
    fact: str = ""
    notes: str = ""


def last_allowed_year(today: datetime.date | None = None) -> int:
    """Films may be announced for next year, not later."""
    return (today or datetime.date.today()).year + 1


def check_title(text: str) -> str | None:
    """An error message for the title, or None when it is fine."""
    return None if text.strip() else "A title is required."


def check_year(text: str, today: datetime.date | None = None) -> str | None:
    """An error message for the year, or None when it is fine."""
    last = last_allowed_year(today)
    stripped = text.strip()
    if not stripped:
        return "A year is required."
    if not stripped.isdigit() or len(stripped) > len(str(last)):  # (and int() stays quick)
        return f"The year must be a whole number between {FIRST_FILM_YEAR} and {last}."
    year = int(stripped)
    if not FIRST_FILM_YEAR <= year <= last:
        return f"The year must be between {FIRST_FILM_YEAR} and {last}."
    return None


def make_draft(
    title: str,
    year: str,
    description: str = "",
    fact: str = "",
    notes: str = "",
    today: datetime.date | None = None,
) -> tuple[FilmDraft | None, dict[str, str]]:
    """The draft, or None and the error message of each field that is wrong."""
    errors = {
        field: message
        for field, message in (("title", check_title(title)), ("year", check_year(year, today)))
        if message
    }
    if errors:
        return None, errors
    return FilmDraft(title.strip(), int(year.strip()), description, fact, notes), {}
