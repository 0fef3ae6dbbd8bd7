"""What a search found (`SearchResult`), how to highlight why, and whether a
search is needed at all. Knows nothing of Textual."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.model.film import Film
from tui.search.fields import Field
from tui.search.highlight import Highlighter
from tui.search.orders import Sort, effective_sort
from tui.search.query import Query, Term, parse_query


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What a search found, in order, and how to show why.

    While `complete` is False, `films` holds only the first films of the
    result (as many as the caller asked for, or more) and the rest is still
    being searched for; they are the first films the complete result will hold.
    """

    films: Sequence[Film]
    query: Query
    sort: Sort
    highlighter: Highlighter = field(default_factory=Highlighter)
    complete: bool = True

    @property
    def hint(self) -> str:
        """What could not be read in the query ('' when all of it was)."""
        return self.query.hint


def highlighter_of(query: Query, close: dict[Term, list[str]]) -> Highlighter:
    scoped: dict[Field, list[str]] = {}
    for term in query.terms:
        if term.field is not None:
            scoped.setdefault(term.field, []).append(term.text)
        if close.get(term):
            scoped.setdefault("title", []).extend(close[term])
    everywhere = tuple(term.text for term in query.terms if term.field is None)
    return Highlighter(everywhere, {name: tuple(found) for name, found in scoped.items()})


def lists_everything(query: str, sort: Sort, favourites_only: bool) -> bool:
    """True when the answer is every film in title order: no search to run."""
    parsed = parse_query(query)
    return parsed.is_empty and not favourites_only and effective_sort(sort, False) is Sort.TITLE
