"""The film form as a user fills it in: validation, cancel, save."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Input, Static

import tui
from tests.conftest import key_event
from tui.model.draft import FilmDraft
from tui.screens.confirm import ConfirmScreen
from tui.screens.film_form import FilmForm


class FormHost(App[None]):
    """Opens the form and keeps what it returned."""

    CSS_PATH = Path(tui.__file__).parent / "app.tcss"

    def __init__(self, form: FilmForm) -> None:
        super().__init__()
        self.form = form
        self.results: list[FilmDraft | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def error_text(form: FilmForm, field: str) -> str:
    error = form.query_one(f"#{field}-error", Static)
    return "" if error.has_class("-hidden") else str(error.render())


async def test_saving_an_empty_title_shows_a_message_and_stays_open() -> None:
    host = FormHost(FilmForm("Add a film"))
    async with host.run_test(size=(90, 40)) as pilot:
        await pilot.press("tab", *"1961", "ctrl+s")
        assert host.results == []
        assert "title is required" in error_text(host.form, "title")
        assert host.screen is host.form


async def test_a_year_out_of_range_is_flagged_while_typing() -> None:
    host = FormHost(FilmForm("Add a film"))
    async with host.run_test(size=(90, 40)) as pilot:
        await pilot.press(*"Solaris", "tab", *"1850")
        assert "between 1880" in error_text(host.form, "year")
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"1972")
        assert error_text(host.form, "year") == ""


async def test_escape_on_an_unchanged_form_cancels_at_once() -> None:
    host = FormHost(FilmForm("Edit", title="Solaris", year=1972))
    async with host.run_test(size=(90, 40)) as pilot:
        await pilot.press("escape")
        assert host.results == [None]


async def test_escape_with_unsaved_changes_asks_before_discarding() -> None:
    host = FormHost(FilmForm("Edit", title="Solaris", year=1972))
    async with host.run_test(size=(90, 40)) as pilot:
        await pilot.press(*"changed", "escape")
        assert isinstance(host.screen, ConfirmScreen)
        assert host.results == []
        await pilot.press("n")  # keep editing: nothing lost
        assert host.screen is host.form
        assert host.form.query_one("#title", Input).value == "changed"
        await pilot.press("escape", "y")
        assert host.results == [None]


async def test_keys_typed_right_after_tab_go_to_the_next_field() -> None:
    host = FormHost(FilmForm("Add a film"))
    async with host.run_test(size=(90, 40)) as pilot:
        for key in ("S", "tab", "1", "9", "7", "2"):  # one burst, as a fast typist sends it
            host.post_message(key_event(key))
        await pilot.pause()
        assert host.form.query_one("#title", Input).value == "S"
        assert host.form.query_one("#year", Input).value == "1972"


async def test_ctrl_s_saves_the_edited_fields() -> None:
    host = FormHost(FilmForm("Edit", title="Solaris", year=1972, description="Old."))
    async with host.run_test(size=(90, 40)) as pilot:
        title = host.form.query_one("#title", Input)
        title.value = "Solaris [1972] cut"
        await pilot.press("ctrl+s")
        assert host.results == [FilmDraft("Solaris [1972] cut", 1972, "Old.", "", "")]


async def test_the_save_button_saves() -> None:
    host = FormHost(FilmForm("Add", title="Stalker", year=1979))
    async with host.run_test(size=(90, 40)) as pilot:
        await pilot.click("#save")
        assert host.results == [FilmDraft("Stalker", 1979)]
