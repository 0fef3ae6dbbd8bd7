"""tui.safe_text: what may reach a terminal, and how the rest is shown."""

from __future__ import annotations

import json

import pytest

from tui.safe_text import clean, clean_line, escape_surrogates, visible, visible_line

# Each unsafe character, with a reason it must not reach a terminal.
UNSAFE = {
    "\x1b": "ESC starts CSI, OSC (0 title, 8 link, 52 clipboard) and DCS sequences",
    "\x07": "BEL ends an OSC",
    "\x00": "NUL",
    "\r": "CR moves back over what was written",
    "\x7f": "DEL",
    "\x9b": "C1 CSI, an escape sequence in one character",
    "\x90": "C1 DCS",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}


@pytest.mark.parametrize("char", UNSAFE, ids=[f"U+{ord(c):04X}" for c in UNSAFE])
def test_every_unsafe_character_is_left_out_by_clean_and_named_by_visible(char: str) -> None:
    text = f"a{char}b"
    assert clean(text) == "ab"
    assert visible(text) == f"a\\u{ord(char):04x}b"


def test_newline_and_tab_stay_in_text_and_become_spaces_on_one_line() -> None:
    assert clean("a\nb\tc") == visible("a\nb\tc") == "a\nb\tc"
    assert clean_line("a\nb\tc") == visible_line("a\nb\tc") == "a b c"


def test_a_lone_surrogate_is_a_replacement_character_or_its_escape() -> None:
    assert clean("x\ud800y") == "x\ufffdy"
    assert visible("x\ud800y") == escape_surrogates("x\ud800y") == "x\\ud800y"


def test_escape_surrogates_leaves_everything_else_exactly() -> None:
    text = "\x1b]52;c;eA==\x07 \u202e ё 🎬"
    assert escape_surrogates(text) == text


def test_visible_json_is_json_of_the_same_data() -> None:
    data = [{"title": "".join(UNSAFE) + "\ud800 ok"}]
    shown = visible(json.dumps(data, ensure_ascii=False))
    assert json.loads(shown) == data
    assert not set(shown) & set(UNSAFE)


def test_ordinary_text_is_unchanged() -> None:
    text = "Планета бурь — שלום 🎬 e\u0301 zero\u200bwidth"
    assert clean(text) == visible(text) == text
