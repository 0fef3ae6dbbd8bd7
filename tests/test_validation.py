"""The film form's rules, as plain functions."""

from __future__ import annotations

import datetime

import pytest

from tui.model.draft import FilmDraft, check_year, make_draft

TODAY = datetime.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("1880", True),
        ("2027", True),
        ("1961", True),
        (" 1961 ", True),
        ("1879", False),
        ("2028", False),
        ("", False),
        ("19x1", False),
        ("-1961", False),
        ("1961.5", False),
    ],
)
def test_year_must_be_a_whole_number_from_1880_to_next_year(text: str, ok: bool) -> None:
    assert (check_year(text, TODAY) is None) is ok


def test_a_blank_title_is_refused() -> None:
    draft, errors = make_draft("   ", "1961", today=TODAY)
    assert draft is None
    assert set(errors) == {"title"}


def test_a_valid_draft_is_trimmed_and_typed() -> None:
    draft, errors = make_draft(" Solaris ", "1972", "d", "f", "n", today=TODAY)
    assert errors == {}
    assert draft == FilmDraft("Solaris", 1972, "d", "f", "n")
