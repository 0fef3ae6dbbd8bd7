"""Search on screen: highlighted matches, the sort key, hints and suggestions (Pilot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tests.conftest import write_catalog
from tui.app import FilmApp, make_app
from tui.store.remembered import Remembered
from tui.widgets.film_detail import FilmDetail
from tui.widgets.film_list import FilmList
from tui.widgets.search_bar import SearchBar

SIZE = (100, 30)


def titles(app: FilmApp) -> list[str]:
    return [film.title for film in app.query_one(FilmList).films]


def marked_in_row(app: FilmApp, row: int) -> list[str]:
    """The text of the emphasised (bold and underlined) segments of a list row."""
    strip = app.query_one(FilmList).render_line(row)
    return [
        segment.text
        for segment in strip
        if segment.style is not None and segment.style.bold and segment.style.underline
    ]


def marked_in(app: FilmApp, static_id: str) -> list[str]:
    """The text of the styled spans of one of the detail pane's parts."""
    content = app.query_one(FilmDetail).query_one(static_id, Static).visual
    assert isinstance(content, Content)
    return [content.plain[span.start : span.end] for span in content.spans]


async def test_matched_characters_are_highlighted_in_the_list(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"venus")
        assert titles(app)[0] == "The First Spaceship on Venus"
        assert marked_in_row(app, 0) == ["Venus"]
        assert marked_in_row(app, 1) == []  # Planet of Storms: matched in its description


async def test_a_close_spelling_highlights_the_title_word_it_found(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"cassiopea")
        assert titles(app) == ["Moscow-Cassiopeia"]
        assert marked_in_row(app, 0) == ["Cassiopeia"]


async def test_matched_characters_are_highlighted_in_the_detail_pane(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"venus")
        assert marked_in(app, "#detail-title") == ["Venus"]
        assert marked_in(app, "#detail-description") == ["Venus"]
        await pilot.press("down", "down")  # Planet of Storms
        assert marked_in(app, "#detail-title") == []
        assert marked_in(app, "#detail-description") == ["Venus"]


async def test_scoped_words_highlight_only_their_field(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"desc:soviet")
        assert marked_in(app, "#detail-description") == ["Soviet"]
        assert marked_in(app, "#detail-fact") == []


async def test_catalog_text_that_looks_like_markup_is_highlighted_as_text(
    tmp_path: Path,
) -> None:
    documents = [
        {"id": "rec", "title": "[REC] 2", "year": 2009, "description": "a[/b] [b]x", "fact": ""},
        {"id": "bold", "title": "[b]Bold[/b]", "year": 2001, "description": "", "fact": ""},
    ]
    app = make_app(write_catalog(tmp_path / "markup.json", documents))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"[b]")
        assert titles(app) == ["[b]Bold[/b]", "[REC] 2"]
        assert marked_in_row(app, 0) == ["[b]"]
        detail = app.query_one(FilmDetail).query_one("#detail-title", Static).visual
        assert isinstance(detail, Content) and detail.plain == "[b]Bold[/b]"
        await pilot.press("down", "down")
        assert marked_in(app, "#detail-description") == ["[b]"]


async def test_s_cycles_the_sort_and_the_list_border_says_which(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        film_list = app.query_one(FilmList)
        assert "by title" in str(film_list.border_title)
        await pilot.press("down", "s")
        assert "by year" in str(film_list.border_title)
        years = [film.year or 0 for film in film_list.films]
        assert years == sorted(years)
        await pilot.press("s")
        assert "by rating" in str(film_list.border_title)
        await pilot.press("s", "s", "s")  # runtime, last watched, then round again
        assert "by title" in str(film_list.border_title)  # no query: no relevance


async def test_s_offers_relevance_while_a_query_is_present(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"planet", "down")
        film_list = app.query_one(FilmList)
        assert "by relevance" in str(film_list.border_title)
        assert titles(app) == ["Planet of Storms", "The Mystery of the Third Planet"]
        await pilot.press("s")
        assert "by title" in str(film_list.border_title)
        assert titles(app) == ["The Mystery of the Third Planet", "Planet of Storms"]
        await pilot.press(*"s" * 5)  # year, rating, runtime, last watched, relevance
        assert "by relevance" in str(film_list.border_title)


async def test_the_sort_is_remembered_across_restarts(catalog_path: Path) -> None:
    first = make_app(catalog_path)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("down", "s")
    assert Remembered.load().sort == "year"
    second = make_app(catalog_path)
    async with second.run_test(size=SIZE):
        assert "by year" in str(second.query_one(FilmList).border_title)
        years = [film.year or 0 for film in second.query_one(FilmList).films]
        assert years == sorted(years)


async def test_a_broken_settings_file_starts_with_the_default_sort(
    isolated_dirs: Path, catalog_path: Path
) -> None:
    settings = isolated_dirs / "xdg_state_home" / "filmtui" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"sort": ', encoding="utf-8")
    app = make_app(catalog_path)
    async with app.run_test(size=SIZE):
        assert "by title" in str(app.query_one(FilmList).border_title)


async def test_no_result_says_so_and_suggests_the_nearest_title(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"mosko kasiopeya")
        assert titles(app) == []
        film_list = app.query_one(FilmList)
        lines = [film_list.render_line(y).text for y in range(2)]
        assert "No films match “mosko kasiopeya”" in lines[0]
        assert "Did you mean “Moscow-Cassiopeia”?" in lines[1]


async def test_no_result_without_a_close_title_suggests_nothing(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"xyzq")
        text = app.query_one(FilmDetail).view.empty_text
        assert "No films match “xyzq”" in text
        assert "Did you mean" not in text


async def test_a_malformed_query_shows_a_hint_in_the_search_bar(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"year:abc")
        search = app.query_one(SearchBar)
        assert "year:" in search.hint
        assert "1960..1969" in str(search.border_subtitle)
        assert len(titles(app)) == 10  # the bad part is ignored
        await pilot.press("escape")
        assert search.hint == ""
        assert search.border_subtitle in (None, "")


async def test_query_syntax_works_in_the_app(app: FilmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"year:>1975 -hotel -title:planet")
        assert titles(app) == ["Per Aspera Ad Astra", "The Return from Orbit"]


async def test_the_users_notes_are_searched_and_highlighted(catalog_path: Path) -> None:
    make_app(catalog_path).library.update_personal(
        "planet-of-storms-1961", {"notes": "Watched with Grandpa."}
    )
    app = make_app(catalog_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"grandpa")
        assert titles(app) == ["Planet of Storms"]
        assert marked_in(app, "#detail-notes") == ["Grandpa"]


async def test_a_rating_and_a_watched_mark_given_in_the_list_are_searchable(
    app: FilmApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        film_list = app.query_one(FilmList)
        await pilot.press("down", "4")
        rated = film_list.highlighted_film
        await pilot.press("down", "w")
        watched = film_list.highlighted_film
        assert rated is not None and watched is not None and rated != watched
        await pilot.press("slash", *"rating:4")
        assert app.query_one(SearchBar).value == "rating:4"
        assert titles(app) == [rated.title]
        await pilot.press("escape", *"is:watched")
        assert titles(app) == [watched.title]
        await pilot.press(*" rating:4")
        assert titles(app) == []


async def test_changing_a_mark_the_query_filters_on_updates_the_list(app: FilmApp) -> None:
    """With `rating:>=4` in the search bar, rating a film 2 takes it off the list at once."""
    async with app.run_test(size=SIZE) as pilot:
        film_list = app.query_one(FilmList)
        await pilot.press("down", "4", "down", "5")
        await pilot.press("slash", *"rating:>=4", "down")
        assert len(titles(app)) == 2
        first = film_list.highlighted_film
        assert first is not None
        await pilot.press("2")
        await pilot.pause()
        assert first.title not in titles(app)
        assert len(titles(app)) == 1
        assert film_list.highlighted_film is not None
        await pilot.press("w", "slash", "escape", *"is:watched")
        assert len(titles(app)) == 1
        await pilot.press("down", "w")  # not watched after all
        assert titles(app) == []
        assert "No films match" in app.query_one(FilmDetail).view.empty_text


async def test_a_latin_query_finds_and_highlights_a_cyrillic_title(tmp_path: Path) -> None:
    documents = [
        {"id": "solyaris-1968", "title": "Солярис", "year": 1968},
        {"id": "solaris-1972", "title": "Solaris", "year": 1972, "original_title": "Солярис"},
        {"id": "stalker-1979", "title": "Stalker", "year": 1979},
    ]
    app = make_app(write_catalog(tmp_path / "soviet.json", documents))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"сталкер")
        await pilot.pause()
        assert titles(app) == ["Stalker"]
        assert marked_in_row(app, 0) == ["Stalker"]
        await pilot.press("escape", *"solyaris")
        await pilot.pause()
        assert titles(app) == ["Солярис", "Solaris"]
        assert marked_in_row(app, 0) == ["Солярис"]
        assert marked_in(app, "#detail-title") == ["Солярис"]
        await pilot.press("down", "down")  # into the list, to Solaris
        detail = app.query_one(FilmDetail).query_one("#detail-title", Static).visual
        assert isinstance(detail, Content) and detail.plain == "Solaris"
        assert marked_in(app, "#detail-title") == ["Solaris"]  # a close spelling
        assert marked_in(app, "#detail-original") == ["Солярис"]


def bar_text(app: FilmApp) -> str:
    """What the search bar shows on screen."""
    region = app.query_one(SearchBar).content_region
    line = app.screen._compositor.render_strips()[region.y]
    return line.crop(region.x, region.right).text


async def test_a_query_longer_than_the_bar_scrolls_to_its_end_and_back(app: FilmApp) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press(*("venus " * 14), *"planet")
        await pilot.pause()
        assert bar_text(app).rstrip().endswith("venus planet")
        await pilot.press("home")
        await pilot.pause()
        assert bar_text(app).startswith("venus venus")


async def test_a_key_in_the_search_bar_lays_nothing_out(
    app: FilmApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar's text grows in a bar of a fixed size: the screen's layout, which would
    cost a key more than its search, is not asked for."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"venu")
        await pilot.pause()
        laid_out: list[str] = []
        refresh = Widget.refresh

        def recording(widget: Widget, *regions: Any, layout: bool = False, **kwargs: Any) -> Widget:
            if layout and isinstance(widget, SearchBar):
                laid_out.append(str(widget.id))
            return refresh(widget, *regions, layout=layout, **kwargs)

        monkeypatch.setattr(Widget, "refresh", recording)
        await pilot.press("s")
        await pilot.pause()
        assert app.query_one(SearchBar).value == "venus" and laid_out == []
