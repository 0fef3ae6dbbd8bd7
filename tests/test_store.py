"""The store on real files: seeding, --db catalogs, favourites that persist."""

from __future__ import annotations

import gc
import json
import threading
from pathlib import Path

import pytest

from tests.conftest import write_catalog
from tui import gc_paused as collector
from tui.gc_paused import gc_paused, pause_until_resumed, resume_collector
from tui.store.locations import bundled_catalog_bytes, default_library_path, personal_data_path
from tui.store.opening import open_library

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_11296a1cba798910.txt"


def test_first_run_creates_the_library_in_xdg_data_home(isolated_dirs: Path) -> None:
    library = open_library()
    expected = isolated_dirs / "xdg_data_home" / "filmtui" / "films.json"
    assert library.path == expected == default_library_path()
    written = json.loads(expected.read_bytes())
    assert written["films"] == json.loads(bundled_catalog_bytes())["films"]
    assert len(written["bundled"]) == len(library.films) == 10  # what the bundled films were


def test_a_new_db_path_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "new" / "mine.json"
    library = open_library(path)
    assert library.films == []
    assert json.loads(path.read_bytes()) == {"films": {}}


def test_opening_without_create_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    library = open_library(folder / "mine.json", create=False)
    assert library.films == []
    assert not folder.exists()


def test_existing_db_is_read_not_reseeded(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path / "own.json",
        [{"id": "solaris-1972", "title": "Solaris", "year": 1972, "description": "d", "fact": "f"}],
    )
    library = open_library(path)
    assert [film.title for film in library.films] == ["Solaris"]


def test_favourite_survives_a_reopen(catalog_path: Path) -> None:
    open_library(catalog_path).set_favourite("planet-of-storms-1961", True)
    assert open_library(catalog_path).favourites == {"planet-of-storms-1961"}


def test_unmarking_a_favourite_survives_a_reopen(catalog_path: Path) -> None:
    library = open_library(catalog_path)
    library.toggle_favourite("star-voyage-1962")
    assert library.toggle_favourite("star-voyage-1962") is False
    assert open_library(catalog_path).favourites == frozenset()


def test_favourites_of_two_catalogs_do_not_mix(tmp_path: Path) -> None:
    first = open_library(tmp_path / "a" / "films.json")
    second = open_library(tmp_path / "b" / "films.json")
    first.set_favourite("star-voyage-1962", True)
    second.set_favourite("the-sky-beckons-1959", True)
    assert open_library(tmp_path / "a" / "films.json").favourites == {"star-voyage-1962"}
    assert open_library(tmp_path / "b" / "films.json").favourites == {"the-sky-beckons-1959"}


def test_marking_a_favourite_does_not_rewrite_the_catalog(catalog_path: Path) -> None:
    before = catalog_path.read_bytes()
    mtime = catalog_path.stat().st_mtime_ns
    open_library(catalog_path).set_favourite("star-voyage-1962", True)
    assert catalog_path.read_bytes() == before
    assert catalog_path.stat().st_mtime_ns == mtime
    sidecar = personal_data_path(catalog_path)
    assert json.loads(sidecar.read_text())["personal"]


def test_bundled_catalog_has_the_public_layout() -> None:
    data = json.loads(bundled_catalog_bytes())
    documents = list(data["films"].values())
    assert len(documents) == 10
    for document in documents:
        assert set(document) == {"id", "title", "year", "description", "fact"}
        assert isinstance(document["year"], int)
    assert len({document["id"] for document in documents}) == 10


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside the repo")
def test_bundled_catalog_text_is_the_seed_text_verbatim() -> None:
    seed = SEED.read_text(encoding="utf-8")
    for document in json.loads(bundled_catalog_bytes())["films"].values():
        assert f"{document['title']} ({document['year']})" in seed
        assert f"Description: {document['description']}\n" in seed
        assert f"Fact: {document['fact']}" in seed


# -- the garbage collector while reading -------------------------------------------


def test_the_collector_is_off_while_reading_and_on_again_after() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_on_again_after_an_error() -> None:
    with pytest.raises(OSError), gc_paused():
        raise OSError("unreadable")
    assert gc.isenabled()


def test_a_pause_in_another_thread_keeps_the_collector_off_until_it_ends() -> None:
    """The loading thread pauses the collector while the first frame turns it on
    (`resume_collector`), and while another thread's pause begins and ends."""
    pause_until_resumed()  # as `filmtui` starts
    inside, done = threading.Event(), threading.Event()

    def load() -> None:
        with gc_paused():
            inside.set()
            done.wait(10)

    loading = threading.Thread(target=load)
    loading.start()
    try:
        assert inside.wait(10)
        resume_collector()  # the first frame is drawn
        with gc_paused():  # a mark, on the UI thread
            pass
        assert not gc.isenabled()  # the load is still reading
        done.set()
        loading.join(10)
        assert gc.isenabled()
    finally:
        done.set()
        resume_collector()
        gc.enable()


def test_resuming_the_collector_with_no_other_pause_turns_it_on_at_once() -> None:
    pause_until_resumed()
    try:
        assert not gc.isenabled()
        resume_collector()
        assert gc.isenabled()
    finally:
        resume_collector()
        gc.enable()


def test_a_big_read_freezes_its_objects_and_a_small_one_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "FREEZE_ABOVE", 5000)
    gc.unfreeze()  # what other tests froze: the count counts only this test's
    try:
        with gc_paused():
            small: list[dict[str, int]] = [{} for _ in range(100)]
        assert gc.get_freeze_count() == 0 < len(small)
        with gc_paused():
            big: list[dict[str, int]] = [{} for _ in range(10_000)]
        assert gc.get_freeze_count() >= len(big)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
