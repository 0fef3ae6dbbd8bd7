"""Reading queries: every syntax element, and malformed input that must not fail."""

from __future__ import annotations

import pytest

from tui.search.query import NumberRange, Query, RatingRange, Term, YearRange, parse_query


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("venus", [Term("venus")]),
        ("Venus  Expedition", [Term("venus"), Term("expedition")]),
        ("Café", [Term("cafe")]),
        ("ＣＡＦＥ", [Term("cafe")]),  # full-width letters fold to ASCII
        ("Кассиопея", [Term("kassiopeya")]),  # folded into Latin letters
        ('"per aspera"', [Term("per aspera", phrase=True)]),
        ('"Per   Aspera" ad', [Term("per aspera", phrase=True), Term("ad")]),
        ("title:planet", [Term("planet", "title")]),
        ("desc:venus", [Term("venus", "desc")]),
        ("description:venus", [Term("venus", "desc")]),
        ("fact:corman", [Term("corman", "fact")]),
        ("note:grandpa", [Term("grandpa", "notes")]),
        ("notes:grandpa", [Term("grandpa", "notes")]),
        ('TITLE:"per aspera"', [Term("per aspera", "title", phrase=True)]),
        ("12:00", [Term("12:00")]),  # not a field: searched as it is
        ("moscow-cassiopeia", [Term("moscow-cassiopeia")]),
    ],
)
def test_words_phrases_and_scopes(text: str, terms: list[Term]) -> None:
    query = parse_query(text)
    assert list(query.terms) == terms
    assert query.hint == ""


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        ("-the", [Term("the")]),
        ('-"sky beckons"', [Term("sky beckons", phrase=True)]),
        ("-title:planet", [Term("planet", "title")]),
    ],
)
def test_minus_excludes(text: str, excluded: list[Term]) -> None:
    query = parse_query(text)
    assert list(query.excluded) == excluded
    assert query.terms == ()


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("year:1961", [YearRange(1961, 1961)]),
        ("year:1960..1969", [YearRange(1960, 1969)]),
        ("year:1969..1960", [YearRange(1960, 1969)]),
        ("year:1975..", [YearRange(1975, 9999)]),
        ("year:..1962", [YearRange(0, 1962)]),
        ("year:>1975", [YearRange(1976, 9999)]),
        ("year:>=1975", [YearRange(1975, 9999)]),
        ("year:<1962", [YearRange(0, 1961)]),
        ("year:<=1962", [YearRange(0, 1962)]),
        ("year:=1961", [YearRange(1961, 1961)]),
        ("Year:1961", [YearRange(1961, 1961)]),
    ],
)
def test_year_filters(text: str, years: list[YearRange]) -> None:
    query = parse_query(text)
    assert list(query.years) == years
    assert query.terms == ()
    assert query.hint == ""


@pytest.mark.parametrize("text", ["is:fav", "is:favourite", "is:Favorites", "IS:fav"])
def test_is_fav_keeps_favourites(text: str) -> None:
    assert parse_query(text).favourites_only


@pytest.mark.parametrize(
    ("text", "ratings"),
    [
        ("rating:4", [RatingRange(4, 4)]),
        ("rating:0", [RatingRange(0, 0)]),  # unrated
        ("rating:5", [RatingRange(5, 5)]),
        ("rating:=3", [RatingRange(3, 3)]),
        ("rating:>=4", [RatingRange(4, 5)]),
        ("rating:>4", [RatingRange(4.5, 5)]),  # half stars
        ("rating:3.5", [RatingRange(3.5, 3.5)]),
        ("rating:4.0", [RatingRange(4, 4)]),
        ("rating:2.5..4", [RatingRange(2.5, 4)]),
        ("rating:<2", [RatingRange(0, 1.5)]),
        ("rating:<=2", [RatingRange(0, 2)]),
        ("rating:3..5", [RatingRange(3, 5)]),
        ("rating:5..3", [RatingRange(3, 5)]),
        ("rating:3..", [RatingRange(3, 5)]),
        ("rating:..2", [RatingRange(0, 2)]),
        ("Rating:4", [RatingRange(4, 4)]),
        ("rating:>=1 rating:<5", [RatingRange(1, 5), RatingRange(0, 4.5)]),
    ],
)
def test_rating_filters(text: str, ratings: list[RatingRange]) -> None:
    query = parse_query(text)
    assert list(query.ratings) == ratings
    assert query.terms == ()
    assert query.years == ()
    assert query.hint == ""
    assert not query.is_empty


@pytest.mark.parametrize("text", ["is:watched", "IS:Watched"])
def test_is_watched_keeps_watched_films(text: str) -> None:
    query = parse_query(text)
    assert query.watched_only
    assert not query.favourites_only
    assert query.hint == ""
    assert not query.is_empty


def test_is_fav_and_is_watched_combine() -> None:
    query = parse_query("is:fav is:watched")
    assert (query.favourites_only, query.watched_only) == (True, True)


@pytest.mark.parametrize(
    ("text", "hint_part", "terms"),
    [
        ("year:abc", "year:", []),
        ("year:", "year:", []),
        ("year:..", "year:", []),
        ("year:19610", "year:", []),
        ("-year:1961", "-year:", []),
        ("is:nonsense", "is:watched", []),
        ("rating:abc", "rating:", []),
        ("rating:", "rating:", []),
        ("rating:..", "rating:", []),
        ("rating:9", "rating:", []),
        ("rating:6..9", "rating:", []),
        ("rating:2..6", "rating:", []),
        ("rating:>5", "rating:", []),
        ("rating:<0", "rating:", []),
        ("rating:>=6", "rating:", []),
        ("rating:-1", "rating:", []),
        ("rating:4.7", "rating:", []),  # not in half stars
        ("rating:4.55", "rating:", []),
        ("rating:★★★★", "rating:", []),
        ("-rating:4", "-rating:", []),
        ("title:", "title:", []),
        ('title:""', "title:", []),
        ("desc: venus", "desc:", [Term("venus")]),
        ('"per asp', "Unclosed quote", [Term("per asp", phrase=True)]),
        ('venus "', "Unclosed quote", [Term("venus")]),
    ],
)
def test_malformed_parts_give_a_hint_and_are_ignored_or_searched_as_text(
    text: str, hint_part: str, terms: list[Term]
) -> None:
    query = parse_query(text)
    assert hint_part in query.hint
    assert list(query.terms) == terms


@pytest.mark.parametrize(
    "text", ["", "   ", "-", '""', "year:abc", "rating:9", "is:nonsense", "runtime:x"]
)
def test_queries_that_ask_nothing_are_empty(text: str) -> None:
    assert parse_query(text).is_empty


def test_is_hint_names_both_words() -> None:
    hint = parse_query("is:nonsense").hint
    assert "is:fav" in hint
    assert "is:watched" in hint


def test_a_bad_rating_leaves_the_rest_of_the_query() -> None:
    query = parse_query("venus rating:9 is:watched")
    assert query.terms == (Term("venus"),)
    assert query.ratings == ()
    assert query.watched_only
    assert "rating:" in query.hint


def test_parts_combine() -> None:
    query = parse_query(
        'planet -storms year:1960..1985 is:fav "third planet" rating:>=3 is:watched'
    )
    assert query == Query(
        terms=(Term("planet"), Term("third planet", phrase=True)),
        excluded=(Term("storms"),),
        years=(YearRange(1960, 1985),),
        ratings=(RatingRange(3, 5),),
        marks=(("favourite", True), ("watched", True)),
    )


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("director:tarkovsky", [Term("tarkovsky", "directors")]),
        ("cast:banionis", [Term("banionis", "cast")]),
        ("genre:drama", [Term("drama", "genres")]),
        ("country:USSR", [Term("ussr", "countries")]),
        ("lang:russian", [Term("russian", "languages")]),
        ("orig:Солярис", [Term("solyaris", "original_title")]),
        ("original:solaris", [Term("solaris", "original_title")]),
        ("imdb:tt0069293", [Term("tt0069293", "imdb_id")]),
        ("tag:rewatch", [Term("rewatch", "tags")]),
        ('Director:"andrei tarkovsky"', [Term("andrei tarkovsky", "directors", phrase=True)]),
    ],
)
def test_every_field_has_a_prefix(text: str, terms: list[Term]) -> None:
    query = parse_query(text)
    assert list(query.terms) == terms
    assert query.hint == ""


@pytest.mark.parametrize(
    ("text", "runtimes"),
    [
        ("runtime:90", [NumberRange(90, 90)]),
        ("runtime:<90", [NumberRange(0, 89)]),
        ("runtime:90..120", [NumberRange(90, 120)]),
        ("runtime:>=120", [NumberRange(120, 999_999)]),
    ],
)
def test_runtime_takes_minutes(text: str, runtimes: list[NumberRange]) -> None:
    assert list(parse_query(text).runtimes) == runtimes


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("watched:2024", ["2024-01-01", "2024-12-31"], ["2023-12-31", "2025-01-01"]),
        ("watched:2024-05", ["2024-05-01", "2024-05-31"], ["2024-04-30", "2024-06-01"]),
        ("watched:2024-05-17", ["2024-05-17"], ["2024-05-16", "2024-05-18"]),
        ("watched:2020..2023", ["2020-01-01", "2023-12-31"], ["2019-12-31", "2024-01-01"]),
        ("watched:2023..2020", ["2020-01-01", "2023-12-31"], ["2019-12-31", "2024-01-01"]),
        ("watched:2024-03..", ["2024-03-01", "2030-01-01"], ["2024-02-29"]),
        ("watched:..2019", ["1999-01-01", "2019-12-31"], ["2020-01-01"]),
        ("watched:>2023", ["2024-01-01"], ["2023-12-31"]),
        ("watched:>=2023", ["2023-01-01"], ["2022-12-31"]),
        ("watched:<2020", ["2019-12-31"], ["2020-01-01"]),
        ("watched:<2024-01", ["2023-12-31"], ["2024-01-01"]),
        ("watched:<=2024-05", ["2024-05-31"], ["2024-06-01"]),
        ("watched:<2024-05-17", ["2024-05-16"], ["2024-05-17"]),
    ],
)
def test_watched_takes_years_months_and_days(
    text: str, inside: list[str], outside: list[str]
) -> None:
    (days,) = parse_query(text).watches
    assert all(day in days for day in inside)
    assert not any(day in days for day in outside)


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("is:watchlist", [("watchlist", True)]),
        ("-is:watched", [("watched", False)]),
        ("-is:fav is:watchlist", [("favourite", False), ("watchlist", True)]),
        ("is:fav is:favourite", [("favourite", True)]),
    ],
)
def test_is_marks_and_their_negation(text: str, marks: list[tuple[str, bool]]) -> None:
    query = parse_query(text)
    assert list(query.marks) == marks
    assert query.reads_marks and query.hint == ""


@pytest.mark.parametrize(
    ("text", "terms", "numbers"),
    [
        ("budget:cheap", [Term("cheap", "own:budget")], []),
        ("BUDGET:1000000", [Term("1000000", "own:budget")], []),  # a lone number is text
        ("budget:>1000000", [], [("budget", ">1000000")]),
        ("budget:2..5", [], [("budget", "2..5")]),
        ("budget:<=-2.5", [], [("budget", "<=-2.5")]),
    ],
)
def test_own_fields_are_prefixes_by_name(
    text: str, terms: list[Term], numbers: list[tuple[str, str]]
) -> None:
    query = parse_query(text, {"budget"})
    assert list(query.terms) == terms
    assert [name for name, _ in query.own_numbers] == [name for name, _ in numbers]
    assert query.hint == ""


def test_own_number_comparisons_are_strict_and_ranges_inclusive() -> None:
    (_, above), (_, between) = parse_query("budget:>1000000 budget:2..5", {"budget"}).own_numbers
    assert 1_000_000 not in above and 1_000_001 in above and 1_000_000.5 in above
    assert 2 in between and 5 in between and 5.01 not in between


@pytest.mark.parametrize(
    ("text", "hint_part"),
    [
        ("runtime:abc", "runtime:"),
        ("runtime:0", "runtime:"),
        ("-runtime:90", "-runtime:"),
        ("watched:2024-13", "watched:"),
        ("watched:2023-02-29", "watched:"),
        ("watched:", "watched:"),
        ("watched:..", "watched:"),
        ("-watched:2024", "-watched:"),
        ("director:", "director:"),
        ("budget:5", "budget: is no film's field"),
        ("directr:lem", "did you mean director:?"),
    ],
)
def test_new_malformed_parts_give_a_hint(text: str, hint_part: str) -> None:
    assert hint_part in parse_query(text).hint


@pytest.mark.parametrize("text", ["12:00", "Trek:", "http://example.com"])
def test_colons_in_text_are_not_taken_for_fields(text: str) -> None:
    query = parse_query(text)
    assert [term.text for term in query.terms] == [text.lower()]
    assert query.hint == ""
