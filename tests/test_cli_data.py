"""`filmtui list`, `export` and `import` as real subprocesses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run_filmtui


@pytest.fixture
def db(catalog_path: Path) -> str:
    return str(catalog_path)


def data_files(db: str) -> dict[str, bytes]:
    """The library's files and their bytes (the empty sidecar lock file aside)."""
    return {p.name: p.read_bytes() for p in Path(db).parent.iterdir() if p.suffix != ".lock"}


def test_list_prints_what_the_app_would_show(db: str, tmp_path: Path) -> None:
    result = run_filmtui("--db", db, "list", "--query", "venus", home=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split("\t")[1] for line in lines] == [
        "The First Spaceship on Venus",
        "Planet of Storms",
    ]
    assert result.stderr == ""


def test_list_sorts_by_year_or_title(db: str, tmp_path: Path) -> None:
    by_year = run_filmtui("--db", db, "list", "--sort", "year", home=tmp_path)
    years = [int(line.split("\t")[2]) for line in by_year.stdout.splitlines()]
    assert len(years) == 10
    assert years == sorted(years)
    by_title = run_filmtui("--db", db, "list", "-q", "venus", "--sort", "title", home=tmp_path)
    assert [line.split("\t")[1] for line in by_title.stdout.splitlines()] == [
        "The First Spaceship on Venus",  # "The" does not count: First < Planet
        "Planet of Storms",
    ]
    wrong = run_filmtui("--db", db, "list", "--sort", "stars", home=tmp_path)
    assert wrong.returncode == 2
    assert "invalid choice" in wrong.stderr


def test_list_with_no_match_exits_1_with_nothing_on_stdout(db: str, tmp_path: Path) -> None:
    result = run_filmtui("--db", db, "list", "--query", "xyzq", home=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "filmtui: no films match “xyzq”\n"


def test_list_says_the_nearest_title_and_what_it_could_not_read(db: str, tmp_path: Path) -> None:
    near = run_filmtui("--db", db, "list", "-q", "mosko kasiopeya", home=tmp_path)
    assert near.returncode == 1
    assert "did you mean “Moscow-Cassiopeia”?" in near.stderr
    odd = run_filmtui("--db", db, "list", "-q", "year:abc", home=tmp_path)
    assert odd.returncode == 0
    assert len(odd.stdout.splitlines()) == 10
    assert "year:" in odd.stderr


def test_list_json_and_csv(db: str, tmp_path: Path) -> None:
    as_json = json.loads(run_filmtui("--db", db, "list", "--format", "json", home=tmp_path).stdout)
    assert len(as_json) == 10
    as_csv = list(
        csv.DictReader(
            io.StringIO(
                run_filmtui(
                    "--db", db, "list", "--format", "csv", "-q", "1961", home=tmp_path
                ).stdout
            )
        )
    )
    assert [row["title"] for row in as_csv] == ["Planet of Storms"]


def test_list_favourites_only(db: str, tmp_path: Path) -> None:
    from tui.store.opening import open_library

    open_library(Path(db)).set_favourite("star-voyage-1962", True)
    result = run_filmtui("list", "--favourites", "--db", db, home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.split("\t")[:2] == ["star-voyage-1962", "Star Voyage"]


def test_list_searches_ratings_watched_marks_and_notes(db: str, tmp_path: Path) -> None:
    from tui.store.opening import open_library

    library = open_library(Path(db))
    library.set_rating("star-voyage-1962", 5)
    library.set_rating("planet-of-storms-1961", 4)
    library.set_rating("moscow-cassiopeia-1973", 3)
    library.toggle_watched("planet-of-storms-1961")
    library.update_personal("the-sky-beckons-1959", {"notes": "Seen with Grandpa."})

    def ids(query: str) -> list[str]:
        result = run_filmtui("--db", db, "list", "--query", query, home=tmp_path)
        assert result.returncode == 0, result.stderr
        return sorted(line.split("\t")[0] for line in result.stdout.splitlines())

    assert ids("rating:>=4") == ["planet-of-storms-1961", "star-voyage-1962"]
    assert ids("is:watched") == ["planet-of-storms-1961"]
    assert ids("grandpa") == ["the-sky-beckons-1959"]
    unrated = run_filmtui("--db", db, "list", "--query", "rating:1..2", home=tmp_path)
    assert (unrated.returncode, unrated.stdout) == (1, "")


def test_export_to_a_file_in_markdown(db: str, tmp_path: Path) -> None:
    out = tmp_path / "films.md"
    result = run_filmtui("--db", db, "export", "--format", "md", "-o", str(out), home=tmp_path)
    assert result.returncode == 0
    assert result.stdout == ""
    assert "| Planet of Storms | 1961 |" in out.read_text()


def test_import_reports_added_updated_and_skipped(db: str, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "title,year,description\n"
        "Solaris,1972,A station.\n"
        "Star Voyage,1962,Rewritten.\n"
        ",1975,No title here.\n"
    )
    result = run_filmtui("--db", db, "import", str(source), home=tmp_path)
    assert result.returncode == 0
    assert "1 added, 1 updated, 0 unchanged, 1 skipped" in result.stderr
    assert "line 4: no title" in result.stderr
    listed = run_filmtui("--db", db, "list", "--format", "json", home=tmp_path).stdout
    titles = {film["title"]: film for film in json.loads(listed)}
    assert "Solaris" in titles
    assert titles["Star Voyage"]["description"] == "Rewritten."
    assert titles["Star Voyage"]["id"] == "star-voyage-1962"


def test_dry_run_changes_nothing(db: str, tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps([{"title": "Solaris", "year": 1972}]))
    before = data_files(db)
    result = run_filmtui("--db", db, "import", "--dry-run", str(source), home=tmp_path)
    assert result.returncode == 0
    assert "1 would be added" in result.stderr
    assert data_files(db) == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.json", '[{"title": "x"},\n  {"title": ]', "line 2"),
        ("bad.json", '["not a film"]', "record 1"),
        ("bad.csv", "title,year\nSolaris,1972,oops\n", "line 2"),
        ("bad.csv", "colour\nred\n", "title"),
    ],
)
def test_malformed_import_exits_2_names_the_place_and_changes_nothing(
    db: str, tmp_path: Path, name: str, content: str, expected: str
) -> None:
    source = tmp_path / name
    source.write_text(content)
    before = data_files(db)
    result = run_filmtui("--db", db, "import", str(source), home=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert data_files(db) == before


def test_export_then_import_into_an_empty_library_reproduces_it(db: str, tmp_path: Path) -> None:
    from tui.store.opening import open_library

    library = open_library(Path(db))
    library.set_favourite("star-voyage-1962", True)
    library.set_rating("planet-of-storms-1961", 5)
    library.toggle_watched("planet-of-storms-1961")
    library.update_personal("the-sky-beckons-1959", {"notes": "Look for the footage"})
    library.add_film("Solaris", 1972, "A station.", "")
    exported = tmp_path / "export.json"
    assert run_filmtui("--db", db, "export", "-o", str(exported), home=tmp_path).returncode == 0

    empty = tmp_path / "empty" / "films.json"
    empty.parent.mkdir()
    empty.write_text('{"films": {}}')
    result = run_filmtui("--db", str(empty), "import", str(exported), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "11 added, 0 updated, 0 unchanged, 0 skipped" in result.stderr
    again = run_filmtui("--db", str(empty), "export", home=tmp_path).stdout
    assert json.loads(again) == json.loads(exported.read_text())


def test_help_documents_the_exit_statuses(tmp_path: Path) -> None:
    text = " ".join(run_filmtui("--help", home=tmp_path).stdout.split())
    assert "0 ok, 1 nothing matched (list), 2 bad input" in text
