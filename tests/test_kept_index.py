"""The search index kept between runs (`tui.finder.keep_index`, `tui.search.kept_index`).

Real files in tmp_path: a library is opened, its index built and kept, and the
library opened again as the next run would. What the kept index finds must be
what a fresh index finds; a change of the catalog or of the user's films must
make it outdated, a mark or a note must not; a damaged, truncated or foreign
file must never be trusted.
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import documents
from tests.conftest import write_catalog
from tests.full_film import FULL
from tui import finder
from tui.finder import find_in, keep_index, library_index
from tui.model.film import Film
from tui.search.index import SearchIndex
from tui.search.kept_file import MAGIC, KeptFile, read_header, write_kept
from tui.search.orders import Sort
from tui.store.library import Library
from tui.store.locations import kept_index_path
from tui.store.opening import open_library

SIZE = 12_000  # films: more than one step of texts (5,000), and over `KEEP_FROM`
QUERIES = [
    "silent",
    "the",
    "golden 19",
    '"the golden"',
    "desc:river",
    "fact:shot",
    "river -golden",
    "year:1950..1960 dark",
    "mountaineers",  # a close spelling of a title word
    "note:grandpa",
    "grandpa",
    "tag:rewatch",
    "horror night",
    "balaguero",
    "genre:horror",
    "disc:2",
    "budget:>1000000",
    "xyzq",
    "d",
    "title:golden",  # the titles in year order, gathered only when read
    "silent deserts",  # a whole title (tier 0), through the kept postings
    "silent d",  # a title's start (tier 1)
    "strange river",  # a whole title without its article (The Strange River)
    "storm in l",  # a title's start without its article (A Storm in Lisbon)
    "the great c",  # and with it (The Great Comet)
    "is:fav silent",  # positions by id
]


@pytest.fixture(scope="module")
def catalog_documents() -> list[dict[str, Any]]:
    films = list(documents(SIZE, 5))
    return [*films[:7_000], FULL, *films[7_000:]]


@pytest.fixture
def catalog(tmp_path: Path, catalog_documents: list[dict[str, Any]]) -> Path:
    return write_catalog(tmp_path / "lib" / "films.json", catalog_documents)


def _ids(library: Library, index: SearchIndex, query: str, sort: Sort) -> list[str]:
    return [film.id for film in find_in(library, index, query, sort=sort).films]


def _built(library: Library) -> SearchIndex:
    index = library_index(library)
    index.build()
    return index


def _same_as_fresh(library: Library, index: SearchIndex) -> None:
    """`index` finds what an index built now from `library`'s films finds."""
    fresh = SearchIndex(
        library.films,
        notes={i: m.notes for i, m in library.all_marks().items() if m.notes},
        tags={i: m.tags for i, m in library.all_marks().items() if m.tags},
    )
    fresh.build()
    for query in QUERIES:
        for sort in (Sort.RELEVANCE, Sort.TITLE, Sort.RUNTIME):
            expected = _ids(library, fresh, query, sort)
            assert _ids(library, index, query, sort) == expected, (query, sort)


def _same_order(preview: Sequence[Film], library: Library, index: SearchIndex) -> None:
    """`preview` holds the films of `index` in title order, as far as a row shows them."""
    everything = find_in(library, index, "", sort=Sort.TITLE).films
    shown = [(film.id, film.title, film.year) for film in everything]
    assert [(film.id, film.title, film.year) for film in preview] == shown


def _kept(catalog: Path) -> Library:
    """The library, with its index built and kept (as a first run leaves it)."""
    library = open_library(catalog)
    library.update_personal("rec-2-2009", {"notes": "Seen with Grandpa.", "tags": ["rewatch"]})
    library.set_favourite("silent-deserts-1900", True)
    index = _built(library)
    assert not index.from_kept
    assert keep_index(library, index)
    assert kept_index_path(catalog).is_file()
    return library


def test_the_next_run_reads_the_kept_index_and_finds_the_same(catalog: Path) -> None:
    _kept(catalog)
    library = open_library(catalog)
    index = _built(library)
    assert index.from_kept
    assert not keep_index(library, index)  # nothing new to keep
    _same_as_fresh(library, index)
    assert [f.id for f in index.find("").films] == [f.id for f in find_in(library, index, "").films]


def test_the_kept_index_lives_in_the_cache_dir(catalog: Path, tmp_path: Path) -> None:
    assert kept_index_path(catalog).is_relative_to(tmp_path / "xdg_cache_home")


def test_notes_tags_and_marks_changed_since_leave_it_kept(catalog: Path) -> None:
    _kept(catalog)
    library = open_library(catalog)
    library.update_personal("rec-2-2009", {"notes": "", "tags": ["horror night"]})
    library.update_personal("silent-deserts-1900", {"notes": "Grandpa slept."})
    library.set_favourite("silent-deserts-1900", True)
    library.set_rating("rec-2-2009", 3)
    library = open_library(catalog)
    index = _built(library)
    assert index.from_kept
    _same_as_fresh(library, index)
    assert _ids(library, index, "grandpa", Sort.TITLE) == ["silent-deserts-1900"]
    assert _ids(library, index, "tag:rewatch", Sort.TITLE) == []


def test_a_changed_catalog_is_indexed_afresh(
    catalog: Path, catalog_documents: list[dict[str, Any]]
) -> None:
    _kept(catalog)
    changed = [dict(doc) for doc in catalog_documents]
    changed[0]["title"] = "Utterly Renamed"
    write_catalog(catalog, changed)
    library = open_library(catalog)
    index = _built(library)
    assert not index.from_kept
    assert _ids(library, index, "utterly", Sort.TITLE) == [changed[0]["id"]]
    assert keep_index(library, index)  # kept anew, for the next run
    assert _built(open_library(catalog)).from_kept


def test_a_catalog_touched_but_the_same_is_indexed_afresh(catalog: Path) -> None:
    _kept(catalog)
    status = catalog.stat()
    os.utime(catalog, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    assert not library_index(open_library(catalog)).from_kept


def test_an_edited_film_is_indexed_afresh(catalog: Path) -> None:
    library = _kept(catalog)
    film = next(f for f in library.films if f.id == "silent-deserts-1900")
    library.save_film(replace(film, title="Quiet Dunes"))
    library = open_library(catalog)
    index = _built(library)
    assert not index.from_kept
    assert _ids(library, index, "dunes", Sort.TITLE) == ["silent-deserts-1900"]


def test_a_small_library_keeps_nothing(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "films.json", list(documents(50, 5)))
    library = open_library(catalog)
    assert len(library.films) < finder.KEEP_FROM
    assert not keep_index(library, _built(library))
    assert not kept_index_path(catalog).exists()


def _damage(path: Path, where: float, how: str) -> None:
    data = bytearray(path.read_bytes())
    at = int(len(data) * where)
    if how == "flip":
        data[at] ^= 0xFF
    elif how == "cut":
        del data[at:]
    elif how == "words":  # the texts still read, but say something else
        data = bytearray(data.replace(b"river", b"rivXr").replace(b"silent", b"silXnt"))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("where", "how"),
    [
        (0.0, "flip"),  # the magic
        (0.00002, "flip"),  # the header
        (0.002, "flip"),  # the titles
        (0.15, "flip"),  # the searchable part, or the first texts
        (0.5, "flip"),  # texts
        (0.9999, "flip"),  # the last texts
        (0.0, "words"),
        (0.5, "cut"),
        (0.0001, "cut"),
        (0.0, "cut"),  # empty
    ],
)
def test_a_damaged_kept_index_is_never_trusted(catalog: Path, where: float, how: str) -> None:
    _kept(catalog)
    _damage(kept_index_path(catalog), where, how)
    preview = finder.kept_preview(catalog)  # never raises: None, or the films it holds
    library = open_library(catalog)
    index = _built(library)  # never raises
    if preview is not None:
        _same_order(preview, library, index)
    _same_as_fresh(library, index)
    assert keep_index(library, index)  # kept anew, whole
    again = _built(open_library(catalog))
    assert again.from_kept
    _same_as_fresh(library, again)


def _part_at(path: Path, name: str) -> int:
    """Where the middle of part `name` of the kept index at `path` is."""
    data = path.read_bytes()
    length = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "little")
    offset = len(MAGIC) + 4 + length
    for part, size, _crc in json.loads(data[len(MAGIC) + 4 : offset])["parts"]:
        if part == name:
            return offset + size // 2
        offset += size
    raise AssertionError(f"no part {name}")


@pytest.mark.parametrize(
    "part",
    ["title-lists.0", "title-words.0", "ids.0", "postings.exact.0", "postings.words.0"],
)
def test_a_damaged_part_is_never_trusted(catalog: Path, part: str) -> None:
    _kept(catalog)
    path = kept_index_path(catalog)
    data = bytearray(path.read_bytes())
    data[_part_at(path, part)] ^= 0xFF
    path.write_bytes(bytes(data))
    library = open_library(catalog)
    index = _built(library)
    assert not index.from_kept  # some of it is worked out again: worth keeping anew
    _same_as_fresh(library, index)
    assert keep_index(library, index)
    assert _built(open_library(catalog)).from_kept


@pytest.mark.parametrize(
    "content",
    [
        b"not an index at all",
        MAGIC + (10).to_bytes(4, "little") + b'{"key": 1}',
        MAGIC + (2**31).to_bytes(4, "little"),
        json.dumps({"films": {}}).encode(),
    ],
)
def test_a_foreign_file_is_thrown_away_and_kept_anew(catalog: Path, content: bytes) -> None:
    library = open_library(catalog)
    path = kept_index_path(catalog)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    index = _built(library)
    assert not index.from_kept
    _same_as_fresh(library, index)
    assert keep_index(library, index)
    assert path.read_bytes().startswith(MAGIC)
    assert _built(open_library(catalog)).from_kept


def test_a_kept_index_of_another_catalog_is_not_read(
    catalog: Path, catalog_documents: list[dict[str, Any]], tmp_path: Path
) -> None:
    _kept(catalog)
    other = write_catalog(tmp_path / "other" / "films.json", catalog_documents[:-1])
    kept_index_path(other).write_bytes(kept_index_path(catalog).read_bytes())
    assert not library_index(open_library(other)).from_kept


def test_an_unwritable_cache_is_no_loss(catalog: Path, tmp_path: Path) -> None:
    (tmp_path / "xdg_cache_home").write_text("a file where the folder should be")
    library = open_library(catalog)
    index = _built(library)
    assert not keep_index(library, index)
    _same_as_fresh(library, index)


def _rewritten(path: Path, change: Callable[[str, Any], Any]) -> None:
    """The kept index at `path` written again, each part's data through `change`
    (with a CRC that matches: as if its writer had kept it so)."""
    header, _ = read_header(path.open("rb"))
    file = KeptFile(path, header["key"])
    parts = [(name, change(name, file.read(name))) for name, _size, _crc in header["parts"]]
    file.close()
    write_kept(path, header["key"], parts)


@pytest.mark.parametrize(("part", "field"), [("titles.0", None), ("searchable", "year_order")])
@pytest.mark.parametrize("position", [-1, 10**6, 2**40])
def test_a_kept_order_out_of_range_is_never_trusted(
    catalog: Path, part: str, field: str | None, position: int
) -> None:
    """An order whose CRC matches but which names a film that is not there is read as
    damaged: the index is built from the films (a search would else fail)."""
    _kept(catalog)

    def change(name: str, data: Any) -> Any:
        if name != part:
            return data
        written = data[0] if field is None else data[field]
        order = array("q")
        order.frombytes(written)
        order[len(order) // 2] = position
        if field is None:
            return (order.tobytes(), data[1])
        return {**data, field: order.tobytes()}

    _rewritten(kept_index_path(catalog), change)
    library = open_library(catalog)
    index = _built(library)
    assert not index.from_kept
    _same_as_fresh(library, index)
