"""The film and the user's marks: every public field read from a document and written back."""

from __future__ import annotations

from typing import Any

import pytest

from tui.model.film import Film, film_from_document, slugify
from tui.model.marks import UserMarks, marks_from_document, valid_rating

FULL: dict[str, Any] = {
    "id": "solaris-1972",
    "title": "Solaris",
    "year": 1972,
    "description": "A psychologist is sent to a station.",
    "fact": "Shot in Moscow and Tokyo.",
    "original_title": "Солярис",
    "imdb_id": "tt0069293",
    "letterboxd_uri": "https://boxd.it/29Vu",
    "directors": ["Andrei Tarkovsky"],
    "cast": ["Natalya Bondarchuk", "Donatas Banionis"],
    "genres": ["Drama", "Sci-Fi"],
    "countries": ["USSR"],
    "languages": ["Russian", "German"],
    "runtime": 167,
    "budget": {"amount": 1000000, "currency": "SUR"},
    "Shelf": "B3",
}


def test_every_public_field_is_read_and_the_rest_kept_as_the_films_own() -> None:
    parsed = film_from_document(FULL)
    assert parsed.problems == ()
    film = parsed.film
    assert film.directors == ("Andrei Tarkovsky",)
    assert film.runtime == 167
    assert film.original_title == "Солярис"
    assert dict(film.own) == {"budget": {"amount": 1000000, "currency": "SUR"}, "Shelf": "B3"}


def test_a_document_is_written_back_exactly() -> None:
    document = film_from_document(FULL).film.to_document()
    assert document == FULL
    assert list(document) == list(FULL)  # the fields in the order the file has them


@pytest.mark.parametrize(
    ("title", "year", "slug"),
    [
        ("Moscow — Cassiopeia", 1973, "moscow-cassiopeia-1973"),
        ("Don't Look Now", 1973, "dont-look-now-1973"),
        ("L’Atalante", None, "latalante"),
        ("  Ça  ", 1969, "ca-1969"),
        ("Straße__No. 9!", 2001, "strae-no-9-2001"),
        ("Æon ﬁlm", None, "on-film"),
        ("東京物語", 1953, "film-1953"),
        ("", None, "film"),
    ],
)
def test_a_slug_is_the_titles_latin_letters_and_digits(
    title: str, year: int | None, slug: str
) -> None:
    assert slugify(title, year) == slug


def test_a_five_field_document_stays_five_fields() -> None:
    document = {"id": "x", "title": "X", "year": 1961, "description": "", "fact": ""}
    film = film_from_document(document).film
    assert film.own == {}
    assert film.to_document() == document


def test_names_written_as_one_text_are_a_list() -> None:
    film = film_from_document({**FULL, "directors": "Tarkovsky, Lem"}).film
    assert film.directors == ("Tarkovsky", "Lem")


@pytest.mark.parametrize(
    ("field", "value"), [("runtime", "long"), ("runtime", -3), ("genres", 5), ("imdb_id", 7)]
)
def test_a_wrong_optional_field_is_a_problem_not_a_lost_film(field: str, value: object) -> None:
    parsed = film_from_document({**FULL, field: value})
    assert parsed.film.title == "Solaris"
    assert parsed.problems and parsed.problems[0].startswith(field)


def test_films_with_own_fields_can_be_hashed_and_compared() -> None:
    one, two = film_from_document(FULL).film, film_from_document(dict(FULL)).film
    assert one == two
    assert len({one, two}) == 1
    assert one != Film("solaris-1972", "Solaris", 1972)


@pytest.mark.parametrize(
    ("value", "rating"),
    [(4, 4), (4.0, 4), ("4.0", 4), (3.5, 3.5), ("0.5", 0.5), (0, 0)],
)
def test_ratings_are_half_stars(value: object, rating: float) -> None:
    assert valid_rating(value) == rating
    assert type(valid_rating(value)) is type(rating)


@pytest.mark.parametrize("value", [6, -1, 3.3, "6.4", "four", True, None, "9" * 5000])
def test_what_is_not_a_rating_is_refused(value: object) -> None:
    assert valid_rating(value) is None


def test_stars_show_halves() -> None:
    assert UserMarks(rating=3.5).stars == "★★★½☆"
    assert UserMarks(rating=5).stars == "★★★★★"
    assert UserMarks(rating=0.5).stars == "½☆☆☆☆"
    assert UserMarks().stars == ""


def test_marks_read_watches_tags_and_watchlist() -> None:
    marks = marks_from_document(
        {
            "favourite": True,
            "rating": 4.5,
            "watches": ["2023-11-19", "2021-05-01", "yesterday"],
            "watchlist": True,
            "tags": ["cinema", "cinema", 3, "rewatch"],
        }
    )
    assert marks.watches == ("2021-05-01", "2023-11-19")
    assert marks.last_watched == "2023-11-19"
    assert marks.tags == ("cinema", "rewatch")
    assert marks.watchlist is True
    assert marks_from_document(marks.to_fields()) == marks
