"""The virtual list: row mapping, paging on demand, the "Undated" split past the first page."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from tui_helpers import library_screen, press, settle, status

from reader.models import Annotations, Extracted, SourceKind
from tui.app import BroadsheetApp
from tui.screens.article import ArticleScreen
from tui.widgets.article_list import PAGE_SIZE, ArticleList
from tui.widgets.list_rows import ListShape

pytestmark = pytest.mark.anyio

AppFactory = Callable[..., BroadsheetApp]
WORDS = ("river", "convoy", "market", "talks", "border", "harbour", "envoy", "bridge", "council")


def big_library(path: Path, dated: int, undated: int) -> None:
    """``dated`` + ``undated`` distinct articles, through the Library API."""
    from reader.library.store import Library, StoreRequest

    rng = random.Random(3)
    requests = []
    for serial in range(dated + undated):
        words = " ".join(rng.choice(WORDS) for _ in range(80))
        published = date(2024, 1, 1) + timedelta(days=serial) if serial < dated else None
        extracted = Extracted(
            title=f"Report number {serial}",
            body=f"Report {serial} begins. {words}. It ends with number {serial * 7919}.",
            outlet="Test Wire",
            published=published,
            kind=SourceKind.TEXT,
        )
        requests.append(StoreRequest(extracted, Annotations(), f"big/{serial}.txt"))
    with Library(path) as library:
        library.store_many(requests)


def test_list_shape_maps_rows_around_the_heading() -> None:
    shape = ListShape(article_count=5, dated_count=3)
    assert shape.has_heading and shape.row_count == 6
    assert [shape.article_index(row) for row in range(6)] == [0, 1, 2, None, 3, 4]
    assert [shape.row_of(index) for index in range(5)] == [0, 1, 2, 4, 5]
    assert not ListShape(5, 5).has_heading
    assert ListShape(2, 0).has_heading  # all undated: still labelled
    assert not ListShape(5).has_heading


async def test_rows_are_fetched_a_page_at_a_time_and_never_built_as_widgets(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = tmp_path / "big.sqlite3"
    big_library(path, dated=340, undated=12)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = library_screen(app).query_one(ArticleList)
        assert not article_list.children
        assert set(article_list._pages) == {0}
        assert status(app).startswith("352 of 352 articles")
        # The "Undated" heading lies beyond the first page; it is placed all the same.
        assert article_list.shape == ListShape(352, 340)
        await press(pilot, "G")
        current = article_list.current
        assert current is not None and current.title == "Report number 340"
        assert set(article_list._pages) <= {0, 2, 3}
        visible = article_list.visible_texts()
        assert any("Undated (12)" in line for line in visible)
        for _ in range(11):
            await pilot.press("up")
        await settle(pilot)
        current = article_list.current
        assert current is not None and current.title == "Report number 351"
        await press(pilot, "up")
        current = article_list.current
        # Dated articles end with the oldest one; the heading is skipped.
        assert current is not None and current.title == "Report number 0"
        await press(pilot, "g")
        assert article_list.cursor == 0
        assert PAGE_SIZE == 100


async def test_theme_toggle_while_reading_and_after(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dark = app.current_theme.dark
        await press(pilot, "enter", "n", "ctrl+t")
        assert app.current_theme.dark != dark
        assert isinstance(app.screen, ArticleScreen)
        await press(pilot, "escape", "ctrl+t")
        assert app.current_theme.dark == dark
        assert app.is_running
