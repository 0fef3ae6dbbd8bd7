"""The command line against hostile catalogs, terminals, pipes and paths (issue 13).

On a real pseudo-terminal no control character of the catalog acts on the
terminal; to a pipe the data comes out exactly; no input ends in a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import on_a_terminal, run_filmtui, write_catalog
from tests.hostile import CONTROL_MARKERS, hostile_documents

# An id as hostile as a title: an escape sequence, tabs, a line break, a backslash.
HOSTILE_ID = "id\x1b]52;c;eA==\x07\twith\ttabs\nand\\lines\r"
SURROGATE_TITLE = "lone \ud800 surrogate"
# More than the app's hostile catalog holds: clipboard, device control, bidi marks,
# line separators. Each leaves a marker word once its controls are gone.
MORE_CONTROLS = {
    "Osc52\x1b]52;c;cHduZWQ=\x07CLIPBOARD": "CLIPBOARD",
    "Dcs\x1bP1$qm\x1b\\DEVICE-CONTROL": "DEVICE-CONTROL",
    "Marks\u200eLRM\u200fRLM\u061cALM-MARKS": "ALM-MARKS",
    "Lines\u2028LINE\u2029PARAGRAPH-SEPARATED": "PARAGRAPH-SEPARATED",
}
MARKERS = [*CONTROL_MARKERS, *MORE_CONTROLS.values()]


def documents() -> list[dict[str, Any]]:
    hostile_id = {"id": HOSTILE_ID, "title": "Hostile id", "year": 1999}
    more = [
        {"id": f"more-{n}", "title": title, "year": 2000 + n}
        for n, title in enumerate(MORE_CONTROLS)
    ]
    return [
        {"description": "", "fact": "", **doc} for doc in [*hostile_documents(), hostile_id, *more]
    ]


@pytest.fixture
def hostile_db(tmp_path: Path) -> str:
    path = tmp_path / "hostile" / "films.json"
    path.parent.mkdir()
    table = {str(number): doc for number, doc in enumerate(documents(), 1)}
    path.write_text(json.dumps({"films": table}, ensure_ascii=True), encoding="ascii")
    return str(path)


def piped(*args: str, home: Path) -> str:
    """Standard output of `python -m tui ARGS` to a pipe, every byte kept (a bare CR too)."""
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, env=env, cwd=home, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.decode("utf-8")


SGR = re.compile(rb"\x1b\[[0-9;]*m")  # Rich's own styling of the table header
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--format", "json"],
        ["list", "--format", "csv"],
        ["export"],
        ["export", "--format", "csv"],
        ["export", "--format", "md"],
    ],
    ids=" ".join,
)
def test_on_a_terminal_catalog_controls_show_visibly_and_never_act(
    hostile_db: str, tmp_path: Path, command: list[str]
) -> None:
    status, output = on_a_terminal("--db", hostile_db, *command, home=tmp_path)
    assert status == 0, output[-2000:]
    text = SGR.sub(b"", output).decode("utf-8")  # strict: no byte that is not UTF-8
    assert "\x1b" not in text  # no OSC 0/8/52, no DCS, no CSI from the catalog
    assert UNSAFE.findall(text) == []  # no C1, bidi override, mark or line separator
    for marker in MARKERS:
        assert marker in text, marker
    if command != ["list"]:  # the data formats name each character; the table elides
        assert "\\u001b]52;c;cHduZWQ=\\u0007CLIPBOARD" in text
        assert "\\u202eDESREVER" in text
        assert "\\ud800" in text  # the lone surrogate, as its JSON escape


def test_on_a_terminal_json_is_still_json_of_the_same_data(hostile_db: str, tmp_path: Path) -> None:
    status, output = on_a_terminal("--db", hostile_db, "list", "--format", "json", home=tmp_path)
    assert status == 0
    shown = json.loads(output.decode("utf-8"))
    assert {film["id"]: film["title"] for film in shown} == {
        doc["id"]: doc["title"] for doc in documents()
    }


def test_piped_json_is_the_data_exactly(hostile_db: str, tmp_path: Path) -> None:
    for command in (["list", "--format", "json"], ["export"]):
        result = run_filmtui("--db", hostile_db, *command, home=tmp_path)
        assert result.returncode == 0, result.stderr
        films = {film["id"]: film for film in json.loads(result.stdout)}
        for doc in documents():
            assert films[doc["id"]]["title"] == doc["title"]
            assert films[doc["id"]]["description"] == doc["description"]


def unescape_tsv(field: str) -> str:
    escapes = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
    return re.sub(r"\\[\\tnr]", lambda match: escapes[match[0]], field)


def test_piped_tab_separated_lines_keep_their_shape_and_the_data(
    hostile_db: str, tmp_path: Path
) -> None:
    text = piped("--db", hostile_db, "list", home=tmp_path)
    lines = text.split("\n")
    assert lines.pop() == ""
    assert len(lines) == len(documents())
    rows = [line.split("\t") for line in lines]
    assert {len(row) for row in rows} == {4}
    by_id = {unescape_tsv(row[0]): unescape_tsv(row[1]) for row in rows}
    expected = {doc["id"]: doc["title"].replace("\ud800", "\\ud800") for doc in documents()}
    assert by_id == expected
    assert "\x1b]0;PWNED-TITLE\x07" in text  # exact: a pipe gets the bytes


def test_piped_csv_is_the_data_exactly_but_the_lone_surrogate(
    hostile_db: str, tmp_path: Path
) -> None:
    text = piped("--db", hostile_db, "list", "--format", "csv", home=tmp_path)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    titles = {row["id"]: row["title"] for row in rows}
    # A bare CR breaks the CSV writer's quoting: issue 13's round-trip item, fixed
    # (and tested) in tui/transfer, not here.
    for doc in documents():
        if "\r" not in doc["title"] + doc["id"]:
            assert titles[doc["id"]] == doc["title"].replace("\ud800", "\\ud800")


def test_a_lone_surrogate_is_written_as_its_escape_in_every_list_format(tmp_path: Path) -> None:
    db = write_catalog(tmp_path / "s" / "films.json", [])
    db.write_text(
        json.dumps({"films": {"1": {"id": "s", "title": SURROGATE_TITLE, "year": 1961}}}),
        encoding="ascii",
    )
    for fmt in ("table", "json", "csv"):
        result = run_filmtui("--db", str(db), "list", "--format", fmt, home=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "lone \\ud800 surrogate" in result.stdout
    exported = tmp_path / "out.json"
    result = run_filmtui("--db", str(db), "export", "-o", str(exported), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(exported.read_text(encoding="utf-8"))[0]["title"] == SURROGATE_TITLE


def test_list_piped_into_head_ends_quietly_with_status_0(tmp_path: Path) -> None:
    db = write_catalog(
        tmp_path / "big" / "films.json",
        [{"id": f"f{n}", "title": f"Film number {n}", "year": 1960} for n in range(30_000)],
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path)}
    for fmt in ("table", "json", "csv"):
        result = subprocess.run(
            ["bash", "-c", f'set -o pipefail; "$0" -m tui --db "$1" list --format {fmt} | head -1',
             sys.executable, str(db)],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert (result.returncode, result.stderr) == (0, ""), fmt
        assert len(result.stdout.splitlines()) == 1


def huge_year_catalog(tmp_path: Path) -> Path:
    path = tmp_path / "years" / "films.json"
    path.parent.mkdir()
    rest = '"description": "", "fact": ""'
    films = {
        "1": '{"id": "a", "title": "Digits as text", "year": "' + "2" * 5000 + f'", {rest}}}',
        "2": '{"id": "b", "title": "Many digits", "year": ' + "3" * 4000 + f", {rest}}}",
        "3": '{"id": "c", "title": "Superscript", "year": "\\u00b2", ' + rest + "}",
        "4": '{"id": "d", "title": "Fine", "year": 1961, "description": "", "fact": ""}',
    }
    body = ", ".join(f'"{key}": {film}' for key, film in films.items())
    path.write_text('{"films": {' + body + "}}", encoding="ascii")
    return path


def test_a_year_of_thousands_of_digits_is_an_unknown_year(tmp_path: Path) -> None:
    db = huge_year_catalog(tmp_path)
    result = run_filmtui("--db", str(db), "list", "--format", "json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    years = {film["id"]: film["year"] for film in json.loads(result.stdout)}
    assert years == {"a": None, "b": None, "c": None, "d": 1961}
    from tui.store.opening import open_library

    assert open_library(db).problem_count == 3


def bad_paths(tmp_path: Path) -> dict[str, list[str]]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    binary = tmp_path / "binary.dat"
    binary.write_bytes(b"\x00\xff\xfe\x00binary")
    ok = str(tmp_path / "catalog" / "films.json")
    return {
        "export into a missing folder": ["--db", ok, "export", "-o", str(tmp_path / "no/x.json")],
        "export onto a folder": ["--db", ok, "export", "-o", str(folder)],
        "import a missing file": ["--db", ok, "import", str(tmp_path / "missing.json")],
        "import a folder": ["--db", ok, "import", str(folder)],
        "import a binary file": ["--db", ok, "import", str(binary)],
        "a folder as catalog": ["--db", str(folder), "list"],
        "a binary catalog": ["--db", str(binary), "list"],
        "an escape in a path": ["--db", ok, "import", str(tmp_path / "x\x1b]0;PWNED\x07.json")],
    }


CASES = [
    "export into a missing folder",
    "export onto a folder",
    "import a missing file",
    "import a folder",
    "import a binary file",
    "a folder as catalog",
    "a binary catalog",
    "an escape in a path",
]


@pytest.mark.parametrize("case", CASES)
def test_every_bad_path_is_one_line_and_status_2(
    catalog_path: Path, tmp_path: Path, case: str
) -> None:
    result = run_filmtui(*bad_paths(tmp_path)[case], home=tmp_path)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "unexpected" not in result.stderr  # the catch-all for bugs was not needed
    assert "\x1b" not in result.stderr


def test_export_through_a_link_keeps_the_link_and_streams_to_a_non_file(
    catalog_path: Path, tmp_path: Path
) -> None:
    link = tmp_path / "out.json"
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    result = run_filmtui("--db", str(catalog_path), "export", "-o", str(link), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 10
    # Through a link of our own, so a regression cannot replace the real /dev/stdout.
    to_stdout = tmp_path / "stdout"
    to_stdout.symlink_to("/dev/stdout")
    streamed = run_filmtui("--db", str(catalog_path), "export", "-o", str(to_stdout), home=tmp_path)
    assert streamed.returncode == 0, streamed.stderr
    assert len(json.loads(streamed.stdout)) == 10
    assert to_stdout.is_symlink()


def test_a_query_that_is_not_utf8_is_named_not_crashed_on(
    catalog_path: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"tui", b"--db", bytes(catalog_path), b"list",
         b"-q", b"\xff\x1b[2J"],
        capture_output=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.count(b"\n") == 1
    assert b"\x1b" not in result.stderr


def test_a_query_of_two_dashes_is_searched_not_crashed_on(
    catalog_path: Path, tmp_path: Path
) -> None:
    """Found by `python -m benchmarks.fuzz`: argparse gave `--query=--` as a list."""
    result = run_filmtui("--db", str(catalog_path), "list", "--query=--", home=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "unexpected" not in result.stderr


def test_the_fuzz_run_reports_what_it_tried(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.fuzz", "--seconds", "3", "--seed", "1"],
        capture_output=True, text=True, timeout=120, check=False,
        cwd=Path(__file__).parent.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    rows = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()[2:5]}
    assert set(rows) == {"query", "catalog", "import"}
    assert all(int(tried) > 0 for tried in rows.values())
