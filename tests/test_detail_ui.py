"""The detail pane shows every field of a film that has a value, literally, in
reading order; the list's rows show the marks compactly (Pilot)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget

from tests.full_film import BARE, FULL, FULL_MARKS, library_of
from tui.app import FilmApp, make_app
from tui.widgets.film_detail import FilmDetail
from tui.widgets.film_list import FilmList
from tui.widgets.film_text import own_value_text, runtime_text, seen_text


def pane_lines(app: FilmApp) -> list[str]:
    """What the detail pane shows on screen, line by line, its spaces collapsed."""
    region = app.query_one(FilmDetail).content_region
    strips = app.screen._compositor.render_strips()
    lines = [strips[y].crop(region.x, region.right).text for y in region.line_range]
    return [" ".join(line.split()) for line in lines]


def record_layouts(app: FilmApp, monkeypatch: pytest.MonkeyPatch, laid_out: list[str]) -> None:
    """From now on, put in `laid_out` the id of each part of the detail pane that
    asks for a layout."""
    refresh = Widget.refresh

    def recording(widget: Widget, *regions: Any, layout: bool = False, **kwargs: Any) -> Widget:
        if layout and app.query_one(FilmDetail) in widget.ancestors_with_self:
            laid_out.append(str(widget.id))
        return refresh(widget, *regions, layout=layout, **kwargs)

    monkeypatch.setattr(Widget, "refresh", recording)


async def test_a_full_film_shows_every_field_literally_in_reading_order(tmp_path: Path) -> None:
    app = make_app(library_of(tmp_path, [FULL], {"rec-2-2009": FULL_MARKS}))
    async with app.run_test(size=(130, 50)) as pilot:
        await pilot.pause()
        lines = [line for line in pane_lines(app) if line]
    assert lines == [
        "[REC] 2",
        "[REC]²",
        "2009 · 1 h 25 min",
        "★ Favourite · ★★★★½ 4.5/5 · ✓ Watched · ◷ Watchlist",
        "Seen 3 times: 2021-05-01, 2023-11-19, 2024-02-03",
        "Tags [rewatch], horror night",
        "Directors Jaume Balagueró, Paco Plaza",
        "Cast Manuela Velasco, Óscar Zafra",
        "Genres Horror, Thriller",
        "Country Spain",
        "Language Spanish",
        "IMDb tt1245112",
        "Letterboxd https://boxd.it/rec2",
        "Description",
        "Minutes after [b]the first film[/b], a SWAT team goes in.",
        "Fact",
        "Shot as one [i]night[/i] of found footage.",
        "Your notes",
        "Better than [REC].",
        "The film's own fields",
        "budget: 5600000",
        "formats: DVD, Blu-ray",
        "shelf: B[2]",
        'extras: {"disc": 2, "region": "B"}',
    ]


async def test_a_film_with_a_title_only_shows_no_empty_parts(tmp_path: Path) -> None:
    app = make_app(library_of(tmp_path, [BARE], {}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [line for line in pane_lines(app) if line] == ["Bare", "—"]


async def test_an_original_title_like_the_title_is_not_repeated(tmp_path: Path) -> None:
    film = {**BARE, "original_title": "Bare", "runtime": 120}
    app = make_app(library_of(tmp_path, [film], {"bare": {"watched": True}}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [line for line in pane_lines(app) if line] == ["Bare", "— · 2 h", "✓ Watched"]


async def test_moving_to_a_bare_film_hides_what_the_full_one_showed(tmp_path: Path) -> None:
    app = make_app(library_of(tmp_path, [FULL, BARE], {"rec-2-2009": FULL_MARKS}))
    async with app.run_test(size=(100, 30)) as pilot:
        film_list = app.query_one(FilmList)
        full_first = film_list.films[0].id == "rec-2-2009"
        await pilot.press("down", *(["down"] if full_first else ["up"]))
        await pilot.pause()
        assert [line for line in pane_lines(app) if line] == ["Bare", "—"]


async def test_a_search_highlights_a_full_film_where_it_matched(tmp_path: Path) -> None:
    """Spans come for the fields the search highlights; the others are shown plain."""
    app = make_app(library_of(tmp_path, [FULL, BARE], {"rec-2-2009": FULL_MARKS}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"footage")
        await pilot.pause()
        fact = app.query_one("#detail-fact").visual
        assert [fact.plain[span.start : span.end] for span in fact.spans] == ["footage"]
        assert "Balagueró" in " ".join(pane_lines(app))


async def test_a_highlight_that_moves_on_the_same_film_lays_nothing_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At each key the search's highlight moves in the same film's details: only
    text that changed its words (and so maybe its height) is laid out again."""
    app = make_app(library_of(tmp_path, [FULL, BARE], {"rec-2-2009": FULL_MARKS}))
    laid_out: list[str] = []

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"foot")
        await pilot.pause()
        record_layouts(app, monkeypatch, laid_out)
        await pilot.press(*"age")  # the same film, highlighted further
        await pilot.pause()
        fact = app.query_one("#detail-fact").visual
        assert [fact.plain[span.start : span.end] for span in fact.spans] == ["footage"]
        assert laid_out == []
        await pilot.press("escape", *"bare")  # the other film
        await pilot.pause()
    assert "detail-title" in laid_out


async def test_marks_of_other_words_in_as_many_lines_lay_nothing_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rating changed from 4 to 3 stars: the same lines, other words."""
    app = make_app(library_of(tmp_path, [FULL, BARE], {"rec-2-2009": FULL_MARKS}))
    laid_out: list[str] = []

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "4")
        await pilot.pause()
        before = pane_lines(app)
        record_layouts(app, monkeypatch, laid_out)
        await pilot.press("3")
        await pilot.pause()
        after = pane_lines(app)
    assert before != after and len(before) == len(after)
    assert laid_out == []


async def test_another_film_draws_its_parts_not_the_whole_pane(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pane's own lines (its edges and the space between the parts) are the
    same for another film of as many parts: only the parts are drawn again."""
    other = {**FULL, "id": "rec-3-2012", "title": "[REC] 3", "year": 2012}
    marks = {"rec-2-2009": FULL_MARKS, "rec-3-2012": FULL_MARKS}
    app = make_app(library_of(tmp_path, [FULL, other], marks))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.query_one(FilmDetail)
        drawn: list[int] = []
        render_line = pane.render_line

        def recording(y: int) -> Any:
            drawn.append(y)
            return render_line(y)

        monkeypatch.setattr(pane, "render_line", recording)
        title = app.query_one("#detail-title").visual
        await pilot.press("down", "down")  # to the list, and the other film
        await pilot.pause()
        assert app.query_one("#detail-title").visual != title
        assert drawn == []


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_rows_show_the_marks_compactly_without_wrapping(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    seen = {"rating": 4.5, "watched": True, "favourite": True}
    app = make_app(
        library_of(
            tmp_path,
            [FULL, {**BARE, "id": "later", "title": "Later"}],
            {"rec-2-2009": seen, "later": {"watchlist": True, "rating": 3}},
        )
    )
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        film_list = app.query_one(FilmList)
        rows = [film_list.render_line(y).text for y in range(2)]
        width = film_list.scrollable_content_region.width
        assert [len(row) for row in rows] == [width, width]
        assert rows[0].endswith(" 2009 ★ 4½ ✓ ")
        assert rows[1].endswith("   —   3  ◷ ")
        marks = next(line for line in pane_lines(app) if "Watched" in line)
        assert re.search(r"(^|· )✓ Watched( ·|$)", marks)  # whole, never cut in two


async def test_a_long_value_wraps_under_itself_beside_its_label(tmp_path: Path) -> None:
    app = make_app(library_of(tmp_path, [FULL], {"rec-2-2009": FULL_MARKS}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        region = app.query_one(FilmDetail).content_region
        strips = app.screen._compositor.render_strips()
        lines = [strips[y].crop(region.x, region.right).text.rstrip() for y in region.line_range]
    seen = next(n for n, line in enumerate(lines) if line.startswith("Seen "))
    assert lines[seen] == "Seen       3 times: 2021-05-01,"
    assert lines[seen + 1] == "           2023-11-19, 2024-02-03"


def test_the_days_seen_are_listed_or_counted() -> None:
    assert seen_text([]) == ""
    assert seen_text(["2021-05-01"]) == "2021-05-01"
    assert seen_text(["2021-05-01", "2023-11-19"]) == "2 times: 2021-05-01, 2023-11-19"
    days = [f"2020-01-{day:02}" for day in range(1, 8)]
    assert seen_text(days) == (
        "7 times, the last 5: 2020-01-03, 2020-01-04, 2020-01-05, 2020-01-06, 2020-01-07"
    )


def test_runtimes_read_in_hours_and_minutes() -> None:
    assert runtime_text(167) == "2 h 47 min"
    assert runtime_text(78) == "1 h 18 min"
    assert runtime_text(58) == "58 min"
    assert runtime_text(120) == "2 h"


def test_own_values_read_as_text_lists_or_compact_json() -> None:
    assert own_value_text("B[2]") == "B[2]"
    assert own_value_text(["DVD", 2, {"a": None}]) == 'DVD, 2, {"a": null}'
    assert own_value_text(False) == "false"
    assert own_value_text(2.5) == "2.5"
    assert own_value_text(10**5000) == "(cannot be shown)"
    nested: list[Any] = []
    for _ in range(100_000):
        nested = [nested]
    assert own_value_text({"deep": nested}) == "(cannot be shown)"
