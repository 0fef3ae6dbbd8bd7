"""`filmtui stats` as a real subprocess: the text form, the JSON keys, hostile names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.collection import HOSTILE_DIRECTOR, HOSTILE_GENRE, TARKOVSKY, collection
from tests.conftest import on_a_terminal, run_filmtui
from tests.test_hostile_cli import SGR, UNSAFE


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(collection(tmp_path))


def stats_json(db: str, home: Path, *options: str) -> dict[str, object]:
    result = run_filmtui("--db", db, "stats", "--format", "json", *options, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    figures: dict[str, object] = json.loads(result.stdout)
    return figures


def test_json_holds_every_figure_under_its_documented_key(db: str, tmp_path: Path) -> None:
    figures = stats_json(db, tmp_path)
    assert figures["query"] == ""
    assert figures["films"] == 14
    assert figures["decades"] == [
        {"decade": 1920, "films": 1},
        {"decade": 1950, "films": 1},
        {"decade": 1960, "films": 4},
        {"decade": 1970, "films": 4},
        {"decade": 1980, "films": 2},
        {"decade": 1990, "films": 1},
    ]
    assert figures["year_unknown"] == 1
    assert figures["genres"][:3] == [  # type: ignore[index]
        {"name": "Drama", "films": 8},
        {"name": "Sci-Fi", "films": 5},
        {"name": "War", "films": 3},
    ]
    assert figures["directors"][0] == {"name": TARKOVSKY, "films": 5}  # type: ignore[index]
    ratings = {entry["rating"]: entry["films"] for entry in figures["ratings"]}  # type: ignore[attr-defined]
    assert ratings == {0.5: 0, 1: 1, 1.5: 0, 2: 0, 2.5: 1, 3: 0, 3.5: 1, 4: 2, 4.5: 2, 5: 2}
    assert (figures["unrated"], figures["favourites"], figures["watchlist"]) == (5, 1, 2)
    assert figures["watched"] == {
        "films": 8,
        "viewings": 10,
        "undated_viewings": 1,
        "minutes": 1292,
        "viewings_without_runtime": 1,
    }
    assert figures["viewings_by_year"] == [
        {"year": 2023, "viewings": 2},
        {"year": 2024, "viewings": 7},
    ]
    assert figures["viewings_by_month"][0] == {"month": "2023-07", "viewings": 1}  # type: ignore[index]


def test_a_query_counts_only_what_it_finds(db: str, tmp_path: Path) -> None:
    figures = stats_json(db, tmp_path, "--query", "director:tarkovsky", "--top", "1")
    assert figures["query"] == "director:tarkovsky"
    assert figures["films"] == 5
    assert figures["genres"] == [{"name": "Drama", "films": 5}]
    favourites = stats_json(db, tmp_path, "--favourites")
    assert (favourites["films"], favourites["favourites_only"]) == (1, True)


def test_text_form_shows_bars_numbers_and_how_time_is_counted(db: str, tmp_path: Path) -> None:
    result = run_filmtui("--db", db, "stats", "-q", "director:tarkovsky", home=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Statistics of “director:tarkovsky”"
    assert "  1960s  " + "█" * 20 + " " * 12 + "2" in lines  # 2 of the most, 3: 20 of 30
    assert any(line.startswith("  ★★★★★ 5") and line.endswith("2") for line in lines)
    at = lines.index("Watching time")
    assert lines[at + 1 : at + 3] == [
        "  16 h 10 min over 6 viewings of 4 films",
        "  Each viewing counts the film's runtime once; of no known day: 1.",
    ]


def test_hostile_names_never_reach_a_pipe_as_controls_or_markup(db: str, tmp_path: Path) -> None:
    result = run_filmtui("--db", db, "stats", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert UNSAFE.findall(result.stdout) == []
    # Markup is text; the control characters are left out (the rest of a sequence is text).
    assert "Dir[2J[bold]ector" in result.stdout
    assert "Noir]52;c;eA==[red]" in result.stdout
    data = stats_json(db, tmp_path)  # JSON to a pipe is the exact data
    assert {"name": HOSTILE_DIRECTOR, "films": 1} in data["directors"]  # type: ignore[operator]
    assert {"name": HOSTILE_GENRE, "films": 1} in data["genres"]  # type: ignore[operator]


@pytest.mark.parametrize("options", [[], ["--format", "json"]], ids=["text", "json"])
def test_on_a_terminal_no_escape_of_the_catalog_acts(
    db: str, tmp_path: Path, options: list[str]
) -> None:
    status, output = on_a_terminal("--db", db, "stats", *options, home=tmp_path)
    assert status == 0, output[-2000:]
    text = SGR.sub(b"", output).decode("utf-8")
    assert "\x1b" not in text
    assert UNSAFE.findall(text) == []
    assert "[bold]" in text


def test_a_wrong_format_is_one_line(db: str, tmp_path: Path) -> None:
    result = run_filmtui("--db", db, "stats", "--format", "xml", home=tmp_path)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr
