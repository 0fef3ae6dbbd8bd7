"""Search as ordinary Python: matching, typo tolerance, ranking, sorting, highlights."""

from __future__ import annotations

import json
import threading

import pytest

from tests.search_oracle import year_sort_key
from tui.model.film import Film, film_from_document
from tui.model.marks import UserMarks
from tui.search.index import SearchIndex
from tui.search.orders import Sort, next_sort
from tui.search.query import parse_query
from tui.store.locations import bundled_catalog_bytes

FAVOURITES = frozenset({"star-voyage-1962", "planet-of-storms-1961"})


def bundled_films() -> list[Film]:
    table = json.loads(bundled_catalog_bytes())["films"]
    return [film_from_document(doc).film for doc in table.values()]


BUNDLED = SearchIndex(bundled_films())


def found(index: SearchIndex, query: str, sort: Sort = Sort.RELEVANCE) -> list[str]:
    return [f.title for f in index.find(query, favourites=FAVOURITES, sort=sort).films]


def film(title: str, year: int | None = 2000, description: str = "", fact: str = "") -> Film:
    return Film(f"{title}-{year}", title, year, description, fact)


# -- the examples of the issue, on the bundled catalog ---------------------------

ALL = 10

BUNDLED_CASES = [
    # plain words: every word, any field
    ("venus", ["The First Spaceship on Venus", "Planet of Storms"]),
    ("venus signal", ["The First Spaceship on Venus"]),
    ("TERESHKOVA", ["A Dream Come True"]),
    ("1984", ["The Return from Orbit"]),
    ("corman", ["Planet of Storms"]),
    ("orbit", ["The Return from Orbit"]),
    # typos and partial words
    ("cassiopea", ["Moscow-Cassiopeia"]),
    ("cassio", ["Moscow-Cassiopeia"]),
    ("per aspra", ["Per Aspera Ad Astra"]),
    ("mountaineers", ["The Dead Mountaineer's Hotel"]),
    ("xyzq", []),
    # phrase, exclusion, scopes
    ('"per aspera"', ["Per Aspera Ad Astra"]),
    ('"aspera per"', []),
    ("venus -storms", ["The First Spaceship on Venus"]),
    ('venus -"planet of"', ["The First Spaceship on Venus"]),
    ("title:planet", ["Planet of Storms", "The Mystery of the Third Planet"]),
    ("title:venus", ["The First Spaceship on Venus"]),
    ("desc:tereshkova", ["A Dream Come True"]),
    ("fact:corman", ["Planet of Storms"]),
    ("desc:corman", []),
    ("-title:the title:planet", ["Planet of Storms"]),
    # years and favourites
    ("year:1961", ["Planet of Storms"]),
    (
        "year:1960..1969",
        ["The First Spaceship on Venus", "Planet of Storms", "Star Voyage", "A Dream Come True"],
    ),
    (
        "year:>1975",
        [
            "The Dead Mountaineer's Hotel",
            "The Mystery of the Third Planet",
            "Per Aspera Ad Astra",
            "The Return from Orbit",
        ],
    ),
    (
        "year:<=1962",
        ["The Sky Beckons", "The First Spaceship on Venus", "Planet of Storms", "Star Voyage"],
    ),
    ("is:fav", ["Planet of Storms", "Star Voyage"]),
    ("is:fav year:1962", ["Star Voyage"]),
    ("is:fav venus", ["Planet of Storms"]),
]


@pytest.mark.parametrize(("query", "titles"), BUNDLED_CASES)
def test_bundled_catalog_examples(query: str, titles: list[str]) -> None:
    assert found(BUNDLED, query) == titles


@pytest.mark.parametrize(
    ("query", "count", "hint_part"),
    [
        ("year:abc", ALL, "year:"),
        ('"unclosed', 0, "Unclosed quote"),
        ('"per aspe', 1, "Unclosed quote"),
        ("title:", ALL, "title:"),
        ("is:nonsense", ALL, "is:"),
        ("venus year:abc", 2, "year:"),
    ],
)
def test_malformed_queries_still_search_and_give_a_hint(
    query: str, count: int, hint_part: str
) -> None:
    result = BUNDLED.find(query)
    assert len(result.films) == count
    assert hint_part in result.hint


def test_empty_query_lists_everything_in_title_order() -> None:
    titles = found(BUNDLED, "")
    assert len(titles) == ALL
    assert titles[:2] == ["The Dead Mountaineer's Hotel", "A Dream Come True"]  # articles ignored


def test_favourites_only_keeps_the_favourites_whatever_the_query() -> None:
    result = BUNDLED.find("", favourites={"star-voyage-1962"}, favourites_only=True)
    assert [f.title for f in result.films] == ["Star Voyage"]
    result = BUNDLED.find("venus", favourites={"star-voyage-1962"}, favourites_only=True)
    assert list(result.films) == []


# -- folding: case, accents, width, scripts ------------------------------------

FOLDING = SearchIndex(
    [
        film("Café Society", description="Wiener Straße"),
        film("Москва — Кассиопея", 1973, "Ёлка и звёзды"),
        film("ＡＢＣ Ｍｕｒｄｅｒｓ"),
        film("Naïve Ångström"),
        film("Don’t Look Now", 1973, "“Nothing is what it seems” — a Venice ghost story"),
        film("Spider‐Man – Into the Spider‑Verse", 2018),
    ]
)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("cafe", ["Café Society"]),
        ("CAFÉ", ["Café Society"]),
        ("strasse", ["Café Society"]),
        ("кассиопея", ["Москва — Кассиопея"]),
        ("МОСКВА", ["Москва — Кассиопея"]),
        ("елка", ["Москва — Кассиопея"]),
        ("кассеопея", ["Москва — Кассиопея"]),  # a typo in Cyrillic
        ("abc murders", ["ＡＢＣ Ｍｕｒｄｅｒｓ"]),
        ("ａｂｃ", ["ＡＢＣ Ｍｕｒｄｅｒｓ"]),
        ("naive angstrom", ["Naïve Ångström"]),
        ("don't", ["Don’t Look Now"]),  # typed quotes and dashes find the typeset ones
        ("don’t", ["Don’t Look Now"]),
        ("spider-man", ["Spider‐Man – Into the Spider‑Verse"]),
        ("spider-verse", ["Spider‐Man – Into the Spider‑Verse"]),
    ],
)
def test_matching_ignores_case_accents_and_width(query: str, titles: list[str]) -> None:
    assert found(FOLDING, query) == titles


# -- transliteration: Latin finds Cyrillic, Cyrillic finds Latin ------------------

TRANSLITERATED = SearchIndex(
    [
        Film(
            "solaris-1972",
            "Solaris",
            1972,
            original_title="Солярис",
            directors=("Андрей Тарковский",),
        ),
        film("Солярис", 1968),
        film("Андрей Рублёв", 1966),
        film("Stalker", 1979),
        film("Ёжик в тумане", 1975),
        film("Подъём", 1980),
        film("Белый Бим Чёрное ухо", 1977),
    ]
)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("solyaris", ["Солярис", "Solaris"]),  # its title, then its original title
        ("Солярис", ["Солярис", "Solaris"]),  # the original script ranks as it did
        ("original:solyaris", ["Solaris"]),
        ("rublev", ["Андрей Рублёв"]),
        ("rublyov", ["Андрей Рублёв"]),  # ё as `yo`, the other common way
        ("andrei rublev", ["Андрей Рублёв"]),
        ("andrey", ["Андрей Рублёв", "Solaris"]),  # a title, then a director
        ("сталкер", ["Stalker"]),
        ("tarkovsky", ["Solaris"]),  # -ий as `y`
        ("director:tarkovskiy", ["Solaris"]),  # and as anyascii writes it
        ("ezhik", ["Ёжик в тумане"]),
        ("yozhik v tumane", ["Ёжик в тумане"]),
        ("podem", ["Подъём"]),  # the hard sign is dropped, not an apostrophe
        ("bely bim", ["Белый Бим Чёрное ухо"]),
        ("chernoe", ["Белый Бим Чёрное ухо"]),
        ("tarkovskii", []),  # the Library of Congress way is not known
        ("rubljov", []),  # nor the scholarly one
    ],
)
def test_latin_finds_cyrillic_and_cyrillic_finds_latin(query: str, titles: list[str]) -> None:
    assert found(TRANSLITERATED, query) == titles


@pytest.mark.parametrize(
    ("query", "text", "marked"),
    [
        ("solyaris", "Солярис", ["Солярис"]),
        ("сталкер", "Stalker", ["Stalker"]),
        ("rublev", "Андрей Рублёв", ["Рублёв"]),
        ("lyar", "Солярис", ["ляр"]),
        ("rublyov", "Андрей Рублёв", []),  # found by its other spelling: nothing marked
        ("podem", "Подъём", ["Подъём"]),
    ],
)
def test_a_transliterated_match_highlights_the_original_letters(
    query: str, text: str, marked: list[str]
) -> None:
    highlighter = TRANSLITERATED.find(query).highlighter
    assert [text[a:b] for a, b in highlighter.spans(text, "title")] == marked


# -- ranking --------------------------------------------------------------------

RANKING = SearchIndex(
    [
        film("Starfall", 1990),
        film("Star", 2005),
        film("Star Voyage", 1962),
        film("Dark Star", 1974),
        film("The Star", 1950),
        film("Lone Stars", 1980),
        film("Stur", 1985),
        film("Nebula", 1970, description="A star is born."),
        film("Nebula", 1960, fact="A star is born."),
        film("Mustard", 1999),
        film("Voyagers", 2001),
    ]
)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        # exact title (an article may be left out), then title prefix (by year),
        # then a whole title word, then part of a title word, then elsewhere
        (
            "star",
            [
                "The Star",
                "Star",
                "Star Voyage",
                "Starfall",
                "Dark Star",
                "Lone Stars",
                "Mustard",
                "Nebula",
                "Nebula",
            ],
        ),
        ("star voyage", ["Star Voyage"]),
        ("voyage", ["Voyagers", "Star Voyage"]),  # a title prefix beats a whole word
        ("starfal", ["Starfall"]),
        # close spellings (typos, plurals) come after every exact title hit, by year
        ("voyagers", ["Voyagers", "Star Voyage"]),
        ("stars", ["Lone Stars", "The Star", "Star Voyage", "Dark Star", "Star"]),
    ],
)
def test_ranking_rules(query: str, titles: list[str]) -> None:
    assert found(RANKING, query) == titles


def test_fuzzy_title_hit_ranks_below_exact_and_above_description() -> None:
    index = SearchIndex(
        [
            film("Cassiopeia Rising", 1990),
            film("Moscow-Cassiopea", 1973),
            film("Dim Lights", 1960, description="The cassiopeia constellation."),
        ]
    )
    assert found(index, "cassiopeia") == ["Cassiopeia Rising", "Moscow-Cassiopea", "Dim Lights"]


def test_a_word_many_titles_hold_finds_no_close_spellings() -> None:
    # The issue's `qk04217`: ten titles hold it, so the titles one typo away
    # (`Qk047217`, `Qk014217`) are noise, not help.
    exact = [film(f"Qk04217 {n}", 1990 + n) for n in range(10)]
    index = SearchIndex([*exact, film("Qk047217", 1950), film("Qk014217", 1951)])
    assert found(index, "qk04217") == [f.title for f in exact]


def test_a_word_few_titles_hold_still_finds_close_spellings() -> None:
    # At most FEW_EXACT titles hold it: the one wanted may be spelled otherwise.
    index = SearchIndex(
        [film("Qk04217", 1990), film("Qk04217 Again", 1991), film("Qk047217", 1950)]
    )
    assert found(index, "qk04217") == ["Qk04217", "Qk04217 Again", "Qk047217"]
    index = SearchIndex(
        [film(f"Qk04217 {n}", 1990 + n) for n in range(3)] + [film("Qk047217", 1950)]
    )
    assert "Qk047217" not in found(index, "qk04217")


def test_ties_go_by_year_then_title() -> None:
    index = SearchIndex(
        [film("Beta Star", 1970), film("Alpha Star", 1970), film("Gamma Star", 1960)]
    )
    assert found(index, "star") == ["Gamma Star", "Alpha Star", "Beta Star"]


def test_unknown_years_go_last_in_year_order() -> None:
    index = SearchIndex([film("Star A", None), film("Star B", 1990), film("Star C", 1980)])
    assert found(index, "star", Sort.YEAR) == ["Star C", "Star B", "Star A"]


def test_short_words_and_numbers_never_match_loosely() -> None:
    index = SearchIndex([film("Star", 1961), film("Stab", 1962)])
    assert found(index, "star") == ["Star"]
    assert found(index, "1963") == []


# -- sorting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "titles"),
    [
        (Sort.RELEVANCE, ["Planet of Storms", "The Mystery of the Third Planet"]),
        (Sort.TITLE, ["The Mystery of the Third Planet", "Planet of Storms"]),
        (Sort.YEAR, ["Planet of Storms", "The Mystery of the Third Planet"]),
    ],
)
def test_the_chosen_sort_orders_a_query(sort: Sort, titles: list[str]) -> None:
    assert found(BUNDLED, "planet", sort) == titles


def test_without_a_query_relevance_means_title_order() -> None:
    result = BUNDLED.find("", sort=Sort.RELEVANCE)
    assert result.sort is Sort.TITLE
    keys = [year_sort_key(f) for f in BUNDLED.find("", sort=Sort.YEAR).films]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("chosen", "has_query", "after"),
    [
        (Sort.RELEVANCE, True, Sort.TITLE),
        (Sort.TITLE, True, Sort.YEAR),
        (Sort.YEAR, True, Sort.RATING),
        (Sort.RATING, True, Sort.RUNTIME),
        (Sort.RUNTIME, True, Sort.LAST_WATCHED),
        (Sort.LAST_WATCHED, True, Sort.RELEVANCE),
        (Sort.RELEVANCE, False, Sort.YEAR),  # relevance shows as title without a query
        (Sort.TITLE, False, Sort.YEAR),
        (Sort.YEAR, False, Sort.RATING),
        (Sort.LAST_WATCHED, False, Sort.TITLE),
    ],
)
def test_s_cycles_the_sort(chosen: Sort, has_query: bool, after: Sort) -> None:
    assert next_sort(chosen, has_query) is after


@pytest.mark.parametrize(
    ("value", "sort"),
    [
        ("year", Sort.YEAR),
        ("title", Sort.TITLE),
        ("nonsense", Sort.RELEVANCE),
        (None, Sort.RELEVANCE),
    ],
)
def test_a_remembered_sort_is_read_safely(value: object, sort: Sort) -> None:
    assert Sort.read(value) is sort


# -- highlights ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text", "field", "marked"),
    [
        ("venus", "The First Spaceship on Venus", "title", ["Venus"]),
        ("on", "The First Spaceship on Venus", "title", ["on"]),
        ("cafe", "Un Café, deux cafés", "title", ["Café", "café"]),
        ("strasse", "Wiener Straße", "desc", ["Straße"]),
        ('"per aspera"', "Per Aspera Ad Astra", "title", ["Per Aspera"]),
        ("cassiopea", "Moscow-Cassiopeia", "title", ["Cassiopeia"]),
        ("desc:venus", "Venus", "title", []),
        ("desc:venus", "to Venus", "desc", ["Venus"]),
        ("title:storm", "a storm", "fact", []),
        ("-venus", "Venus", "title", []),
        ("kasse", "Кассе [b]x[/b] kasse", "title", ["Кассе", "kasse"]),  # in both scripts
        ("[b]", "a [b]bold[/b] title", "title", ["[b]"]),
    ],
)
def test_highlight_spans_mark_the_matched_characters(
    query: str, text: str, field: str, marked: list[str]
) -> None:
    index = SearchIndex([film(text, description=text, fact=text), film("Moscow-Cassiopeia")])
    highlighter = index.find(query).highlighter
    spans = highlighter.spans(text, field)
    assert [text[start:end] for start, end in spans] == marked


def test_highlight_spans_land_on_the_original_characters_after_folding() -> None:
    text = "ﬁne Ｃａｆé ß"  # ligature, full width, accent: folding changes lengths
    highlighter = SearchIndex([film(text)]).find("fine cafe ss").highlighter
    assert [text[a:b] for a, b in highlighter.spans(text, "title")] == ["ﬁne", "Ｃａｆé", "ß"]


# -- suggestions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("mosko kasiopeya", "Moscow-Cassiopeia"),
        ("frst spceship venos", "The First Spaceship on Venus"),
        ("plnt of strms", "Planet of Storms"),
        ("dreem cum tru", "A Dream Come True"),
        ("xyzq", None),
        ("qqqqqqqq", None),
        ("", None),
    ],
)
def test_suggest_offers_the_nearest_title_when_close(query: str, suggestion: str | None) -> None:
    assert found(BUNDLED, query) == [] or query == ""
    near = BUNDLED.suggest(query)
    assert (near.title if near else None) == suggestion


# -- speed: later keystrokes narrow earlier results ------------------------------------


def test_typing_more_letters_narrows_cached_results() -> None:
    films = [
        film(f"Film {n} {'venus' if n % 3 == 0 else 'mars'}", 1950 + n % 60) for n in range(300)
    ]
    index = SearchIndex(films)
    for end in range(1, len("venus") + 1):
        prefix = "venus"[:end]
        expected = sorted(f.title for f in films if prefix in f.title.lower() + str(f.year))
        assert sorted(f.title for f in index.find(prefix, sort=Sort.TITLE).films) == expected
    assert len(index.find("venus").films) == 100
    assert len(index.find("venu").films) == 100  # from the cache, unchanged


def test_year_filters_combine_with_and() -> None:
    assert found(BUNDLED, "year:>1960 year:<1962") == ["Planet of Storms"]


def test_films_of_unknown_year_never_match_a_year_filter() -> None:
    index = SearchIndex([film("Star A", None), film("Star B", 1990)])
    assert found(index, "year:0..9999") == ["Star B"]


def test_a_changed_favourite_set_is_not_answered_from_the_cache() -> None:
    index = SearchIndex(bundled_films())
    first = index.find("is:fav", favourites={"star-voyage-1962"}).films
    second = index.find("is:fav", favourites={"planet-of-storms-1961"}).films
    assert [f.title for f in first] == ["Star Voyage"]
    assert [f.title for f in second] == ["Planet of Storms"]


def test_the_same_search_again_keeps_its_own_hint() -> None:
    index = SearchIndex(bundled_films())
    assert index.find("venus").hint == ""
    assert "year:" in index.find("venus year:abc").hint
    assert [f.title for f in index.find("venus year:abc").films] == found(BUNDLED, "venus")


def test_searches_from_several_threads_do_not_disturb_each_other() -> None:
    from concurrent.futures import ThreadPoolExecutor

    films = [film(f"Film {n} {'venus' if n % 3 else 'mars'}", 1950 + n % 60) for n in range(2000)]
    index = SearchIndex(films)
    queries = ["v", "ve", "ven", "venu", "venus", "m", "ma", "mars", "film 1", "year:1960"] * 20
    expected = {q: len(SearchIndex(films).find(q).films) for q in set(queries)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        counts = list(pool.map(lambda q: (q, len(index.find(q).films)), queries))
    assert all(count == expected[q] for q, count in counts)


# -- the user's notes ---------------------------------------------------------------

NOTES = {"planet-of-storms-1961": "Saw it with Grandpa; the robot John is the best part."}


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("grandpa", ["Planet of Storms"]),
        ("note:grandpa", ["Planet of Storms"]),
        ("notes:robot john", ["Planet of Storms"]),
        ("desc:grandpa", []),
        ("title:grandpa", []),
        ("-grandpa venus", ["The First Spaceship on Venus"]),
    ],
)
def test_the_users_notes_are_searched(query: str, titles: list[str]) -> None:
    index = SearchIndex(bundled_films(), notes=NOTES)
    assert found(index, query) == titles


def test_notes_matches_are_highlighted() -> None:
    index = SearchIndex(bundled_films(), notes=NOTES)
    highlighter = index.find("grandpa").highlighter
    text = NOTES["planet-of-storms-1961"]
    assert [text[a:b] for a, b in highlighter.spans(text, "notes")] == ["Grandpa"]


# -- the user's own fields: is:watched and rating: ------------------------------------

PERSONAL = {
    "planet-of-storms-1961": UserMarks(rating=4, watched=True),
    "star-voyage-1962": UserMarks(favourite=True, rating=5),
    "moscow-cassiopeia-1973": UserMarks(rating=2, watched=True),
    "the-sky-beckons-1959": UserMarks(watched=True),  # watched, never rated
    "a-dream-come-true-1963": UserMarks(notes="rated once, then not", rating=0),
    "no-such-film": UserMarks(rating=4, watched=True),  # not in the catalog: ignored
}
RATED = {"Planet of Storms", "Star Voyage", "Moscow-Cassiopeia"}
UNRATED = {f.title for f in bundled_films()} - RATED


def found_with(index: SearchIndex, query: str, personal: object = PERSONAL) -> set[str]:
    result = index.find(query, favourites=FAVOURITES, personal=personal)  # type: ignore[arg-type]
    titles = [f.title for f in result.films]
    assert len(titles) == len(set(titles))
    return set(titles)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("rating:4", {"Planet of Storms"}),
        ("rating:=5", {"Star Voyage"}),
        ("rating:>=4", {"Planet of Storms", "Star Voyage"}),
        ("rating:>3", {"Planet of Storms", "Star Voyage"}),
        ("rating:3..5", {"Planet of Storms", "Star Voyage"}),
        ("rating:1..2", {"Moscow-Cassiopeia"}),
        ("rating:3", set()),
        ("rating:>0", RATED),
        ("rating:0", UNRATED),  # unrated: no personal fields, or rating 0
        ("rating:<2", UNRATED),
        ("rating:<=2", UNRATED | {"Moscow-Cassiopeia"}),
        ("rating:..4", UNRATED | {"Moscow-Cassiopeia", "Planet of Storms"}),
        ("rating:>=1 rating:<5", {"Planet of Storms", "Moscow-Cassiopeia"}),  # AND
        ("rating:9", {f.title for f in bundled_films()}),  # unreadable: ignored, with a hint
        ("is:watched", {"Planet of Storms", "Moscow-Cassiopeia", "The Sky Beckons"}),
        ("is:watched rating:>0", {"Planet of Storms", "Moscow-Cassiopeia"}),
        ("is:watched rating:0", {"The Sky Beckons"}),
        ("is:watched is:fav", {"Planet of Storms"}),
        ("is:fav rating:5", {"Star Voyage"}),
        ("is:watched storms", {"Planet of Storms"}),
        ("is:watched -storms", {"Moscow-Cassiopeia", "The Sky Beckons"}),
        ("planet rating:0", {"The Mystery of the Third Planet"}),
        ("year:<1965 rating:>=4", {"Planet of Storms", "Star Voyage"}),
        ("year:1960..1970 is:watched", {"Planet of Storms"}),
        ("rating:>=4 year:1961", {"Planet of Storms"}),
    ],
)
def test_watched_and_rating_filters(query: str, titles: set[str]) -> None:
    index = SearchIndex(bundled_films())
    assert found_with(index, query) == titles


HALF_STARS = {
    "planet-of-storms-1961": UserMarks(rating=3.5),  # type: ignore[arg-type]
    "star-voyage-1962": UserMarks(rating=0.5),  # type: ignore[arg-type]
    "moscow-cassiopeia-1973": UserMarks(rating=4),
}


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("rating:3..5", {"Planet of Storms", "Moscow-Cassiopeia"}),
        ("rating:>=3", {"Planet of Storms", "Moscow-Cassiopeia"}),
        ("rating:>3", {"Planet of Storms", "Moscow-Cassiopeia"}),
        ("rating:<4", {"Planet of Storms", "Star Voyage"} | UNRATED),
        ("rating:<=3", {"Star Voyage"} | UNRATED),
        ("rating:1..3", set()),
        ("rating:4", {"Moscow-Cassiopeia"}),
        ("rating:3.5", {"Planet of Storms"}),
        ("rating:>=3.5", {"Planet of Storms", "Moscow-Cassiopeia"}),
        ("rating:<1", {"Star Voyage"} | UNRATED),
        ("rating:0", UNRATED),
    ],
)
def test_half_star_ratings_are_filtered_like_whole_ones(query: str, titles: set[str]) -> None:
    """Letterboxd rates in half stars: a film rated 3.5 is in `rating:3..5`, `<4`, `>3`."""
    index = SearchIndex(bundled_films())
    assert found_with(index, query, HALF_STARS) == titles


def test_a_rating_that_is_not_in_half_stars_is_not_read() -> None:
    for text in ("rating:3.7", "rating:2.25", "rating:5.5", "rating:>=4.55"):
        assert "rating:" in parse_query(text).hint, text
        assert parse_query(text).ratings == ()


def test_without_personal_fields_every_film_is_unwatched_and_unrated() -> None:
    index = SearchIndex(bundled_films())
    everything = {f.title for f in bundled_films()}
    nothing: tuple[dict[str, UserMarks] | None, ...] = (None, {})
    for personal in nothing:
        assert found_with(index, "is:watched", personal) == set()
        assert found_with(index, "rating:4", personal) == set()
        assert found_with(index, "rating:0", personal) == everything
        assert found_with(index, "rating:<3", personal) == everything


def test_personal_fields_are_ignored_when_the_query_does_not_ask() -> None:
    index = SearchIndex(bundled_films())
    assert found_with(index, "venus") == set(found(BUNDLED, "venus"))
    assert [f.title for f in index.find("", personal=PERSONAL).films] == found(BUNDLED, "")


def test_changed_watched_marks_and_ratings_are_not_answered_from_the_cache() -> None:
    index = SearchIndex(bundled_films())
    only_star_voyage = {"star-voyage-1962": UserMarks(watched=True, rating=4)}
    rerated = {**PERSONAL, "planet-of-storms-1961": UserMarks(rating=3, watched=True)}
    unrated = {**PERSONAL, "planet-of-storms-1961": UserMarks()}
    steps = [
        ("is:watched st", only_star_voyage),
        ("is:watched sta", PERSONAL),
        ("is:watched st", PERSONAL),
        ("is:watched sta", only_star_voyage),
        ("rating:4", only_star_voyage),
        ("rating:4", PERSONAL),
        ("rating:4", rerated),
        ("rating:0 plane", rerated),
        ("rating:0 planet", unrated),
        ("rating:0 plane", unrated),
        ("rating:0 plane", PERSONAL),
    ]
    for query, personal in steps:
        assert found_with(index, query, personal) == found_with(
            SearchIndex(bundled_films()), query, personal
        ), (query, personal)
    assert found_with(index, "is:watched sta", only_star_voyage) == {"Star Voyage"}
    assert found_with(index, "rating:4", rerated) == set()
    assert found_with(index, "rating:0 planet", unrated) == {
        "Planet of Storms",
        "The Mystery of the Third Planet",
    }
    assert found_with(index, "rating:0 planet", PERSONAL) == {"The Mystery of the Third Planet"}


def test_rating_filters_narrow_a_big_catalog_like_a_fresh_index() -> None:
    films = [film(f"Film {n} {'venus' if n % 3 else 'mars'}", 1950 + n % 60) for n in range(3000)]
    personal = {f.id: UserMarks(rating=n % 6, watched=n % 4 == 0) for n, f in enumerate(films)}
    index = SearchIndex(films)
    for query in ["rating:>=4", "rating:>=4 v", "rating:>=4 ve", "rating:<2 venus", "is:watched"]:
        expected = SearchIndex(films).find(query, personal=personal).films
        assert index.find(query, personal=personal).films == expected
    count = len(index.find("rating:5 is:watched", personal=personal).films)
    assert count == sum(1 for n in range(3000) if n % 6 == 5 and n % 4 == 0)


def test_the_searchable_text_is_built_only_when_a_search_needs_it() -> None:
    """The first screen (every film, by title) costs a sort, not the whole index."""
    index = SearchIndex(bundled_films())
    assert not index.built
    assert len(index.find("").films) == ALL
    assert not index.built
    assert [f.title for f in index.find("venus").films] == [
        "The First Spaceship on Venus",
        "Planet of Storms",
    ]
    assert index.built


def test_a_search_while_the_index_is_built_in_a_thread_finds_the_notes_too() -> None:
    notes = {"star-voyage-1962": "seen in Riga", "planet-of-storms-1961": "seen in Kyiv"}
    index = SearchIndex(bundled_films(), notes=notes)
    thread = threading.Thread(target=index.build)
    thread.start()
    titles = [f.title for f in index.find("seen").films]  # waits for the thread if need be
    thread.join()
    assert index.built
    assert sorted(titles) == ["Planet of Storms", "Star Voyage"]
    assert found(index, "year:<1960", Sort.YEAR) == ["The Sky Beckons"]
