"""Reading a film's year from a document: odd values are unknown years, never a crash."""

from __future__ import annotations

import pytest

from tui.model.film import film_from_document


def read(year: object) -> tuple[int | None, tuple[str, ...]]:
    parsed = film_from_document(
        {"id": "a", "title": "T", "year": year, "description": "", "fact": ""}
    )
    return parsed.film.year, parsed.problems


@pytest.mark.parametrize(
    "year",
    [10**5000, -(10**5000), "2" * 5000, 10**6, "1" * 7, "²", "1961.5", 1e300, float("inf"), True],
    ids=["int 5001 digits", "negative", "text 5000 digits", "int 7 digits", "text 7 digits",
         "superscript two", "decimal text", "1e300", "inf", "bool"],
)  # fmt: skip
def test_an_unreadable_year_is_unknown_and_a_problem(year: object) -> None:
    found, problems = read(year)
    assert found is None
    assert len(problems) == 1
    assert problems[0].startswith("year ")
    assert len(problems[0]) <= 70  # never the whole of a huge value


@pytest.mark.parametrize(
    ("year", "expected", "problem"),
    [(1961, 1961, False), (1878, 1878, False), (2031, 2031, False), (999_999, 999_999, False),
     ("1961", 1961, True), (" 1961 ", 1961, True), ("١٩٦١", 1961, True), (1961.0, 1961, True)],
)  # fmt: skip
def test_a_readable_year_is_kept(year: object, expected: int, problem: bool) -> None:
    assert read(year) == (expected, ("year " + repr(year),) if problem else ())


def test_a_huge_number_as_a_title_is_empty_text_not_a_crash() -> None:
    parsed = film_from_document({"id": "a", "title": 10**5000, "year": 1961})
    assert parsed.film.title == ""
    assert "title a number of 5001 digits" in parsed.problems
