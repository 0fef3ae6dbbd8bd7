"""The film form: add a film or edit one. ctrl+s saves; Esc cancels, asking first
if something was changed."""

from __future__ import annotations

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from tui.model.draft import FilmDraft, check_title, check_year, make_draft
from tui.safe_text import clean, clean_line
from tui.screens.confirm import ConfirmScreen

TEXT_FIELDS = ("description", "fact", "notes")


class FilmForm(ModalScreen[FilmDraft | None]):
    """A modal form; dismisses with the valid draft, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        # Priority: the focus moves as the key is read, so the keys typed right
        # after Tab go to the field they were typed in, not the one left.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="form.next"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            show=False,
            priority=True,
            id="form.previous",
        ),
    ]

    _title = getters.query_one("#title", Input)
    _year = getters.query_one("#year", Input)

    def __init__(
        self,
        heading: str,
        title: str = "",
        year: int | None = None,
        description: str = "",
        fact: str = "",
        notes: str = "",
    ) -> None:
        super().__init__()
        self._heading = heading
        # What is stored, and what the fields show: the stored text without the
        # control characters that would reach the terminal (see tui.safe_text).
        self._stored = {
            "title": title,
            "year": "" if year is None else str(year),
            "description": description,
            "fact": fact,
            "notes": notes,
        }
        self._initial = {
            field: clean_line(text) if field == "title" else clean(text)
            for field, text in self._stored.items()
        }

    def _value(self, field: str, shown: str) -> str:
        """What to save for `field`: the stored text when the user left it as shown."""
        return self._stored[field] if shown == self._initial[field] else shown

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog") as form:
            form.border_title = self._heading
            form.border_subtitle = "ctrl+s save · esc cancel"
            yield Label("Title")
            yield Input(self._initial["title"], id="title")
            yield Static(classes="error -hidden", id="title-error")
            yield Label("Year")
            yield Input(self._initial["year"], id="year", type="integer", max_length=4)
            yield Static(classes="error -hidden", id="year-error")
            for field in TEXT_FIELDS:
                yield Label(field.capitalize())
                yield TextArea(self._initial[field], id=field, soft_wrap=True)
            with Horizontal(id="form-buttons", classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self._title.focus()

    def _shown(self) -> dict[str, str]:
        """What each field shows now."""
        texts = {field: self.query_one(f"#{field}", TextArea).text for field in TEXT_FIELDS}
        return {"title": self._title.value, "year": self._year.value, **texts}

    @property
    def changed(self) -> bool:
        """True if a field shows something else than when the form opened."""
        return self._shown() != self._initial

    def _show_error(self, field: str, message: str | None) -> None:
        error = self.query_one(f"#{field}-error", Static)
        error.update(Content(message or ""))
        error.set_class(message is None, "-hidden")

    @on(Input.Changed, "#title")
    def _title_changed(self, event: Input.Changed) -> None:
        self._show_error("title", check_title(event.value))

    @on(Input.Changed, "#year")
    def _year_changed(self, event: Input.Changed) -> None:
        self._show_error("year", check_year(event.value))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        shown = self._shown()
        draft, errors = make_draft(
            self._value("title", shown["title"]),
            shown["year"],
            description=self._value("description", shown["description"]),
            fact=self._value("fact", shown["fact"]),
            notes=self._value("notes", shown["notes"]),
        )
        for field in ("title", "year"):
            self._show_error(field, errors.get(field))
        if draft is None:
            self.query_one(f"#{next(iter(errors))}", Input).focus()
            self.notify("Please correct the marked fields.", severity="warning")
            return
        self.dismiss(draft)

    @on(Button.Pressed, "#cancel")
    @work(exclusive=True, group="cancel")
    async def action_cancel(self) -> None:
        """Close without saving; ask first if something was changed."""
        if self.changed:
            question = "Discard your changes to this film?"
            if not await self.app.push_screen_wait(ConfirmScreen(question, yes_label="Discard")):
                return
        self.dismiss(None)
