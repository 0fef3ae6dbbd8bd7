"""A big table parsed a piece at a time comes out exactly as the whole file parses."""

from __future__ import annotations

import codecs
import json
from functools import partial
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model.film import Film
from tui.model.unique_ids import UniqueIds
from tui.store import tinydb_file
from tui.store.atomic_json import DamagedStoreError, encode, parse
from tui.store.json_pieces import Piece, iter_table_pieces
from tui.store.opening import StoreError, add_films, open_library

PIECE = 200  # bytes: small inputs split into many pieces

Items = list[tuple[str, Any]]


def document(number: int) -> dict[str, Any]:
    return {
        "id": f"film-{number}",
        "title": f"Film {number}",
        "year": 1900 + number % 120,
        "description": f"A film, number {number}.",
        "fact": "",
    }


def table_of(count: int) -> dict[str, Any]:
    return {str(number): document(number) for number in range(1, count + 1)}


def raw_of(pairs: Items, *, before: str = "", after: str = "", sep: str = ", ") -> bytes:
    """A one-line TinyDB file whose `films` table holds `pairs`, duplicates and all."""
    members = sep.join(f"{json.dumps(key)}: {json.dumps(doc)}" for key, doc in pairs)
    return f'{{{before}"films": {{{members}}}{after}}}'.encode()


def pieces(raw: bytes, piece_bytes: int = PIECE, table: str = "films") -> list[Piece]:
    return list(iter_table_pieces(raw, table, piece_bytes))


def items_read(raw: bytes, piece_bytes: int = PIECE, table: str = "films") -> Items:
    """The documents as a caller sees them: a restart drops the earlier pieces."""
    items: Items = []
    for piece in iter_table_pieces(raw, table, piece_bytes):
        if piece.restart:
            items = []
        items.extend(piece.documents.items())
    return items


def items_whole(raw: bytes, table: str = "films") -> Items:
    return list(parse(raw, [table]).get(table, {}).items())


def assert_split(raw: bytes, piece_bytes: int = PIECE) -> None:
    """`raw` was read in several pieces, with no fallback to the whole file."""
    read = pieces(raw, piece_bytes)
    assert len(read) > 2
    assert [piece.restart for piece in read] == [True] + [False] * (len(read) - 1)


def assert_same_error(raw: bytes, piece_bytes: int = PIECE) -> None:
    with pytest.raises(DamagedStoreError) as whole:
        parse(raw, ["films"])
    with pytest.raises(DamagedStoreError) as in_pieces:
        pieces(raw, piece_bytes)
    assert str(in_pieces.value) == str(whole.value)


# -- layouts -------------------------------------------------------------------


def test_one_line_as_tinydb_writes_it_is_read_in_pieces() -> None:
    raw = json.dumps({"films": table_of(50)}).encode()
    assert_split(raw)
    assert items_read(raw) == list(orjson.loads(raw)["films"].items())


def test_compact_json_is_read_in_pieces() -> None:
    raw = orjson.dumps({"films": table_of(50)})
    assert_split(raw)
    assert items_read(raw) == list(orjson.loads(raw)["films"].items())


def test_one_document_a_line_is_read_in_pieces() -> None:
    raw = encode({"films": table_of(50)})
    assert_split(raw)
    assert items_read(raw) == list(orjson.loads(raw)["films"].items())


def test_pretty_printed_json_is_read_in_pieces() -> None:
    raw = json.dumps({"films": table_of(50)}, indent=4).encode()
    assert_split(raw)
    assert items_read(raw) == list(orjson.loads(raw)["films"].items())


def test_a_utf8_bom_is_skipped() -> None:
    raw = codecs.BOM_UTF8 + encode({"films": table_of(50)})
    assert_split(raw)
    assert items_read(raw) == items_whole(raw)


@pytest.mark.parametrize("piece_bytes", [1, 50, 199, 1000, 3000, 10**6])
def test_any_piece_size_gives_the_same_documents(piece_bytes: int) -> None:
    raw = encode({"films": table_of(30)})
    assert items_read(raw, piece_bytes) == items_whole(raw)


def test_pieces_are_about_the_size_asked_for() -> None:
    raw = json.dumps({"films": table_of(500)}).encode()
    read = pieces(raw, 2000)
    sizes = [len(orjson.dumps(piece.documents)) for piece in read]
    assert len(read) > 20
    assert max(sizes) < 2000 + 2 * len(orjson.dumps(document(500)))


@pytest.mark.parametrize(
    ("before", "after"),
    [('"_default": {}, ', ""), ("", ', "personal": {"1": {"id": "x"}}'), ('"a": 1, ', ', "b": 2')],
)
def test_other_tables_before_or_after_give_the_same_documents(before: str, after: str) -> None:
    raw = raw_of(list(table_of(40).items()), before=before, after=after)
    assert items_read(raw) == items_whole(raw) == list(table_of(40).items())


def test_a_later_table_with_numbered_documents_is_not_read_as_films() -> None:
    personal = json.dumps({str(n): {"id": f"film-{n}", "favourite": True} for n in range(1, 40)})
    raw = raw_of(list(table_of(40).items()), after=f', "personal": {personal}')
    assert items_read(raw) == list(table_of(40).items())


def test_a_table_read_after_another_numbered_table() -> None:
    personal = json.dumps({str(n): {"id": f"film-{n}"} for n in range(1, 40)})
    raw = raw_of(list(table_of(40).items()), before=f'"personal": {personal}, ')
    assert items_read(raw) == list(table_of(40).items())
    assert items_read(raw, table="personal") == items_whole(raw, "personal")


def test_a_table_named_twice_is_the_last_one_as_in_the_whole_file() -> None:
    first = json.dumps(table_of(20))
    raw = raw_of(list(table_of(40).items())[5:], before=f'"films": {first}, "x": {{}}, ')
    assert items_read(raw) == items_whole(raw) == list(table_of(40).items())[5:]
    raw = raw_of(list(table_of(40).items()), after=f', "films": {first}')
    assert items_read(raw) == items_whole(raw) == list(table_of(20).items())


def test_documents_with_numbered_objects_inside() -> None:
    table = {
        str(n): {**document(n), "extra": {"1": {"a": n}, "2": {"b": {"3": {}}}, "4": [{"5": {}}]}}
        for n in range(1, 60)
    }
    raw = json.dumps({"films": table}).encode()
    assert items_read(raw) == list(table.items())


def test_strings_that_look_like_a_split_point() -> None:
    texts = ['}, "7": {', '}\\", "7": {', "\\", '"', "\\\\", '\\"}, "8": {"', "Zoë 東京 🎬 \u200b"]
    table = {str(n): {**document(n), "title": texts[n % len(texts)]} for n in range(1, 60)}
    for raw in (json.dumps({"films": table}).encode(), encode({"films": table})):
        assert_split(raw)
        assert items_read(raw) == list(table.items())


def test_unicode_and_emoji_are_read_as_utf8() -> None:
    table = {str(n): {**document(n), "title": "Амели 🎞️ 東京物語 " * 3} for n in range(1, 40)}
    raw = json.dumps({"films": table}, ensure_ascii=False).encode()
    assert_split(raw)
    assert items_read(raw) == list(table.items())


def test_duplicate_keys_end_up_as_in_the_whole_file() -> None:
    pairs = list(table_of(40).items())
    cases = [
        [*pairs[:20], ("3", {"id": "again"}), *pairs[20:]],  # across pieces
        [*pairs, ("1", {"id": "last"})],  # in the last piece
        [*pairs[:5], ("5", {"id": "next door"}), *pairs[5:]],  # in one piece
    ]
    for case in cases:
        raw = raw_of(case)
        assert items_read(raw) == items_whole(raw) == list(orjson.loads(raw)["films"].items())


def test_keys_that_do_not_rise_give_the_same_documents() -> None:
    pairs = list(reversed(table_of(40).items()))
    raw = raw_of([*pairs, ("x", {"id": "x"}), ("010", {"id": "y"}), ("10", {"id": "z"})])
    assert items_read(raw) == items_whole(raw)


def test_an_empty_or_missing_table_has_no_documents() -> None:
    big = json.dumps(table_of(40))
    for raw in (f'{{"films": {{}}, "other": {big}}}'.encode(), f'{{"other": {big}}}'.encode()):
        assert items_read(raw) == items_whole(raw) == []
    assert items_read(b'{"films": {}}') == []
    assert items_read(b"  \n") == []


def test_documents_that_are_not_objects_are_handed_out_as_they_are() -> None:
    pairs: Items = [(str(n), [n] if n % 3 else f"film {n}") for n in range(1, 80)]
    pairs += [(str(n), document(n)) for n in range(80, 120)]
    raw = raw_of(pairs)
    assert items_read(raw) == items_whole(raw) == pairs


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=5) | st.integers(0, 9).map(str), children, max_size=4)
    ),
    max_leaves=12,
)
keys = st.integers(min_value=0, max_value=40).map(str) | st.sampled_from(["x", "01", " 2", ""])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pairs=st.lists(st.tuples(keys, st.dictionaries(st.text(max_size=5), json_values)), max_size=40),
    rising=st.booleans(),
    layout=st.sampled_from(["one line", "compact", "a line each", "indented", "ascii"]),
    piece_bytes=st.integers(min_value=1, max_value=400),
)
def test_pieces_give_what_the_whole_file_gives(
    pairs: Items, rising: bool, layout: str, piece_bytes: int
) -> None:
    if rising:
        pairs = [(str(number), doc) for number, (_, doc) in enumerate(pairs, 1)]
    if layout == "one line":
        raw = raw_of(pairs)
    elif layout == "compact":
        raw = raw_of(pairs, sep=",").replace(b'": ', b'":')
    elif layout == "a line each":
        raw = encode({"films": dict(pairs)})
    elif layout == "indented":
        raw = json.dumps({"films": dict(pairs)}, indent=2).encode()
    else:
        raw = json.dumps({"films": dict(pairs)}, ensure_ascii=True).encode()
    assert items_read(raw, piece_bytes) == items_whole(raw)


@settings(max_examples=200, deadline=None)
@given(
    count=st.integers(min_value=5, max_value=40),
    cut=st.floats(min_value=0.0, max_value=1.0),
    junk=st.sampled_from([b"", b"}", b",", b"x", b'"', b"\xff", b"\x00", b"]", b"{"]),
    piece_bytes=st.integers(min_value=1, max_value=400),
)
def test_a_damaged_file_fails_as_the_whole_file_does(
    count: int, cut: float, junk: bytes, piece_bytes: int
) -> None:
    raw = encode({"films": table_of(count)})
    at = int(len(raw) * cut)
    damaged = raw[:at] + junk + raw[at + (1 if junk else 0) :]
    try:
        expected = items_whole(damaged)
    except DamagedStoreError as error:
        with pytest.raises(DamagedStoreError) as in_pieces:
            items_read(damaged, piece_bytes)
        assert str(in_pieces.value) == str(error)
    else:
        assert items_read(damaged, piece_bytes) == expected


# -- errors --------------------------------------------------------------------


def big_raw() -> bytes:
    return encode({"films": table_of(60)})


def test_a_truncated_file_fails_as_the_whole_file_does() -> None:
    raw = big_raw()
    for size in (len(raw) // 3, len(raw) // 2, len(raw) - 5, len(raw) - 2):
        assert_same_error(raw[:size])


def test_trailing_garbage_fails_as_the_whole_file_does() -> None:
    for junk in (b"x", b"}", b", {}", b'{"films": {}}', b"\x0c"):
        assert_same_error(big_raw() + junk)


def test_a_broken_document_in_the_middle_fails_after_some_pieces() -> None:
    raw = big_raw().replace(b'"title":"Film 30",', b'"title":"Film 30",,')
    assert raw != big_raw()
    handed_out = []
    with pytest.raises(DamagedStoreError, match="is not valid JSON"):
        for piece in iter_table_pieces(raw, "films", PIECE):
            handed_out.append(piece)
    assert handed_out  # the caller drops them
    assert_same_error(raw)


def test_bad_utf8_in_the_middle_fails_as_the_whole_file_does() -> None:
    assert_same_error(big_raw().replace(b"Film 30", "Film é".encode("latin-1")))


def test_a_lone_surrogate_still_loads_through_the_standard_library() -> None:
    table = table_of(60)
    table["31"]["title"] = "half \ud800 a character"
    raw = encode({"films": table})
    assert b"\\ud800" in raw
    assert items_read(raw) == list(table.items())


@pytest.mark.parametrize(
    "raw",
    [
        big_raw().decode().encode("utf-16"),
        big_raw().decode().encode("utf-16-be"),
        b'{"films": \x00' + big_raw(),
        bytes(range(256)) * 40,
        b"[" + big_raw() + b"]",
        b'{"films": [' + b", ".join(json.dumps(document(n)).encode() for n in range(60)) + b"]}",
        b'{"films": "' + b"x" * 5000 + b'"}',
        b'{"films": {"1": {"year": 1' + b"0" * 5000 + b"}}}",
    ],
    ids=["UTF-16", "UTF-16 without BOM", "NUL", "binary", "a list", "films a list",
         "films a string", "5,000-digit number"],
)  # fmt: skip
def test_other_damage_fails_as_the_whole_file_does(raw: bytes) -> None:
    assert_same_error(raw)


def test_nan_and_huge_numbers_load_as_the_whole_file_does() -> None:
    raw = big_raw()
    for year, value in ((b"1930", b"NaN"), (b"1931", b"1e400"), (b"1932", b"1" * 30)):
        raw = raw.replace(b'"year": ' + year, b'"year": ' + value)
    assert repr(items_read(raw)) == repr(items_whole(raw))


# -- progress ------------------------------------------------------------------


def test_progress_rises_to_one() -> None:
    raw = big_raw()
    done = [piece.done for piece in pieces(raw)]
    assert len(done) > 5
    assert done == sorted(done)
    assert 0 < done[0] < 0.5
    assert done[-1] == 1.0


def test_a_fallback_reports_everything_read() -> None:
    read = pieces(raw_of([*table_of(40).items(), ("1", {"id": "again"})]))
    assert read[-1].restart
    assert read[-1].done == 1.0


# -- the store -----------------------------------------------------------------


def catalog_documents(count: int) -> list[Any]:
    """Films with the odd problem: repeated ids, documents that are not objects, bad years."""
    documents: list[Any] = []
    for number in range(1, count + 1):
        doc: Any = document(number)
        if number % 97 == 0:
            doc["id"] = "film-1"
        if number % 251 == 0:
            doc = ["not", "a", "film"]
        if number % 313 == 0:
            doc["year"] = "soon"
        documents.append(doc)
    return documents


def read_whole(path: Path) -> tuple[list[Film], int]:
    """What `open_library` read before pieces: one parse, then the same films."""
    films: list[Film] = []
    documents = parse(path.read_bytes(), ["films"]).get("films", {}).values()
    return films, add_films(documents, films, UniqueIds())


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        tinydb_file, "iter_table_pieces", partial(iter_table_pieces, piece_bytes=20_000)
    )


@pytest.mark.parametrize("layout", ["stock TinyDB", "a document a line"])
def test_open_library_reads_the_same_films_in_pieces(
    tmp_path: Path, small_pieces: None, layout: str
) -> None:
    table = {str(number): doc for number, doc in enumerate(catalog_documents(3000), 1)}
    path = tmp_path / "films.json"
    if layout == "stock TinyDB":
        path.write_text(json.dumps({"films": table}))
    else:
        path.write_bytes(encode({"films": table}))
    assert_split(path.read_bytes(), 20_000)
    films, problems = read_whole(path)
    library = open_library(path)
    assert library.films == films
    assert library.problem_count == problems > 0
    assert len({film.id for film in films}) == len(films) < 3000


def test_open_library_starts_again_when_the_pieces_do_not_add_up(
    tmp_path: Path, small_pieces: None
) -> None:
    pairs = list(enumerate(catalog_documents(3000), 1))
    path = tmp_path / "films.json"
    path.write_bytes(raw_of([(str(n), doc) for n, doc in [*pairs, (5, document(5000))]]))
    films, problems = read_whole(path)
    library = open_library(path)
    assert library.films == films
    assert library.problem_count == problems
    assert library.films[4].title == "Film 5000"


def test_open_library_reports_rising_progress_ending_at_one(
    tmp_path: Path, small_pieces: None
) -> None:
    path = tmp_path / "films.json"
    path.write_bytes(encode({"films": table_of(3000)}))
    reported: list[float] = []
    open_library(path, progress=reported.append)
    assert len(reported) > 10
    assert reported == sorted(set(reported))
    assert reported[-1] == 1.0
    assert reported[0] > 0.0


def test_open_library_of_a_small_catalog_reports_one(catalog_path: Path) -> None:
    reported: list[float] = []
    open_library(catalog_path, progress=reported.append)
    assert reported == [1.0]


def test_open_library_of_a_damaged_big_catalog_says_why(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "films.json"
    path.write_bytes(encode({"films": table_of(3000)})[:-100_000])
    with pytest.raises(StoreError, match="truncated") as error:
        open_library(path)
    assert str(error.value).startswith(f"{path}: is not valid JSON: it ends too soon")
