"""Pilot tests for the library screen: every filter key, dates, the query line, bookmarks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, SelectionList, Static
from tui_helpers import library_screen, press, rows, settle, status, titles

from tui.app import BroadsheetApp
from tui.screens.country_picker import CountryPickerModal
from tui.screens.date_range import DateRangeModal
from tui.widgets.article_list import ArticleList
from tui.widgets.filter_bar import FilterBar

MINISTERS = "Foreign ministers agree to meet again in Moscow"
ALEPPO = "Border crossing near Aleppo reopens after three weeks"
GRAIN = "Grain shipments through the straits rise in May"
TEHRAN = "Tehran announces new round of nuclear talks"
BRACKETS = "Talks resume [b]at once[/b] — a note on [/] brackets"
LEBANON = "Lebanon's parliament elects a president"
UNDATED = "Undated briefing: who is who in the talks"
ALL = [MINISTERS, ALEPPO, GRAIN, TEHRAN, BRACKETS, LEBANON, UNDATED]

AppFactory = Callable[..., BroadsheetApp]

pytestmark = pytest.mark.anyio


async def test_launch_shows_every_article_newest_first_and_undated_apart(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert titles(app, ALL) == ALL
        shown = rows(app)
        heading = next(i for i, line in enumerate(shown) if "Undated (1)" in line)
        assert UNDATED[:30] in shown[heading + 1]
        assert status(app).startswith("7 of 7 articles")


@pytest.mark.parametrize(
    ("key", "country", "expected"),
    [
        ("1", "Syria", [MINISTERS, ALEPPO, BRACKETS]),
        ("2", "Turkey", [MINISTERS, GRAIN, UNDATED]),
        ("3", "Russia", [MINISTERS, UNDATED]),
        ("4", "Iran", [MINISTERS, TEHRAN]),
    ],
)
async def test_each_country_key_filters_and_toggles_off(
    make_app: AppFactory, key: str, country: str, expected: list[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        assert titles(app, ALL) == expected
        assert status(app).startswith(f"{len(expected)} of 7 articles")
        assert f"country:{country}" in status(app)
        assert library_screen(app).filter.countries == {country}
        await press(pilot, key)
        assert titles(app, ALL) == ALL


async def test_several_countries_mean_any_of_them(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "4")
        assert titles(app, ALL) == [MINISTERS, ALEPPO, TEHRAN, BRACKETS]
        query = library_screen(app).query_one(FilterBar).input.value
        assert query.lower().startswith("country:")
        assert "syria" in query.lower() and "iran" in query.lower()
        await press(pilot, "x")
        assert titles(app, ALL) == ALL
        assert library_screen(app).query_one(FilterBar).input.value == ""


async def test_country_picker_lists_countries_with_counts_and_filters(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CountryPickerModal)
        picker = app.screen.query_one(SelectionList)
        prompts = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
        assert "Lebanon (1)" in prompts
        assert "Syria (3)" in prompts
        position = next(i for i, p in enumerate(prompts) if p.startswith("Lebanon"))
        picker.highlighted = position
        await press(pilot, "space", "escape")
        assert titles(app, ALL) == [LEBANON]
        assert "country:Lebanon" in status(app)


@pytest.mark.parametrize(
    ("preset", "expected", "hidden"),
    [
        ("today", [], 1),
        ("week", [MINISTERS], 1),
        ("month", [MINISTERS, ALEPPO, GRAIN], 1),
        ("year", [MINISTERS, ALEPPO, GRAIN, TEHRAN], 1),
        ("undated", [UNDATED], 0),
        ("any", ALL, 0),
    ],
)
async def test_date_presets(
    make_app: AppFactory, preset: str, expected: list[str], hidden: int
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, DateRangeModal)
        options = app.screen.query_one("#presets", OptionList)
        options.highlighted = options.get_option_index(preset)
        await press(pilot, "enter")
        assert not isinstance(app.screen, DateRangeModal)
        assert titles(app, ALL) == expected
        if hidden:
            # Undated articles are never dropped silently: the status line counts them.
            assert "1 undated not in this date range" in status(app)
        if not expected:
            assert any("No articles match" in line for line in rows(app))


async def test_typed_date_range_and_a_bad_bound(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "d", "tab")
        since = app.screen.query_one("#since", Input)
        assert since.has_focus
        await pilot.press(*"2023-13")
        await press(pilot, "enter")
        # Still open, and it says what is wrong.
        assert isinstance(app.screen, DateRangeModal)
        error = str(app.screen.query_one("#date-error", Static).render())
        assert "✗" in error
        since.value = ""
        await pilot.press(*"2023")
        await press(pilot, "tab", *"2023", "enter")
        assert not isinstance(app.screen, DateRangeModal)
        assert titles(app, ALL) == [BRACKETS, LEBANON]
        assert "since:2023-01-01" in status(app) or "since:2023" in status(app)


async def test_query_line_filters_as_you_type_and_enter_returns_to_list(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        bar = library_screen(app).query_one(FilterBar)
        assert bar.input.has_focus
        for char in "aleppo":
            await pilot.press(char)
        await settle(pilot)
        assert titles(app, ALL) == [ALEPPO]
        await press(pilot, "enter")
        assert library_screen(app).query_one(ArticleList).has_focus
        assert titles(app, ALL) == [ALEPPO]


async def test_invalid_query_says_why_and_keeps_the_last_good_result(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await pilot.press(*"country:iran")
        await settle(pilot)
        assert titles(app, ALL) == [MINISTERS, TEHRAN]
        bar = library_screen(app).query_one(FilterBar)
        # Pasted in one go: typed key by key, "since:2024-9" would be a valid query on the way.
        bar.input.insert_text_at_cursor(" since:2024-99")
        await settle(pilot)
        assert bar.has_class("-invalid")
        message = str(bar.query_one("#query-error", Static).render())
        assert "2024-99" in message or "month" in message.lower() or "date" in message.lower()
        assert titles(app, ALL) == [MINISTERS, TEHRAN]
        await press(pilot, "escape")
        assert library_screen(app).query_one(ArticleList).has_focus


async def test_unread_and_bookmarked_only(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "u")
        assert GRAIN not in titles(app, ALL)
        assert status(app).startswith("6 of 7")
        await press(pilot, "u", "B")
        assert titles(app, ALL) == [ALEPPO]
        assert "is:bookmarked" in status(app)


async def test_bookmark_persists_across_restarts(make_app: AppFactory, library_file: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert titles(app, ALL)[0] == MINISTERS
        await press(pilot, "b")
        assert rows(app)[0].startswith("•★")
    second = make_app()
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "B")
        assert titles(second, ALL) == [MINISTERS, ALEPPO]
        # And off again, which also persists.
        await press(pilot, "b")
    third = make_app()
    async with third.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "B")
        assert titles(third, ALL) == [ALEPPO]


async def test_movement_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_list = library_screen(app).query_one(ArticleList)
        await press(pilot, "j", "down")
        assert article_list.cursor == 2
        await press(pilot, "k")
        assert article_list.cursor == 1
        await press(pilot, "G")
        current = article_list.current
        assert current is not None and current.title == UNDATED
        await press(pilot, "up")
        # The cursor never rests on the "Undated" heading.
        current = article_list.current
        assert current is not None and current.title == LEBANON
        await press(pilot, "g")
        assert article_list.cursor == 0


async def test_empty_library_says_how_to_add(tmp_path: Path, make_app: AppFactory) -> None:
    app = make_app(tmp_path / "empty.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("library is empty" in line for line in rows(app))
        assert status(app).startswith("0 of 0 articles")


async def test_keys_typed_right_after_enter_go_to_the_list_not_the_query(
    make_app: AppFactory,
) -> None:
    from textual import events

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"talks")
        # Enter and the next keys arrive in one read, as over a slow SSH link.
        for key, char in (("enter", "\r"), ("j", "j"), ("B", "B")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        bar = library_screen(app).query_one(FilterBar)
        assert bar.input.value == "talks is:bookmarked" or "is:bookmarked" in bar.input.value
        assert library_screen(app).filter.bookmarked
        assert library_screen(app).query_one(ArticleList).has_focus


async def test_keys_typed_right_after_slash_go_to_the_query(make_app: AppFactory) -> None:
    from textual import events

    from tui.screens.add import AddModal

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # "/" and the next keys in one read: "a" must be typed, not open the Add dialog.
        for key, char in (("slash", "/"), ("a", "a"), ("i", "i"), ("d", "d")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert not isinstance(app.screen, AddModal)
        assert library_screen(app).query_one(FilterBar).input.value == "aid"
        # In the query line, "/" is a character like any other.
        await press(pilot, "slash", "x")
        assert library_screen(app).query_one(FilterBar).input.value == "aid/x"


async def test_keys_typed_right_after_a_go_to_the_add_dialog(make_app: AppFactory) -> None:
    from textual import events

    from tui.screens.add import AddModal

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # "a" and a path in one read: the path is typed into the dialog, and "/" or "t"
        # do not reach the list's bindings (the query line, the timeline).
        for key, char in (("a", "a"), ("slash", "/"), ("t", "t"), ("m", "m"), ("p", "p")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert isinstance(app.screen, AddModal)
        assert app.screen.query_one("#source", Input).value == "/tmp"
        assert library_screen(app).query_one(FilterBar).input.value == ""


async def test_a_failed_bookmark_is_reported_not_silently_dropped(
    make_app: Callable[..., BroadsheetApp],
) -> None:
    # The library screen's own workers report their errors (Worker.StateChanged does not
    # bubble to the app).
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.library.delete(app.library.ids()[0])  # e.g. by another process
        await press(pilot, "b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("no such article" in m for m in messages), messages
