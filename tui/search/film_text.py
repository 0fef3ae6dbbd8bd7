"""The main part of a film's searchable text, made for many films at once.

A film's text (see `tui.search.search_texts`) starts with five parts, a line
each: its folded title, its year, its folded description and fact, and the
user's notes on it. `main_texts` makes them for a step of films at a time:
folding each field of every film in one call (`fold_all`) and joining the parts
with `map`: a Python loop over the films would cost more than the folding.
Knows nothing of Textual.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from itertools import chain
from operator import attrgetter

from tui.model.film import Film
from tui.search.fold_many import fold_all_searched, with_other_spellings
from tui.search.folding import fold_searched

SEPARATOR = "\x1d"  # before each field of a film's own; never in a film's folded text

_TITLE, _YEAR, _ID = attrgetter("title"), attrgetter("year_text"), attrgetter("id")
_DESCRIPTION, _FACT = attrgetter("description"), attrgetter("fact")


def fold_field(text: str) -> str:
    """`text` folded, any separator in it made a new line (no term holds either,
    so what matches is the same)."""
    folded = fold_searched(text)
    return folded.replace(SEPARATOR, "\n") if SEPARATOR in folded else folded


def main_texts(
    films: Sequence[Film], titles: Sequence[str], notes: Mapping[str, str]
) -> tuple[list[str], array[int]]:
    """The main texts of `films`, whose folded titles are `titles`, with the user's
    `notes` by film id; and where the description, the fact and the notes
    start in each (three numbers a film, flat)."""
    titled = with_other_spellings(list(titles), list(map(_TITLE, films)))
    years = list(map(_YEAR, films))
    descriptions = fold_all_searched(list(map(_DESCRIPTION, films)))
    facts = fold_all_searched(list(map(_FACT, films)))
    noted = [""] * len(films)
    if notes and any(map(notes.__contains__, map(_ID, films))):
        noted = [fold_field(notes.get(film.id, "")) for film in films]
    texts = list(map("\n".join, zip(titled, years, descriptions, facts, noted, strict=True)))
    at_description = [len(title) + len(year) + 2 for title, year in zip(titled, years, strict=True)]
    at_fact = [at + len(text) + 1 for at, text in zip(at_description, descriptions, strict=True)]
    at_notes = [at + len(text) + 1 for at, text in zip(at_fact, facts, strict=True)]
    starts = array("q", chain.from_iterable(zip(at_description, at_fact, at_notes, strict=True)))
    return texts, starts
