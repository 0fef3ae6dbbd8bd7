"""Where a poster is, and reading it safely (`tui.store.posters`, real files); the
`poster` field as a public field of the model and of exports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.model.film import Film, film_from_document
from tui.store.posters import POSTER_SUFFIXES, PosterError, poster_paths, read_poster
from tui.transfer.export import Entry, export_csv, export_json
from tui.transfer.sources import read_source

CATALOG = Path("/collections/soviet/films.json")


def film(**fields: str) -> Film:
    return Film(id=fields.pop("id", "solaris-1972"), title="Solaris", year=1972, **fields)


def test_the_poster_field_is_relative_to_the_catalogs_folder() -> None:
    assert poster_paths(CATALOG, film(poster="art/solaris.jpg")) == (
        Path("/collections/soviet/art/solaris.jpg"),
    )


def test_an_absolute_poster_path_is_kept_and_home_is_expanded() -> None:
    assert poster_paths(CATALOG, film(poster="/pictures/s.png")) == (Path("/pictures/s.png"),)
    assert poster_paths(CATALOG, film(poster="~/s.png")) == (Path.home() / "s.png",)


def test_without_the_field_the_posters_folder_beside_the_catalog_is_looked_in(
    tmp_path: Path,
) -> None:
    (tmp_path / "posters").mkdir()
    assert poster_paths(tmp_path / "films.json", film()) == tuple(
        tmp_path / "posters" / f"solaris-1972{suffix}" for suffix in POSTER_SUFFIXES
    )


def test_without_the_field_or_a_posters_folder_there_is_nothing_to_look_for(
    tmp_path: Path,
) -> None:
    assert poster_paths(tmp_path / "films.json", film()) == ()
    (tmp_path / "posters").write_text("a file, not a folder")
    assert poster_paths(tmp_path / "films.json", film()) == ()


@pytest.mark.parametrize("film_id", ["../films", "a/b", "..", ".", "a\\b"])
def test_an_id_that_would_leave_the_posters_folder_has_no_default_poster(
    tmp_path: Path, film_id: str
) -> None:
    (tmp_path / "posters").mkdir()
    assert poster_paths(tmp_path / "films.json", film(id=film_id)) == ()


def test_the_first_existing_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "b.png").write_bytes(b"png bytes")
    paths = (tmp_path / "a.jpg", tmp_path / "b.png", tmp_path / "c.webp")
    (tmp_path / "c.webp").write_bytes(b"webp bytes")
    poster = read_poster(paths)
    assert poster is not None
    assert (poster.path, poster.data) == (tmp_path / "b.png", b"png bytes")


def test_no_file_is_no_poster(tmp_path: Path) -> None:
    assert read_poster((tmp_path / "missing.jpg", tmp_path / "nul\0.jpg")) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jpg")
    with pytest.raises(PosterError, match=r"^pipe\.jpg is a FIFO \(named pipe\)"):
        read_poster((tmp_path / "pipe.jpg",))


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.jpg").symlink_to("/dev/zero")
    with pytest.raises(PosterError, match=r"^zero\.jpg is a device, not a regular file$"):
        read_poster((tmp_path / "zero.jpg",))
    (tmp_path / "folder.jpg").mkdir()
    with pytest.raises(PosterError, match=r"^folder\.jpg is a folder, not a file$"):
        read_poster((tmp_path / "folder.jpg",))


def test_a_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "big.jpg").write_bytes(b"x" * 1001)
    with pytest.raises(PosterError, match=r"^big\.jpg is 1,001 bytes, more than filmtui reads"):
        read_poster((tmp_path / "big.jpg",), limit=1000)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "locked.jpg").write_bytes(b"x")
    (tmp_path / "locked.jpg").chmod(0)
    with pytest.raises(PosterError, match=r"^locked\.jpg cannot be read: permission denied$"):
        read_poster((tmp_path / "locked.jpg",))


def test_poster_is_a_public_field_read_written_and_exported() -> None:
    document = {"id": "s", "title": "Solaris", "year": 1972, "description": "", "fact": ""}
    document |= {"poster": "art/s.jpg", "shelf": "B"}
    parsed = film_from_document(document)
    assert parsed.problems == ()
    assert parsed.film.poster == "art/s.jpg"
    assert dict(parsed.film.own) == {"shelf": "B"}
    assert parsed.film.to_document()["poster"] == "art/s.jpg"
    assert "poster" not in film_from_document({"id": "t", "title": "T"}).film.to_document()
    (record,) = json.loads(export_json([Entry(parsed.film)]))
    assert record["poster"] == "art/s.jpg"


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_an_export_reads_back_with_its_poster(tmp_path: Path, suffix: str) -> None:
    entries = [Entry(film(poster="art/solaris.jpg"))]
    path = tmp_path / f"films{suffix}"
    path.write_text(export_json(entries) if suffix == ".json" else export_csv(entries))
    source = read_source(path)
    (record,) = source.records
    assert record.film["poster"] == "art/solaris.jpg"
    assert "poster" not in source.own_fields
