"""A big library whose index was kept shows its films before its catalog is read.

The films of the first frame (ids, titles, years in title order) come from
the kept index (`tui.finder.kept_preview`) while the catalog's files are the
ones it was kept from; meanwhile the catalog is read in a thread (held here
on an event), the search bar takes what is typed, and what needs the films
is disabled. Real files in tmp_path; the app driven by Pilot.
"""

from __future__ import annotations

import json
import os
import threading
import time
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.command import CommandList, CommandPalette
from textual.widgets import ProgressBar, Static

from benchmarks.generate import documents
from tests.conftest import write_catalog
from tests.waiting import wait_until
from tui import finder
from tui.app import FilmApp, make_app
from tui.finder import adopted, find_in, keep_index, kept_preview, library_index, preview_index
from tui.model.film import Film
from tui.safe_text import clean_line
from tui.screens import loading
from tui.screens.loading import LoadingScreen
from tui.search import preview
from tui.search.index import SearchIndex
from tui.search.kept_file import MAGIC
from tui.search.orders import Sort
from tui.search.preview import Joined, PreviewFilms, same_ids
from tui.store.library import Library
from tui.store.locations import kept_index_path
from tui.store.opening import open_library, stand_in
from tui.store.remembered import Place, Remembered
from tui.widgets.film_detail import FilmDetail
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar

SIZE = (100, 30)
COUNT = 80
STRANGE = "[bold]Red[/bold] \x1b[31m \x00Star"  # markup, terminal controls, a NUL
NOTED = "strange"  # the film with a note


@pytest.fixture(autouse=True)
def keep_small_indexes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the index of a library of `COUNT` films, as of a big one."""
    monkeypatch.setattr(finder, "KEEP_FROM", 50)


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    films = list(documents(COUNT - 1, 5))
    strange = {"id": "strange", "title": STRANGE, "year": None, "description": "", "fact": ""}
    strange["runtime"] = 130
    return write_catalog(tmp_path / "lib" / "films.json", [*films, strange])


def keep(catalog: Path) -> Library:
    """Open the library, note a film, build its index and keep it (as a first run
    leaves it: the kept index holds no notes)."""
    library = open_library(catalog)
    library.update_personal(NOTED, {"notes": "Seen with Grandpa."})
    index = library_index(library)
    index.build()
    assert keep_index(library, index)
    return library


def found_ids(library: Library, query: str) -> list[str]:
    """What the library's own index, built from its films, finds."""
    return [film.id for film in find_in(library, library_index(library), query).films]


def rows(library: Library) -> list[tuple[str, str, int | None]]:
    index = library_index(library)
    return [(f.id, f.title, f.year) for f in find_in(library, index, "", sort=Sort.TITLE).films]


@pytest.fixture
def held() -> Iterator[threading.Event]:
    release = threading.Event()
    yield release
    release.set()


def previewing(catalog: Path, release: threading.Event) -> FilmApp:
    """The app as `make_app` makes it for a big kept catalog, its reading held until
    `release` is set (a quarter read until then)."""

    def loader(progress: Callable[[float], None]) -> Library:
        progress(0.25)
        release.wait(10)
        return open_library(catalog, progress=progress)

    return FilmApp(stand_in(catalog), loader=loader, preview=kept_preview(catalog))


@pytest.fixture
def kept_app(catalog: Path, held: threading.Event) -> FilmApp:
    """The app over the catalog, kept before, its reading held."""
    keep(catalog)
    return previewing(catalog, held)


# -- the preview on disk ----------------------------------------------------------


@given(st.lists(st.text(max_size=4), max_size=8))
def test_joined_texts_read_back_as_the_texts(texts: list[str]) -> None:
    """The rows' ids and titles are kept joined (`Joined`) and read one at a time."""
    joined = Joined.read(len(texts), *Joined.of(texts).kept())
    assert list(joined) == joined.texts(0, len(texts)) == texts
    assert joined.texts(1, len(texts) - 1) == texts[1:-1]
    assert [joined[n] for n in range(-len(texts), 0)] == texts
    assert joined[1:-1] == texts[1:-1]
    for text in {*texts, "\x00", "x"}:
        assert (text in texts) == (text in joined)
        if text in texts:
            assert joined.index(text) == texts.index(text)
    with pytest.raises(IndexError):
        joined[len(texts)]


def test_the_films_read_are_the_previews_when_their_ids_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`same_ids` compares a run of films at a time (two here), none made of the rows."""
    monkeypatch.setattr(preview, "RUN", 2)
    films = [Film(f"film-{n}", f"Film {n}", 2000 + n) for n in range(5)]
    rows = PreviewFilms(
        Joined.of([film.id for film in films]),
        Joined.of([film.title for film in films]),
        array("q", [film.year or 0 for film in films]),
    )
    assert same_ids(rows, films) and same_ids(films, rows)
    assert not same_ids(rows, [*films[:4], Film("film-9", "Film 4", 2004)])  # in the last run
    assert not same_ids(rows, films[:4])
    assert not same_ids(rows, [films[1], films[0], *films[2:]])


def test_nothing_kept_means_no_preview(catalog: Path) -> None:
    assert kept_preview(catalog) is None


def test_the_preview_is_the_kept_title_order(catalog: Path) -> None:
    library = keep(catalog)
    preview = kept_preview(catalog)
    assert preview is not None
    assert [(f.id, f.title, f.year) for f in preview] == rows(library)
    assert preview[0].description == ""  # only what a row shows


def test_a_preview_is_read_through_another_spelling_of_the_path(catalog: Path) -> None:
    keep(catalog)
    os.chdir(catalog.parent)
    assert kept_preview(Path("films.json")) is not None


def test_a_catalog_changed_since_has_no_preview(catalog: Path) -> None:
    keep(catalog)
    data = json.loads(catalog.read_text())
    data["films"]["1"]["title"] = "Changed Behind Our Back"
    catalog.write_text(json.dumps(data))
    assert kept_preview(catalog) is None


def test_an_edit_since_means_no_preview(catalog: Path) -> None:
    library = keep(catalog)
    library.delete_film(library.films[0].id)  # the user's edits file changes
    assert kept_preview(catalog) is None


def test_a_mark_since_keeps_the_preview(catalog: Path) -> None:
    library = keep(catalog)
    library.set_favourite(library.films[0].id, True)
    assert kept_preview(catalog) is not None


def _part(path: Path, name: str) -> tuple[int, int]:
    """Where part `name` of a kept index file starts, and its length."""
    raw = path.read_bytes()
    length = int.from_bytes(raw[len(MAGIC) : len(MAGIC) + 4], "little")
    offset = len(MAGIC) + 4 + length
    for part, size, _crc in json.loads(raw[len(MAGIC) + 4 : offset])["parts"]:
        if part == name:
            return offset, size
        offset += size
    raise LookupError(name)


def test_a_damaged_preview_is_thrown_away_and_kept_anew(catalog: Path) -> None:
    keep(catalog)
    path = kept_index_path(catalog)
    start, size = _part(path, "rows")
    data = bytearray(path.read_bytes())
    data[start + size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert kept_preview(catalog) is None
    assert not path.exists()  # never trusted again
    library = keep(catalog)  # the next run keeps it anew
    preview = kept_preview(catalog)
    assert preview is not None and len(preview) == len(library.films) == COUNT


def index_of_preview(catalog: Path) -> SearchIndex:
    """The index of the catalog's preview, as the loading thread reads it."""
    preview = kept_preview(catalog)
    assert preview is not None
    index = preview_index(stand_in(catalog), preview)
    assert index is not None
    return index


QUERIES = ["golden", "the", "grandpa", '"the golden"', "river -golden", "year:1950..1960 s", "xq"]


def test_the_preview_index_finds_what_the_library_index_finds(catalog: Path) -> None:
    library = keep(catalog)
    index = index_of_preview(catalog)
    for query in QUERIES:
        for sort in (Sort.RELEVANCE, Sort.TITLE, Sort.YEAR):
            found = find_in(library, index, query, sort=sort).films
            expected = find_in(library, library_index(library), query, sort=sort).films
            assert [f.id for f in found] == [f.id for f in expected], (query, sort)


def test_the_films_read_are_put_in_the_preview_index(catalog: Path) -> None:
    keep(catalog)
    index = index_of_preview(catalog)
    shown = [find_in(stand_in(catalog), index, query).films for query in ("", "grandpa")]
    assert shown[1][0].id == NOTED and shown[1][0].runtime is None  # a stand-in
    library = open_library(catalog)
    assert adopted(index, library) is index  # nothing built again
    [film] = find_in(library, index, "grandpa").films
    assert film == library.films[-1] and film.runtime == 130
    read = {film.id: film for film in library.films}
    for films in shown:  # the results given out before show the films read
        assert list(films) == [read[film.id] for film in films]
    assert shown[1][0].runtime == 130


def test_a_note_written_meanwhile_indexes_the_films_anew(catalog: Path) -> None:
    keep(catalog)
    index = index_of_preview(catalog)
    library = open_library(catalog)
    library.update_personal(library.films[0].id, {"notes": "Quokka"})  # another filmtui
    again = adopted(index, library)
    assert again is not index
    assert [f.id for f in find_in(library, again, "quokka").films] == [library.films[0].id]


# -- the app ---------------------------------------------------------------------


def detail_text(app: FilmApp, part: str = "") -> str:
    """What the details pane says: of its film, in `part` (`title`, `notes`); else why
    it shows no more."""
    detail = app.main.query_one(FilmDetail)
    said = part or ("empty" if detail.query_one("#detail-empty").display else "pending")
    return str(detail.query_one(f"#detail-{said}", Static).render())


async def test_the_first_frame_shows_the_kept_films_before_the_catalog_is_read(
    catalog: Path, held: threading.Event
) -> None:
    library = keep(catalog)
    app = previewing(catalog, held)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, LoadingScreen)
        films = app.main.query_one(FilmList).films
        assert [(f.id, f.title, f.year) for f in films] == rows(library)
        assert isinstance(app.focused, SearchBar)
        await wait_until(lambda: app.main.reading == 0.25, "the progress", pilot=pilot)
        subtitle = str(app.main.query_one(FilmList).border_subtitle)
        assert subtitle == f"{COUNT} of {COUNT} · reading 25%"
        assert "Reading the catalog…" in detail_text(app)  # how far: on the edge
        assert detail_text(app, "title") == clean_line(films[0].title)  # a stand-in's
        await pilot.press("down", "f", "d", "e")  # no film is read yet: nothing changes
        assert app.screen is app.main and app.library.favourites == frozenset()
        await pilot.press("slash", *"grandpa")  # in a note: the preview's index holds it
        await wait_until(lambda: app.main.shown_query == "grandpa", "the search", pilot=pilot)
        shown = app.main.query_one(FilmList).films
        assert [film.id for film in shown] == found_ids(library, "grandpa") == [NOTED]
        assert app.loading and shown[0].runtime is None  # a stand-in, until read
        assert detail_text(app, "notes") == "Seen with Grandpa."  # the user's marks are read
        assert str(app.main.query_one(FilmList).border_subtitle) == f"1 of {COUNT} · reading 25%"
        await pilot.press("escape", *"runtime:>100")  # the stand-ins have no runtime: it waits
        await pilot.pause()
        assert app.main.shown_query != "runtime:>100"  # what is shown is of an older query
        assert "The search for “runtime:>100” runs once it is read." in detail_text(app)
        held.set()
        await wait_until(lambda: not app.loading, "the load", pilot=pilot)
        await wait_until(lambda: app.main.shown_query == "runtime:>100", "the search", pilot=pilot)
        runtimes = [film.id for film in app.main.query_one(FilmList).films]
        assert runtimes == found_ids(library, "runtime:>100") == ["strange"]
        assert app.main.reading is None
        await pilot.press("escape")
        await wait_until(lambda: app.main.shown_query == "", "all films", pilot=pilot)
        await pilot.press("down", "f")  # the films are in: marks work
        await pilot.pause()
        film = app.main.highlighted_film()
        assert film is not None and app.library.favourites == {film.id}


async def test_a_key_that_needs_the_films_says_so_while_they_are_read(kept_app: FilmApp) -> None:
    app = kept_app
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: app.main.reading == 0.25, "the progress", pilot=pilot)
        await pilot.press("down", "f", "e")
        await pilot.pause()
        said = [(n.title, n.message) for n in app._notifications]
        assert said == [
            ("Reading the catalog", f"{what} works once the films are in: the catalog is 25% read.")
            for what in ("Favourite", "Edit")
        ]
        assert app.library.favourites == frozenset() and app.screen is app.main
        await pilot.press("slash", "f")  # typed in the search bar, as ever
        assert app.main.query_one(SearchBar).value == "f" and len(app._notifications) == 2


async def test_a_strange_title_in_the_preview_is_shown_as_text(kept_app: FilmApp) -> None:
    app = kept_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        widget = app.main.query_one(FilmList)
        widget.highlight_film("strange")
        await pilot.pause()
        lines = ["".join(s.text for s in widget.render_line(y)) for y in range(widget.size.height)]
        assert any("[bold]Red[/bold]" in line and "\x1b" not in line for line in lines)


async def test_the_palette_offers_only_what_needs_no_film_while_reading(kept_app: FilmApp) -> None:
    app = kept_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.pause(0.3)
        commands = app.screen.query_one(CommandList)
        options = map(commands.get_option_at_index, range(commands.option_count))
        prompts = {str(option.prompt).partition("\n")[0] for option in options}
        assert {"Search", "Help", "Sort by year"} <= prompts
        assert not prompts & {"Toggle favourite", "Edit film", "Statistics", "Surprise me"}


async def test_make_app_shows_a_kept_library_without_a_loading_screen(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event
) -> None:
    library = keep(catalog)
    library.set_favourite("strange", True)  # marks are shown from the first frame
    monkeypatch.setattr("tui.app.LOAD_IN_BACKGROUND_BYTES", 1)
    monkeypatch.setattr("tui.app.open_library", held_open(held))
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen is app.main and app.main.reading is not None
        widget = app.main.query_one(FilmList)
        assert len(widget.films) == COUNT
        widget.highlight_film("strange")
        await pilot.pause()
        assert "★" in "".join(s.text for s in widget.render_line(widget.cursor - widget.scroll_y))
        held.set()
        await wait_until(lambda: not app.loading, "the load", pilot=pilot)
        assert app.main.reading is None
        assert widget.highlighted_film is not None
        assert widget.highlighted_film.id == "strange"  # the highlight stays on its film


def held_open(held: threading.Event) -> Callable[..., Library]:
    """`open_library`, once `held` is set."""

    def opening(path: Path, **options: Any) -> Library:
        held.wait(10)
        return open_library(path, **options)

    return opening


async def test_make_app_without_a_kept_index_shows_the_loading_screen(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event
) -> None:
    monkeypatch.setattr("tui.app.LOAD_IN_BACKGROUND_BYTES", 1)
    monkeypatch.setattr("tui.app.open_library", held_open(held))
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        held.set()
        await wait_until(lambda: not app.loading, "the load", pilot=pilot)
        assert len(app.main.query_one(FilmList).films) == COUNT


async def test_the_loading_screen_is_still_while_the_films_are_sorted(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event
) -> None:
    """Sorting the films read has no fraction to show: the bar stays full rather than
    animated (each frame of it would be time taken from the sorting)."""
    monkeypatch.setattr("tui.app.LOAD_IN_BACKGROUND_BYTES", 1)
    monkeypatch.setattr("tui.app.open_library", held_open(held))
    app = make_app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LoadingScreen)
        screen.post_message(loading.LoadProgress("Sorting 80 films", None))
        await pilot.pause()
        bar = screen.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (100, 100)
        assert str(screen.query_one("#loading-stage", Static).render()) == "Sorting 80 films"
        held.set()
        await wait_until(lambda: not app.loading, "the load", pilot=pilot)


async def test_a_preview_index_that_fails_only_waits_for_the_films(
    kept_app: FilmApp, held: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_: object) -> None:
        raise OSError("the kept index went away")

    monkeypatch.setattr("tui.screens.loading.preview_index", failing)
    app = kept_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"grandpa")
        await pilot.pause(0.2)
        assert app.main.shown_query is None and len(app.main.query_one(FilmList).films) == COUNT
        held.set()
        await wait_until(lambda: app.main.shown_query == "grandpa", "the search", pilot=pilot)
        assert [film.id for film in app.main.query_one(FilmList).films] == [NOTED]


async def test_what_is_typed_is_found_before_the_catalog_is_read(catalog: Path) -> None:
    """The reading waits for the search of the preview (here the remembered query)
    to be shown: the two would share the interpreter."""
    keep(catalog)
    remembered = Remembered.load()
    remembered.set_place(catalog.resolve(), Place("grandpa", None, False))
    remembered.save()
    shown_when_read: list[str | None] = []

    def loader(progress: Callable[[float], None]) -> Library:
        shown_when_read.append(app.main.shown_query)
        return open_library(catalog, progress=progress)

    app = FilmApp(stand_in(catalog), loader=loader, preview=kept_preview(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: not app.loading, "the load", pilot=pilot)
    assert shown_when_read == ["grandpa"]


async def test_quitting_while_reading_remembers_what_was_typed(
    catalog: Path, held: threading.Event
) -> None:
    """The query typed and the film highlighted while the catalog is read are where
    the next run starts, as after any other run."""
    library = keep(catalog)
    app = previewing(catalog, held)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"grandpa")
        await wait_until(lambda: app.main.shown_query == "grandpa", "the search", pilot=pilot)
        assert app.loading
    place = Remembered.load().place(library.path)
    assert (place.query, place.film_id) == ("grandpa", NOTED)


async def test_quitting_before_the_preview_is_searched_keeps_the_query(
    catalog: Path, held: threading.Event
) -> None:
    keep(catalog)
    app = previewing(catalog, held)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"venus")
        assert app.loading
    assert Remembered.load().place(catalog.resolve()).query == "venus"


async def test_the_reading_waits_until_the_typing_pauses(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog is read once what is typed is shown and the typing has paused: the
    reading would slow every key down (both need the interpreter)."""
    keep(catalog)
    monkeypatch.setattr(loading, "TYPING_PAUSE", 1.5)  # a pause no key waits for here
    when_read: list[tuple[str | None, float]] = []

    def loader(progress: Callable[[float], None]) -> Library:
        when_read.append((app.main.shown_query, time.monotonic()))
        return open_library(catalog, progress=progress)

    app = FilmApp(stand_in(catalog), loader=loader, preview=kept_preview(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: app.main.preview_searches, "the preview's index", pilot=pilot)
        for key in "grand":
            await pilot.press(key)
        typed = time.monotonic()
        await wait_until(lambda: not app.loading, "the load", pilot=pilot)
    [(shown, read)] = when_read
    assert shown == "grand" and read - typed >= 1.0


async def test_the_reading_stands_aside_for_a_search_typed_meanwhile(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the catalog is being read, a key typed is searched with the interpreter
    to itself: the reading waits between two pieces until that search is shown."""
    keep(catalog)
    monkeypatch.setattr(loading, "TYPING_PAUSE", 0.0)
    searches: list[list[float]] = []  # when each search was asked for, and shown
    ask, shown = loading.Typing.ask, loading.Typing.shown

    def asked(typing: loading.Typing) -> None:
        searches.append([time.monotonic()])
        ask(typing)

    def was_shown(typing: loading.Typing) -> None:
        if searches and len(searches[-1]) == 1:
            searches[-1].append(time.monotonic())
        shown(typing)

    monkeypatch.setattr(loading.Typing, "ask", asked)
    monkeypatch.setattr(loading.Typing, "shown", was_shown)
    find_steps = SearchIndex.find_steps

    def slowly(index: SearchIndex, *args: Any, **kwargs: Any) -> Iterator[Any]:
        time.sleep(0.3)  # a search that leaves the interpreter to the reading meanwhile
        yield from find_steps(index, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "find_steps", slowly)
    pieces: list[float] = []  # when each piece of the catalog was read

    def loader(progress: Callable[[float], None]) -> Library:
        for piece in range(100):
            progress(piece / 100)
            pieces.append(time.monotonic())
            time.sleep(0.01)
        return open_library(catalog)

    app = FilmApp(stand_in(catalog), loader=loader, preview=kept_preview(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: len(pieces) > 5, "the reading", pilot=pilot)
        await pilot.press("v")
        await wait_until(lambda: app.main.shown_query == "v", "the search", pilot=pilot)
        await wait_until(lambda: not app.loading, "the load", pilot=pilot)
    [[asked_at, shown_at]] = [times for times in searches if times[0] > pieces[0]]
    assert shown_at - asked_at >= 0.3
    assert len([at for at in pieces if asked_at < at < shown_at]) <= 1  # the one under way


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The views the detail pane draws (each lays the screen out again), as drawn."""
    views: list[object] = []
    show = FilmDetail.show

    def counted(detail: FilmDetail, view: Any) -> None:
        views.append(view)
        show(detail, view)

    monkeypatch.setattr(FilmDetail, "show", counted)
    return views


async def test_the_reading_leaves_the_details_as_they_are(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, drawn: list[object]
) -> None:
    """How far the reading has got shows on the list's edge; the details, each of
    whose updates lays the screen out again, are not drawn again for it."""
    keep(catalog)
    monkeypatch.setattr(loading, "PROGRESS_EVERY", 0.0)
    begun, going = threading.Event(), threading.Event()

    def loader(progress: Callable[[float], None]) -> Library:
        progress(0.1)
        begun.wait(10)
        for tenth in range(2, 10):
            progress(tenth / 10)
        going.wait(10)
        return open_library(catalog)

    app = FilmApp(stand_in(catalog), loader=loader, preview=kept_preview(catalog))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(lambda: app.main.reading == 0.1, "the reading", pilot=pilot)
            before = len(drawn)
            begun.set()
            await wait_until(lambda: app.main.reading == 0.9, "the reading on", pilot=pilot)
            edge = str(app.main.query_one(FilmList).border_subtitle)
            assert edge == f"{COUNT} of {COUNT} · reading 90%"
            assert len(drawn) == before
            going.set()
            await wait_until(lambda: not app.loading, "the load", pilot=pilot)
    finally:
        begun.set()
        going.set()


async def test_typing_before_the_preview_is_searched_leaves_the_details_as_they_are(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event, drawn: list[object]
) -> None:
    """Until the preview's index is read, the details say that the search runs in a
    moment: the same words at each key, which are not drawn again."""
    keep(catalog)
    indexing = threading.Event()

    def held_index(*arguments: Any) -> SearchIndex | None:
        indexing.wait(10)
        return preview_index(*arguments)

    monkeypatch.setattr(loading, "preview_index", held_index)
    app = previewing(catalog, held)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("v")
            await pilot.pause()
            before = len(drawn)
            await pilot.press(*"enus")
            await pilot.pause()
            assert "The search runs in a moment." in detail_text(app)
            assert len(drawn) == before
            indexing.set()
            await wait_until(lambda: app.main.shown_query == "venus", "the search", pilot=pilot)
    finally:
        indexing.set()


async def test_the_films_being_put_in_are_almost_ready(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the catalog is read, its films are put in the preview's index (seconds at a
    million films): the list says so, not `reading 100%` for that long."""
    keep(catalog)
    putting = threading.Event()

    def put_in_slowly(index: SearchIndex | None, library: Library) -> SearchIndex:
        putting.wait(10)
        return adopted(index, library)

    monkeypatch.setattr(loading, "adopted", put_in_slowly)
    release = threading.Event()
    release.set()
    app = previewing(catalog, release)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(lambda: app.main.reading == 1.0, "the catalog read", pilot=pilot)
            subtitle = str(app.main.query_one(FilmList).border_subtitle)
            assert subtitle == f"{COUNT} of {COUNT} · almost ready"
            assert detail_text(app).startswith("The catalog is read: the rest of the details")
            putting.set()
            await wait_until(lambda: not app.loading, "the films put in", pilot=pilot)
            assert app.main.reading is None
    finally:
        putting.set()
