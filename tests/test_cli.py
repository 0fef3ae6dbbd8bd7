"""The `filmtui` command as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import run_filmtui
from tui import __version__


def test_version_answers_and_exits_0(tmp_path: Path) -> None:
    result = run_filmtui("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"filmtui {__version__}"


def test_help_answers_and_exits_0(tmp_path: Path) -> None:
    result = run_filmtui("--help", home=tmp_path)
    assert result.returncode == 0
    assert "--db PATH" in result.stdout
    assert "Exit status" in result.stdout


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("filmtui")
    result = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_unreadable_db_gives_one_line_and_status_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run_filmtui("--db", str(bad), home=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(bad) in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_text(encoding="utf-8") == "{not json"
