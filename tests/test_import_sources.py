"""Reading real export layouts: Letterboxd (zip, folder, one CSV), IMDb, any CSV or JSON.

The files in tests/exports/ are laid out exactly as the services write them
(headers, column order, CRLF line ends, quoting, the archive's folders).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tui.model.film import Film
from tui.model.marks import UserMarks
from tui.transfer import values
from tui.transfer.columns import BadMapping, parse_mapping
from tui.transfer.export import Entry, export_text
from tui.transfer.letterboxd import plain_text
from tui.transfer.sources import BadImportFile, Source, read_source

EXPORTS = Path(__file__).parent / "exports"


def by_title(source: Source) -> dict[str, dict[str, object]]:
    return {
        str(r.film["title"]): {**r.film, **r.marks, "warnings": r.warnings} for r in source.records
    }


def zipped(folder: Path, archive: Path, top: str = "") -> Path:
    with zipfile.ZipFile(archive, "w") as out:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                out.write(file, top + file.relative_to(folder).as_posix())
    return archive


# -- Letterboxd ---------------------------------------------------------------------


def check_letterboxd(source: Source) -> None:
    films = by_title(source)
    assert source.kind == "Letterboxd export"
    assert set(films) == {
        "Solaris",
        "Stalker",
        "Planet of Storms",
        'Hotel "Du Lac"',
        "Andrei Rublev",
        "Mirror",
    }
    solaris = films["Solaris"]
    assert solaris["year"] == 1972
    assert solaris["letterboxd_uri"] == "https://boxd.it/29Vu"  # the film's, not the diary entry's
    assert solaris["rating"] == 4.5
    assert solaris["watched"] is True
    assert solaris["watches"] == ["2021-05-01", "2023-11-19"]  # one per viewing, rewatch too
    assert solaris["tags"] == ["tarkovsky", "rewatch-worthy", "cinema"]
    stalker = films["Stalker"]
    assert stalker["favourite"] is True  # liked
    assert stalker["rating"] == 5
    assert stalker["notes"] == "The Zone & its rules.\n\nLine one\nline two"
    assert films["Mirror"]["watchlist"] is True
    assert "watched" not in films["Mirror"]
    assert "Gone Film" not in films  # deleted/ is left out
    assert {"profile.csv", "comments.csv", "deleted/ratings.csv", "lists/soviet-sci-fi.csv"} <= set(
        source.ignored
    )


def test_a_letterboxd_folder_is_read_whole() -> None:
    check_letterboxd(read_source(EXPORTS / "letterboxd"))


def test_a_letterboxd_archive_as_downloaded_is_read_whole(tmp_path: Path) -> None:
    archive = zipped(EXPORTS / "letterboxd", tmp_path / "letterboxd-cosmonaut-2024-05-01-utc.zip")
    check_letterboxd(read_source(archive))


def test_an_archive_with_one_top_folder_is_read_too(tmp_path: Path) -> None:
    archive = zipped(EXPORTS / "letterboxd", tmp_path / "export.zip", top="letterboxd-export/")
    check_letterboxd(read_source(archive))


def test_one_letterboxd_csv_is_read_by_its_name(tmp_path: Path) -> None:
    films = by_title(read_source(EXPORTS / "letterboxd" / "ratings.csv"))
    assert films["Stalker"]["rating"] == 5
    assert films["Stalker"]["watched"] is True
    liked = by_title(read_source(EXPORTS / "letterboxd" / "likes" / "films.csv"))
    assert liked["Stalker"]["favourite"] is True
    renamed = tmp_path / "my watchlist.csv"
    shutil.copy(EXPORTS / "letterboxd" / "watched.csv", renamed)
    assert by_title(read_source(renamed))["Solaris"]["watched"] is True


def test_a_letterboxd_rating_off_the_scale_drops_only_the_rating(tmp_path: Path) -> None:
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "Date,Name,Year,Letterboxd URI,Rating\r\n2021-05-02,Solaris,1972,https://boxd.it/29Vu,6.4\r\n"
    )
    [record] = read_source(ratings).records
    assert record.film["title"] == "Solaris"
    assert "rating" not in record.marks
    assert record.warnings == ["rating '6.4' dropped: not a rating from 0 to 5"]


def test_reviews_html_becomes_plain_text() -> None:
    assert plain_text("a &lt;b&gt; <b>bold</b><br/>next") == "a <b> bold\nnext"
    assert plain_text("<p>one</p><p>two</p>") == "one\n\ntwo"


# -- IMDb ---------------------------------------------------------------------------


def test_an_imdb_ratings_export_keeps_ids_genres_runtime_directors() -> None:
    source = read_source(EXPORTS / "imdb" / "ratings.csv")
    assert source.kind == "IMDb export"
    films = by_title(source)
    solaris = films["Solaris"]
    assert solaris["imdb_id"] == "tt0069293"
    assert solaris["rating"] == 4.5  # 9 of 10
    assert solaris["watched"] is True
    assert solaris["genres"] == ["Drama", "Mystery", "Sci-Fi"]
    assert solaris["runtime"] == 167
    assert solaris["directors"] == ["Andrei Tarkovsky"]
    assert solaris["original_title"] == "Solyaris"
    assert films["Planet of Storms"]["rating"] == 3  # 6 of 10
    assert {"URL", "IMDb Rating", "Num Votes", "Title Type"} <= set(source.ignored)
    assert not any(film["warnings"] for film in films.values())


def test_an_old_imdb_watchlist_puts_its_films_on_the_watchlist() -> None:
    films = by_title(read_source(EXPORTS / "imdb" / "WATCHLIST.csv"))
    assert films["Andrei Rublev"]["watchlist"] is True
    assert "rating" not in films["Andrei Rublev"]
    assert "watched" not in films["Andrei Rublev"]
    assert films["Mirror"]["rating"] == 4.0
    assert films["Mirror"]["notes"] == "recommended by Lena"


def test_an_imdb_list_is_not_a_watchlist() -> None:
    films = by_title(read_source(EXPORTS / "imdb" / "soviet-list.csv"))
    assert "watchlist" not in films["Solaris"]
    assert films["Solaris"]["original_title"] == "Solyaris"


# -- any CSV or JSON ----------------------------------------------------------------


def test_headers_match_case_insensitively_with_aliases(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "NAME,Year,Runtime (mins),Genre,Director,Budget\n"
        "Solaris,1995.0,167,drama;sci-fi,Andrei Tarkovsky,1000000 roubles\n"
    )
    source = read_source(path)
    [record] = source.records
    assert record.film == {
        "title": "Solaris",
        "year": 1995,
        "runtime": 167,
        "genres": ["drama", "sci-fi"],
        "directors": ["Andrei Tarkovsky"],
        "Budget": "1000000 roubles",
    }
    assert source.own_fields == ["Budget"]


def test_a_value_that_does_not_fit_drops_that_field_not_the_film(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("title,year,rating\nSolaris,nineteen,4.0\nStalker,1979,6.4\n")
    solaris, stalker = read_source(path).records
    assert solaris.film == {"title": "Solaris"}
    assert solaris.marks == {"rating": 4.0}
    assert solaris.warnings == ["year 'nineteen' dropped: not a number"]
    assert stalker.film == {"title": "Stalker", "year": 1979}
    assert stalker.warnings == ["rating '6.4' dropped: not a rating from 0 to 5"]


def test_map_names_a_column_and_ignores_another(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("Film name,Length,Junk\nSolaris,167,x\n")
    mapping = parse_mapping(["Film name=title", "length=runtime", "Junk="])
    source = read_source(path, mapping)
    [record] = source.records
    assert record.film == {"title": "Solaris", "runtime": 167}
    assert source.ignored == ["Junk"]


def test_a_bad_map_is_named() -> None:
    with pytest.raises(BadMapping, match="'colour' is not a field"):
        parse_mapping(["x=colour"])
    with pytest.raises(BadMapping, match="COLUMN=FIELD"):
        parse_mapping(["title"])


def test_a_csv_without_a_title_column_is_refused_by_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("colour,size\nred,2\n")
    with pytest.raises(BadImportFile, match="line 1: no column holds the title"):
        read_source(path)


def test_a_csv_row_of_the_wrong_width_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text('title,notes\nA,"two\nlines"\nB,x,extra\n')
    with pytest.raises(BadImportFile, match="line 4: 3 fields where the header has 2"):
        list(read_source(path).records)


def test_our_spreadsheet_guard_is_undone_in_our_own_csv_only(tmp_path: Path) -> None:
    film = Film("x", "=1+1", 1999, "'quoted", "@home")
    path = tmp_path / "ours.csv"
    path.write_text(export_text([Entry(film, UserMarks(tags=("a, b", "c")))], "csv"))
    [record] = read_source(path).records
    assert record.film == {"id": "x", "title": "=1+1", "year": 1999} | {
        "description": "'quoted",
        "fact": "@home",
    }
    assert record.marks["tags"] == ["a, b", "c"]  # names with commas survive
    path.write_text("title,notes\n'=1+1,'@home\n")  # another program's CSV: as it is
    [record] = read_source(path).records
    assert record.film["title"] == "'=1+1"


def test_json_lists_and_catalogs_are_read_with_typed_values(tmp_path: Path) -> None:
    path = tmp_path / "films.json"
    path.write_text(
        '{"films": {"1": {"id": "x-1", "title": "X", "year": 2031, "genres": ["a", "b"],'
        ' "rating": 3.5, "watches": ["2024-01-02"], "budget": 5}}}'
    )
    [record] = read_source(path).records
    assert record.film == {
        "id": "x-1",
        "title": "X",
        "year": 2031,
        "genres": ["a", "b"],
        "budget": 5,
    }
    assert record.marks == {"rating": 3.5, "watches": ["2024-01-02"]}


def test_utf16_without_a_bom_is_named(tmp_path: Path) -> None:
    path = tmp_path / "films.csv"
    path.write_bytes("title\nSolaris\n".encode("utf-16-le"))
    with pytest.raises(BadImportFile, match="UTF-16 text without a byte-order mark"):
        read_source(path)
    path.write_bytes("title\nSolaris\n".encode("utf-16"))
    assert read_source(path).records[0].film["title"] == "Solaris"


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [("167", 167), ("167.0", 167), ("167 min", 167), ("2h 47m", 167), ("2:47", 167)],
)
def test_runtimes_are_read_in_the_forms_people_write(raw: str, minutes: int) -> None:
    assert values.runtime(raw) == minutes


@pytest.mark.parametrize("raw", ["0", "-5", "abc", "1" * 5000, "nan", "inf"])
def test_runtimes_that_are_not_are_refused(raw: str) -> None:
    with pytest.raises(values.BadValue):
        values.runtime(raw)
