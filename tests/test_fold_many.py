"""Folding many texts at once gives what folding each one gives."""

from __future__ import annotations

import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.model.film import Film
from tui.search import orders
from tui.search.film_text import SEPARATOR, main_texts
from tui.search.fold_many import fold_all, fold_all_searched
from tui.search.folding import fold, fold_searched
from tui.search.orders import padded_all, padded_words

# Any character a str can hold, lone surrogates too, and the ones the folding
# or the joining treat apart.
CHARACTERS = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=sys.maxunicode),
    st.sampled_from(["\0", "\ud800", "й", "ё", "Ё", "и", "ъ", "ß", "İ", "’", "—", "ﬁ", "Ꭰ", " "]),
    st.sampled_from("aZ9 -_.!"),
)
TEXTS = st.lists(st.text(CHARACTERS, max_size=12), max_size=8)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example([])
@example([""])
@example(["Андрей Рублёв", "Star", "Тарковский «Солярис»", "ё", "é", "ё"])
@example(["a\0B", "Ö"])  # a NUL: folded one by one
@example(["\ud800X", "É"])  # a lone surrogate: UTF-8 cannot hold it
def test_folding_many_is_folding_each(texts: list[str]) -> None:
    assert fold_all(texts) == [fold(text) for text in texts]
    assert fold_all_searched(texts) == [fold_searched(text) for text in texts]


def test_every_character_folds_alike_in_many() -> None:
    """Every character of the first two planes (all but a few rare scripts'
    letters), 64 to a text so that runs of them are folded together."""
    characters = [chr(c) for c in range(0x20000) if not 0xD800 <= c < 0xE000]
    texts = ["".join(characters[at : at + 64]) for at in range(0, len(characters), 64)]
    assert fold_all(texts) == [fold(text) for text in texts]
    assert fold_all(characters) == [fold(character) for character in characters]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example(["  ", "!!", "a", "a\0b", "", "..a b.."])
def test_padding_many_is_padding_each(texts: list[str]) -> None:
    assert padded_all(texts) == [padded_words(text) for text in texts]


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_padding_many_a_run_at_a_time_is_padding_each(texts: list[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(orders, "RUN", 2)  # runs of two texts, a NUL in some
        assert padded_all(texts) == [padded_words(text) for text in texts]


def test_a_films_main_text_has_its_parts_where_it_says() -> None:
    films = [
        Film("solaris-1972", "Солярис", 1972, "Kris Kelvin goes to “Solaris”.", "Тарковский."),
        Film("untitled", "", None, "", ""),
        Film("venus-1962", "Venus", 1962, "ÉCLAIR", "A fact"),
    ]
    notes = {"untitled": f"Seen at a festival{SEPARATOR}twice", "venus-1962": "Мой"}
    titles = [fold(film.title) for film in films]
    texts, starts = main_texts(films, titles, notes)
    assert texts[0].split("\n") == [
        "solyaris",
        "1972",
        'kris kelvin goes to "solaris".',
        "tarkovskiy.",
        "tarkovsky.",
        "",
    ]
    assert texts[1] == "\n—\n\n\nseen at a festival\ntwice"
    for at, (text, film) in enumerate(zip(texts, films, strict=True)):
        description, fact, noted = starts[3 * at : 3 * at + 3]
        assert text[description:].startswith(fold_searched(film.description) + "\n")
        assert text[fact:].startswith(fold_searched(film.fact) + "\n")
        assert text[noted:] == fold_searched(notes.get(film.id, "")).replace(SEPARATOR, "\n")
    assert texts[2].endswith("\na fact\nmoy\nmoi")  # the notes, in both spellings
