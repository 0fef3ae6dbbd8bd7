"""Keeping an index deletes the kept indexes of catalogs that are gone, and files
in their folder that are no kept index; real files in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import documents
from tests.conftest import write_catalog
from tui import finder
from tui.finder import keep_index, library_index
from tui.search.kept_sweep import catalog_of
from tui.store.locations import kept_index_path
from tui.store.opening import open_library


@pytest.fixture(autouse=True)
def keep_small_indexes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(finder, "KEEP_FROM", 20)


def kept(catalog: Path) -> Path:
    library = open_library(catalog)
    index = library_index(library)
    index.build()
    assert keep_index(library, index)
    return kept_index_path(catalog)


def test_the_index_of_a_catalog_gone_is_deleted_when_another_is_kept(tmp_path: Path) -> None:
    first = write_catalog(tmp_path / "a" / "films.json", list(documents(30, 1)))
    second = write_catalog(tmp_path / "b" / "films.json", list(documents(30, 2)))
    gone, stays = kept(first), kept(second)
    assert catalog_of(gone) == str(first.resolve())
    first.rename(tmp_path / "a" / "moved.json")
    foreign = gone.with_name("foreign.index")
    foreign.write_bytes(b"not a kept index")
    unrelated = gone.with_name("notes.txt")
    unrelated.write_text("mine")
    stays.unlink()  # kept anew, as after a change to the second catalog
    assert kept(second) == stays
    assert stays.exists() and not gone.exists() and not foreign.exists()
    assert unrelated.read_text() == "mine"  # only *.index files are looked at


def test_the_index_of_a_catalog_still_there_is_left(tmp_path: Path) -> None:
    first = write_catalog(tmp_path / "a" / "films.json", list(documents(30, 1)))
    second = write_catalog(tmp_path / "b" / "films.json", list(documents(30, 2)))
    other = kept(first)
    kept(second)
    assert other.exists()
