"""Saved searches in the remembered state (settings.json), on real files."""

from __future__ import annotations

import json

from tui.store.remembered import SAVED_KEY, Remembered, settings_path


def test_saved_searches_come_back_in_the_order_saved() -> None:
    remembered = Remembered.load()
    remembered.save_search("To watch", "is:watchlist -is:watched")
    remembered.save_search("Tarkovsky", 'director:"Andrei Tarkovsky"')
    remembered.save_search("To watch", "is:watchlist")  # replaced, now the latest
    assert remembered.save()
    assert Remembered.load().saved_searches == {
        "Tarkovsky": 'director:"Andrei Tarkovsky"',
        "To watch": "is:watchlist",
    }


def test_a_deleted_search_stays_deleted() -> None:
    remembered = Remembered.load()
    remembered.save_search("a", "x")
    remembered.save_search("b", "y")
    assert remembered.save()
    again = Remembered.load()
    again.delete_search("a")
    assert again.saved_searches == {"b": "y"}
    assert again.save()
    assert Remembered.load().saved_searches == {"b": "y"}


def test_two_runs_saving_searches_keep_both() -> None:
    """Another filmtui saved a search meanwhile: this run's save keeps it."""
    one, two = Remembered.load(), Remembered.load()
    one.save_search("one", "1")
    two.save_search("two", "2")
    two.delete_search("never saved")
    assert one.save() and two.save()
    assert Remembered.load().saved_searches == {"one": "1", "two": "2"}


def test_hand_edited_saved_searches_lose_only_what_is_wrong() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = {"ok": "is:fav", "": "blank name", "number": 7}
    path.write_text(json.dumps({SAVED_KEY: saved, "theme": "nord"}))
    assert Remembered.load().saved_searches == {"ok": "is:fav"}
    path.write_text(json.dumps({SAVED_KEY: ["not", "a", "dict"]}))
    assert Remembered.load().saved_searches == {}
