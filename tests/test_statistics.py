"""The figures of a collection, on films made by hand: exact counts."""

from __future__ import annotations

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.model.statistics import (
    RATINGS,
    Statistics,
    bar,
    collection_statistics,
    hours_and_minutes,
    rating_label,
    summary_text,
    watching_text,
)

FILMS = [
    Film("solaris", "Solaris", 1972, directors=("Andrei Tarkovsky",), genres=("Drama", "Sci-Fi"),
         runtime=167),
    Film("mirror", "Mirror", 1975, directors=("Andrei Tarkovsky",), genres=("Drama",),
         runtime=107),
    Film("stalker", "Stalker", 1979, directors=("Andrei Tarkovsky",), genres=("Sci-Fi", "Drama"),
         runtime=162),
    Film("kin-dza-dza", "Kin-dza-dza!", 1986, directors=("Georgiy Daneliya",),
         genres=("Comedy", "Sci-Fi")),
    Film("cranes", "The Cranes Are Flying", 1957, directors=("Mikhail Kalatozov",),
         genres=("Drama", "War"), runtime=97),
    Film("untitled", "Untitled", None),
]  # fmt: skip
MARKS = {
    "solaris": UserMarks(rating=5, watched=True, watches=("2023-11-19", "2024-02-03"),
                         favourite=True),
    "mirror": UserMarks(rating=4.5, watched=True),
    "stalker": UserMarks(rating=4.5, watches=("2024-02-10",)),
    "kin-dza-dza": UserMarks(watched=True, watches=("2024-03-01",), watchlist=True),
    "cranes": UserMarks(watchlist=True),
    "not-among-the-films": UserMarks(rating=1, watched=True, watches=("2020-01-01",)),
}  # fmt: skip


def test_films_per_decade_oldest_first_and_unknown_years_apart() -> None:
    figures = collection_statistics(FILMS, MARKS)
    assert figures.films == 6
    assert figures.decades == ((1950, 1), (1970, 3), (1980, 1))
    assert figures.year_unknown == 1


def test_top_genres_and_directors_most_films_first_ties_by_name() -> None:
    figures = collection_statistics(FILMS, MARKS)
    assert figures.genres == (("Drama", 4), ("Sci-Fi", 3), ("Comedy", 1), ("War", 1))
    assert figures.directors == (
        ("Andrei Tarkovsky", 3),
        ("Georgiy Daneliya", 1),
        ("Mikhail Kalatozov", 1),
    )


def test_top_keeps_only_as_many_as_asked() -> None:
    figures = collection_statistics(FILMS, MARKS, top=1)
    assert figures.genres == (("Drama", 4),)
    assert figures.directors == (("Andrei Tarkovsky", 3),)
    assert collection_statistics(FILMS, MARKS, top=0).genres == ()


def test_ratings_histogram_has_every_half_star() -> None:
    figures = collection_statistics(FILMS, MARKS)
    assert [rating for rating, _ in figures.ratings] == list(RATINGS)
    assert dict(figures.ratings) == {**dict.fromkeys(RATINGS, 0), 4.5: 2, 5: 1}
    assert (figures.rated, figures.unrated) == (3, 3)


def test_marks_of_films_not_counted_are_ignored() -> None:
    figures = collection_statistics(FILMS[:1], MARKS)
    assert figures.watching.films == 1
    assert figures.viewings_by_year == ((2023, 1), (2024, 1))
    assert dict(figures.ratings)[1] == 0


def test_viewings_per_year_and_month_count_every_logged_day() -> None:
    figures = collection_statistics(FILMS, MARKS)
    assert figures.viewings_by_year == ((2023, 1), (2024, 3))
    assert figures.viewings_by_month == (("2023-11", 1), ("2024-02", 2), ("2024-03", 1))


def test_watching_time_counts_the_runtime_once_per_viewing() -> None:
    watching = collection_statistics(FILMS, MARKS).watching
    # Solaris twice, Mirror once (watched, no day), Stalker once; Kin-dza-dza has no runtime.
    assert watching.minutes == 2 * 167 + 107 + 162
    assert (watching.films, watching.viewings, watching.undated) == (4, 5, 1)
    assert watching.without_runtime == 1


def test_favourites_and_watchlist_are_counted() -> None:
    figures = collection_statistics(FILMS, MARKS)
    assert (figures.favourites, figures.watchlist) == (1, 2)


def test_no_films_no_figures() -> None:
    assert collection_statistics([], MARKS) == Statistics()
    assert collection_statistics(iter(FILMS), {}).films == 6


def test_last_months_fill_the_months_without_viewings() -> None:
    figures = collection_statistics(FILMS, MARKS)
    assert figures.last_months(5) == (
        ("2023-11", 1),
        ("2023-12", 0),
        ("2024-01", 0),
        ("2024-02", 2),
        ("2024-03", 1),
    )
    assert Statistics().last_months() == ()


def test_hours_and_minutes() -> None:
    assert hours_and_minutes(45) == "45 min"
    assert hours_and_minutes(603) == "10 h 03 min"
    assert hours_and_minutes(150_000) == "2,500 h 00 min"


def test_bar_is_in_eighths_of_a_cell_and_never_hides_a_film() -> None:
    assert bar(10, 10, 4) == "████"
    assert bar(5, 10, 4) == "██"
    assert bar(3, 8, 3) == "█▏"  # 9 eighths
    assert bar(1, 1000, 10) == "▏"
    assert bar(0, 10, 4) == ""


def test_rating_label_shows_stars_then_the_number() -> None:
    assert rating_label(0.5) == "½☆☆☆☆ 0.5"
    assert rating_label(4) == "★★★★☆ 4"


def test_one_film_and_one_viewing_are_said_in_the_singular() -> None:
    film = Film("a", "Solaris", 1972, runtime=167)
    figures = collection_statistics([film], {"a": UserMarks(watched=True, watches=("2024-02-03",))})
    assert summary_text(figures).startswith("1 film; ")
    assert watching_text(figures) == "2 h 47 min over 1 viewing of 1 film"
