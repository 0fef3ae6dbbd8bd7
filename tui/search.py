"""Finding films: query matching and ordering. Knows nothing of Textual.

A query is split into words; a film matches when every word occurs somewhere
in its title, year, description or fact. Matching ignores case and accents
(`cafe` finds `Café`): text is folded once, when the index is built, so each
keystroke only does substring tests.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from tui.film import Film

_ARTICLES = ("the ", "a ", "an ")


def fold(text: str) -> str:
    """Text in the form searching compares: no accents, no case, NFKD."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def title_sort_key(film: Film) -> tuple[str, int, str]:
    """Library order: by title without a leading article, then year."""
    title = fold(film.title).strip()
    for article in _ARTICLES:
        if title.startswith(article):
            title = title[len(article) :]
            break
    return (title, film.year if film.year is not None else 0, film.id)


def query_words(query: str) -> list[str]:
    """The folded words of a query; an empty list for a blank query."""
    return fold(query).split()


@dataclass(frozen=True, slots=True)
class _Entry:
    film: Film
    haystack: str


class SearchIndex:
    """The films of a catalog, pre-folded for searching, in library order."""

    def __init__(self, films: Sequence[Film]) -> None:
        ordered = sorted(films, key=title_sort_key)
        self._entries = [
            _Entry(
                film,
                "\n".join(
                    (fold(film.title), film.year_text, fold(film.description), fold(film.fact))
                ),
            )
            for film in ordered
        ]

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, only: Collection[str] | None = None) -> list[Film]:
        """The films matching every word of `query`, in library order.

        `only`, when given, keeps just the films whose id it holds (the
        favourites-only view).
        """
        words = query_words(query)
        return [
            entry.film
            for entry in self._entries
            if (only is None or entry.film.id in only)
            and all(word in entry.haystack for word in words)
        ]
