"""The user's notes and tags put in kept texts give exactly the texts folded afresh.

A kept index holds the films' texts without the user's notes and tags; they
are put back in the kept text (`FilmTexts._add_user_text`), not folded again
from the film, so that stand-in films (`tui.search.preview`) search alike.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from unittest import mock

import pytest

from benchmarks.generate import documents
from tests.full_film import FULL
from tui.model.film import Film, film_from_document
from tui.search.folding import fold
from tui.search.index import SearchIndex
from tui.search.masks import taken
from tui.search.match_cache import MatchCache
from tui.search.search_texts import STEP, FilmTexts

FILMS = [film_from_document(d).film for d in [*documents(STEP + 300, 7), FULL]]
NOTES = {
    FILMS[0].id: "Seen with Grandpa \x1d twice",
    FULL["id"]: "Noisy [REC] night",
    FILMS[STEP + 10].id: "café",
}
TAGS: dict[str, Sequence[str]] = {
    FULL["id"]: ["rewatch", "Spain trip"],  # between its public fields and its own
    FILMS[1].id: ["plain"],  # a film with the main fields only
    FILMS[STEP + 10].id: [],
}


@dataclass
class Kept:
    """A kept index's texts, as `FilmTexts.kept_part` writes them."""

    markers: Mapping[str, str]
    parts: dict[int, tuple[list[str], array[int]]]
    shares: Mapping[str, float] = field(default_factory=dict)

    def texts(self, start: int, stop: int) -> tuple[list[str], array[int]] | None:
        hay, regions = self.parts[start]
        return list(hay), array("q", regions)


def film_texts(
    films: Sequence[Film],
    notes: Mapping[str, str],
    tags: Mapping[str, Sequence[str]],
    kept: Kept | None,
) -> FilmTexts:
    titles = [fold(f.title) for f in films]
    positions = {film.id: n for n, film in enumerate(films)}
    return FilmTexts(films, taken(titles), positions, notes, tags, kept)


def texts(films: Sequence[Film], kept: Kept | None) -> FilmTexts:
    built = film_texts(films, NOTES, TAGS, kept)
    built.build_until(len(films))
    return built


@pytest.mark.parametrize("stand_ins", [False, True])
def test_user_text_in_kept_texts_is_what_folding_makes(stand_ins: bool) -> None:
    fresh = texts(FILMS, None)
    parts = {start: fresh.kept_part(start, STEP) for start in range(0, len(FILMS), STEP)}
    kept = Kept(fresh.markers, parts)
    films = [Film(f.id, f.title, f.year) for f in FILMS] if stand_ins else FILMS
    again = texts(films, kept)
    assert again._hay == fresh._hay
    assert again._regions == fresh._regions
    assert "grandpa" in again._hay[0] and "rewatch" in again._hay[-1]


def test_kept_texts_without_user_text_stay_as_kept() -> None:
    fresh = texts(FILMS, None)
    parts = {start: fresh.kept_part(start, STEP) for start in range(0, len(FILMS), STEP)}
    untouched = film_texts(FILMS, {}, {}, Kept(fresh.markers, parts))
    untouched.build_until(len(FILMS))
    assert untouched._hay[5] == fresh._hay[5]
    assert "grandpa" not in untouched._hay[0]


def test_a_title_is_read_only_where_the_text_holds_the_word() -> None:
    """Once the texts are built, a title search reads the titles of the films whose
    text holds the word, not every film's (gathering a million titles takes 0.4 s)."""
    films = [Film(f"f{n}", f"Title {n}", 1960, f"about {n}") for n in range(50)]
    films[7] = Film("f7", "Aelita", 1924, "Mars")
    films[9] = Film("f9", "Mars", 1930, "aelita lands")  # in the text, not the title
    titles = [fold(f.title) for f in films]
    read: list[object] = []

    def titles_in(part: slice | Sequence[int]) -> list[str]:
        read.append(part)
        return taken(titles)(part)

    positions = {film.id: n for n, film in enumerate(films)}
    built = FilmTexts(films, titles_in, positions, {}, {})
    built.build_until(len(films))
    read.clear()
    cache = MatchCache(len(films), lambda s, t, p: built.holding(s, t, p, cache.flags))
    assert cache.flags("title", "aelita", range(len(films))) == bytes(
        n == 7 for n in range(len(films))
    )
    asked = [part for part in read if not isinstance(part, slice)]
    assert asked == [[7, 9]]


def test_a_title_word_is_found_in_the_title_words_alone() -> None:
    """A title search of letters and digits reads the padded title words the index
    holds: neither the titles (gathered in year order) nor the texts."""
    films = [Film(f"f{n}", f"Title {n}", 1960, f"about golden {n}") for n in range(40)]
    films[7] = Film("f7", "The Golden-Haired", 1924, "Mars")
    index = SearchIndex(films)
    index.build()
    searchable = index._built_searchable()
    with mock.patch.object(FilmTexts, "holding", side_effect=AssertionError("a text read")):
        found = searchable.masks.flags("title", "golden", range(len(films)))
    assert found == bytes(film.id == "f7" for film in searchable.films)  # in year order
