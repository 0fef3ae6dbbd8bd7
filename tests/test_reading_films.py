"""The catalog's documents become the same films, however they are read.

`add_films` reads a piece of well-formed five-field documents a field at a
time (`plain_films`) and claims their ids all at once (`UniqueIds.claim_all`),
and any other well-formed document quickly (`well_formed_film`);
whatever the documents, the films, their ids and the problems counted must
be those of reading them one by one with `film_from_document` and
`unique_id`; and equal texts read are one object (`SharedValues`).
"""

from __future__ import annotations

import dataclasses
import json
import tracemalloc
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.film import Film, film_from_document, plain_films, unique_id
from tui.model.shared_values import NOT_FOR, SharedValues
from tui.model.unique_ids import UniqueIds
from tui.store import tinydb_file
from tui.store.json_pieces import iter_table_pieces
from tui.store.opening import add_films, open_library


def one_by_one(pieces: list[list[Any]]) -> tuple[list[Film], int]:
    """The films and problem count of the pieces, read a document at a time."""
    films: list[Film] = []
    taken: set[str] = set()
    problems = 0
    for documents in pieces:
        for document in documents:
            if not isinstance(document, dict):
                problems += 1
                continue
            parsed = film_from_document(document)
            film_id = unique_id(parsed.film.id, taken)
            taken.add(film_id)
            film = parsed.film
            if film_id != film.id:
                film = dataclasses.replace(film, id=film_id)
            films.append(film)
            problems += bool(parsed.problems)
    return films, problems


def in_pieces(pieces: list[list[Any]]) -> tuple[list[Film], int]:
    """The films and problem count of the pieces, as `add_films` reads them."""
    films: list[Film] = []
    ids, shared = UniqueIds(), SharedValues()
    return films, sum(add_films(documents, films, ids, shared) for documents in pieces)


FIVE = ("id", "title", "year", "description", "fact")
odd_values = st.one_of(
    st.sampled_from([None, True, False, "", 0, -1, 10**6, -(10**6), 10**5000, 1961.0, "1961"]),
    st.sampled_from(["a, b", [], [1], ["a", None], {"x": 1}]),
    st.booleans(),
    st.integers(),
    st.text(max_size=3),
    st.lists(st.text(max_size=2), max_size=2),
)
names = st.lists(st.sampled_from(["Lem", "Tarkovsky", "", " x "]), max_size=3)
good = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "a-2", "b", "b-2", "c"]),
        "title": st.sampled_from(["A", "B", "Ça"]),
        "year": st.integers(-999_999, 999_999),
        "description": st.text(max_size=3),
        "fact": st.text(max_size=3),
    },
    optional={
        "original_title": st.sampled_from(["", "O"]),
        "poster": st.sampled_from(["", "p.jpg"]),
        "directors": names,
        "genres": names,
        "languages": names,
        "runtime": st.integers(1, 999_999),
        "mine": odd_values,
    },
)
PUBLIC = (*FIVE, "original_title", "poster", "imdb_id", "directors", "cast", "genres", "runtime")


@st.composite
def pieces_of_documents(draw: st.DrawFn) -> list[Any]:
    """Well-formed documents, and perhaps one with an odd value, a field too
    many or too few, or something that is not a document at all."""
    documents: list[Any] = draw(st.lists(good, max_size=5))
    kind = draw(st.sampled_from(["good", "odd value", "more", "fewer", "not one"]))
    odd = dict(draw(good))
    if kind == "odd value":
        odd[draw(st.sampled_from(PUBLIC))] = draw(odd_values)
    elif kind == "more":
        odd[draw(st.sampled_from(["genres", "runtime", "mine"]))] = draw(odd_values)
    elif kind == "fewer":
        del odd[draw(st.sampled_from(FIVE))]
    elif kind == "not one":
        odd = draw(st.sampled_from([[], "film", 3, None]))
    if kind != "good":
        documents.insert(draw(st.integers(0, len(documents))), odd)
    return documents


@settings(max_examples=500, deadline=None)
@given(st.lists(pieces_of_documents(), max_size=4))
def test_pieces_give_the_films_of_reading_one_by_one(pieces: list[list[Any]]) -> None:
    assert in_pieces(pieces) == one_by_one(pieces)


NEAR_MISSES = [
    ("id", ""), ("id", None), ("id", 7), ("title", None), ("title", 7),
    ("year", True), ("year", 10**6), ("year", -(10**6)), ("year", 1961.0), ("year", "1961"),
    ("year", None), ("description", None), ("description", 0), ("fact", None), ("fact", []),
]  # fmt: skip


def test_each_near_miss_is_read_as_one_by_one_reads_it() -> None:
    base = {"id": "a", "title": "T", "year": 1961, "description": "", "fact": ""}
    for field, value in NEAR_MISSES:
        pieces = [[dict(base, id="b"), {**base, field: value}]]
        assert in_pieces(pieces) == one_by_one(pieces), (field, value)


def test_well_formed_documents_are_read_a_field_at_a_time() -> None:
    documents = [
        {"id": f"f-{n}", "title": "T", "year": 1961, "description": "", "fact": "x"}
        for n in range(3)
    ]
    films = plain_films(documents)
    assert films == [film_from_document(document).film for document in documents]


def test_a_piece_of_repeated_ids_gets_the_ids_of_one_by_one() -> None:
    document = {"id": "same", "title": "T", "year": 1961, "description": "", "fact": ""}
    pieces = [[document, document], [dict(document, id="same-2"), document]]
    films, problems = in_pieces(pieces)
    assert [film.id for film in films] == ["same", "same-2", "same-2-2", "same-3"]
    assert (films, problems) == one_by_one(pieces)


def test_claim_all_is_claim_of_each_in_turn() -> None:
    ids, again = UniqueIds(["a-2"]), UniqueIds(["a-2"])
    assert list(ids.claim_all(["b", "c"])) == ["b", "c"]
    assert list(ids.claim_all(["a", "a", "c"])) == ["a", "a-3", "c-2"]
    assert [again.claim(base) for base in ["b", "c", "a", "a", "c"]] == [
        "b", "c", "a", "a-3", "c-2"
    ]  # fmt: skip
    assert ids.taken == again.taken


def test_equal_titles_facts_and_names_are_one_object() -> None:
    def plain(n: int) -> dict[str, Any]:
        title, fact = "".join(["The ", "Mirror"]), "".join(["Shot ", "in 1974."])
        return {"id": f"p-{n}", "title": title, "year": 1975, "description": "", "fact": fact}

    def full(n: int) -> dict[str, Any]:
        genres = ["".join(["Dra", "ma"]), "War"]
        return {**plain(n), "genres": genres, "directors": "".join(["Tarkovsky", ", Lem"])}

    def wrong(n: int) -> dict[str, Any]:
        return {**full(n), "year": "1975"}  # read by film_from_document

    pieces = [[plain(1), plain(2)], [plain(3)], [full(4), full(5), wrong(6)]]
    films, problems = in_pieces(pieces)
    assert problems == 1
    assert films[0].title == "The Mirror" and films[3].genres == ("Drama", "War")
    assert len({id(film.title) for film in films[:3]}) == 1
    assert len({id(film.fact) for film in films[:3]}) == 1
    assert films[3].genres is films[4].genres is films[5].genres
    assert films[3].directors is films[4].directors is films[5].directors
    assert films[5].directors == ("Tarkovsky", "Lem")


def test_a_field_of_new_values_is_left_alone_for_a_while() -> None:
    shared = SharedValues()
    texts = ["".join(["note ", str(n)]) for n in range(100)]
    assert shared.each("note", texts) == texts  # all new: looked up, then not for a while
    again = ["".join(["note ", str(n)]) for n in range(100)]
    assert all(a is b for a, b in zip(shared.each("note", again), again, strict=True))
    for _ in range(NOT_FOR - 1):
        shared.each("note", again)
    assert all(a is b for a, b in zip(shared.each("note", again), texts, strict=True))


def test_a_film_whose_id_was_taken_keeps_all_its_fields() -> None:
    first = {"id": "same", "title": "T", "year": 1961, "description": "", "fact": ""}
    second = {**first, "genres": ["Drama"], "directors": "Lem", "runtime": 90, "mine": 1}
    films, problems = in_pieces([[first, second]])
    assert problems == 0
    assert films[1].id == "same-2"
    assert (films[1].genres, films[1].directors, films[1].runtime) == (("Drama",), ("Lem",), 90)
    assert films[1].own == {"mine": 1}


def test_open_library_never_holds_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        tinydb_file, "iter_table_pieces", partial(iter_table_pieces, piece_bytes=20_000)
    )
    # Mostly whitespace between documents: the films made are small, the file is not.
    padding = " " * 5000
    documents = [{"id": f"f-{n}", "title": "T", "year": 1961} for n in range(1000)]
    members = f",{padding}\n".join(f'"{n}": {json.dumps(d)}' for n, d in enumerate(documents, 1))
    path = tmp_path / "films.json"
    path.write_text(f'{{"films": {{{members}}}}}')
    size = path.stat().st_size
    assert size > 5_000_000
    tracemalloc.start()
    try:
        library = open_library(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(library.films) == 1000
    assert peak < size / 4
