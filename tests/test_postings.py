"""Postings kept flat (`tui.search.postings`): written to a real kept file and read
back, they answer what the dict they were made from answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.search import postings
from tui.search.kept_file import KeptFile, KeptFileError, write_kept
from tui.search.postings import FlatPostings, flat_parts, read_flat

KEY = {"test": 1}
POSTINGS = {
    "star": [0, 3, 7],
    "voyage": [3],
    "": [5],
    "stars": [1, 2],
    "zz": [9, 10, 11, 12],
    "étoile": [4],
}


def _kept(path: Path, found: dict[str, list[int]]) -> FlatPostings:
    write_kept(path, KEY, flat_parts("words", found))
    file = KeptFile(path, KEY)
    try:
        return read_flat(file, "words", len(found))
    finally:
        file.close()


@pytest.mark.parametrize("step", [2, 3, 50_000])  # the texts over several parts, or one
def test_read_back_they_answer_as_the_dict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    monkeypatch.setattr(postings, "KEYS_STEP", step)
    flat = _kept(tmp_path / "index", POSTINGS)
    assert list(flat) == sorted(POSTINGS)
    assert len(flat) == len(POSTINGS)
    for text, found in POSTINGS.items():
        assert text in flat
        assert list(flat[text]) == found
        assert list(flat.get(text, ())) == found
    for missing in ("sta", "starz", "voyages", "a", "zzz", 3):
        assert missing not in flat
        assert flat.get(missing) is None  # type: ignore[call-overload]
    with pytest.raises(KeyError):
        flat["sta"]


def test_flat_postings_are_kept_again_as_they_are(tmp_path: Path) -> None:
    flat = _kept(tmp_path / "index", POSTINGS)
    again = _kept(tmp_path / "again", dict(flat))  # type: ignore[arg-type]
    assert {text: list(found) for text, found in again.items()} == POSTINGS


def test_no_postings(tmp_path: Path) -> None:
    flat = _kept(tmp_path / "index", {})
    assert len(flat) == 0
    assert "star" not in flat


def test_postings_of_the_wrong_shape_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "index"
    parts = [("postings.words.0", (["a", "b"], b"\x00" * 8, b""))]  # one start for two
    write_kept(path, KEY, parts)
    file = KeptFile(path, KEY)
    with pytest.raises(KeptFileError):
        read_flat(file, "words", 2)
    with pytest.raises(KeptFileError):
        read_flat(file, "words", 3)  # a part missing
    file.close()
