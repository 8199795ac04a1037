"""Pilot tests for the article screen: open, read state, highlights, panel, next/previous."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tui_helpers import library_screen, press, rows, settle

from tui.app import BroadsheetApp
from tui.screens.article import ArticleScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.side_panel import SidePanel

pytestmark = pytest.mark.anyio

AppFactory = Callable[..., BroadsheetApp]
MINISTERS = "Foreign ministers agree to meet again in Moscow"
ALEPPO = "Border crossing near Aleppo reopens after three weeks"
GRAIN = "Grain shipments through the straits rise in May"


def view(app: BroadsheetApp) -> ArticleView:
    assert isinstance(app.screen, ArticleScreen)
    return app.screen.query_one(ArticleView)


async def test_open_shows_header_and_body_and_marks_read(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert rows(app)[0].startswith("•")
        await press(pilot, "enter")
        lines = view(app).plain_lines
        assert lines[0] == MINISTERS
        assert "Eurasia Desk · Mira Halden · 2024-06-12" in lines[1]
        assert lines[2] == "https://news.example.org/2024/06/ministers-moscow"
        assert any("Sergei Lavrov told reporters" in line for line in lines)
        await press(pilot, "escape")
        assert not isinstance(app.screen, ArticleScreen)
        # The unread mark is gone: opening an article marks it read, in the library too.
        assert not rows(app)[0].startswith("•")
        assert app.library.get(app.library.ids()[0]).read


async def test_next_and_previous_article_without_going_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert view(app).plain_lines[0] == MINISTERS
        await press(pilot, "right_square_bracket")
        assert view(app).plain_lines[0] == ALEPPO
        await press(pilot, "J")
        assert view(app).plain_lines[0] == GRAIN
        await press(pilot, "left_square_bracket")
        assert view(app).plain_lines[0] == ALEPPO
        await press(pilot, "K")
        assert view(app).plain_lines[0] == MINISTERS
        await press(pilot, "J", "escape")
        # Back on the list, the cursor follows the article last read.
        current = library_screen(app).query_one(ArticleList).current
        assert current is not None and current.title == ALEPPO


async def test_next_and_previous_highlight(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reading = view(app)
        body = reading.body
        spans = [(h.kind, body[h.start : h.end]) for h in reading.highlights]
        assert ("place", "Moscow") in spans
        assert ("person", "Sergei Lavrov") in spans
        assert ("quote", '"useful and frank"') in spans
        await press(pilot, "n")
        assert reading.current == 0
        first = reading.highlights[0]
        assert body[first.start : first.end] == "Moscow"
        await press(pilot, "n", "n")
        assert reading.current == 2
        await press(pilot, "N")
        assert reading.current == 1
        await press(pilot, "N", "N")
        # Wraps round to the last highlight.
        assert reading.current == len(reading.highlights) - 1


async def test_side_panel_lists_people_places_quotes_and_jumps(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "p")
        assert isinstance(app.screen, ArticleScreen)
        panel = app.screen.query_one(SidePanel)
        assert panel.has_focus and panel.display
        labels = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert labels[0] == "People"
        assert "Sergei Lavrov ×2" in labels
        assert "Places" in labels and "Quotes" in labels
        assert '"clear steps on the border" — Hakan Fidan' in labels
        target = labels.index('"clear steps on the border" — Hakan Fidan')
        panel.highlighted = target
        await press(pilot, "enter")
        reading = view(app)
        assert reading.current is not None
        span = reading.highlights[reading.current]
        assert reading.body[span.start : span.end] == '"clear steps on the border"'
        # Choosing a person again walks through their mentions.
        panel.highlighted = labels.index("Sergei Lavrov ×2")
        await press(pilot, "enter")
        first = reading.highlights[reading.current].start
        await press(pilot, "enter")
        second = reading.highlights[reading.current].start
        assert reading.body[first:].startswith(("Sergei Lavrov", "Lavrov"))
        assert second != first
        await press(pilot, "p")
        assert not panel.display
        assert reading.has_focus


async def test_link_is_copied_and_shown_never_opened(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "o")
        assert app.clipboard == "https://news.example.org/2024/06/ministers-moscow"
        messages = [n.message for n in app._notifications]
        assert "https://news.example.org/2024/06/ministers-moscow" in messages
        await press(pilot, "escape", "j", "o")
        assert app.clipboard == "https://levant.example.net/aleppo-crossing"


async def test_bookmark_from_the_article_screen(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "b", "escape")
        assert app.library.get(app.library.ids()[0]).bookmarked
        assert rows(app)[0].startswith(" ★")


async def test_an_article_deleted_meanwhile_is_reported_not_silently_ignored(
    make_app: AppFactory,
) -> None:
    # A screen's worker errors reach the screen, not the app (Worker.StateChanged does
    # not bubble): the screen must report them itself.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.library.delete(app.library.ids()[0])  # e.g. by another process
        await press(pilot, "enter")
        assert isinstance(app.screen, ArticleScreen)
        messages = [str(n.message) for n in app._notifications]
        assert any("no such article" in m for m in messages), messages


async def test_side_panel_m_lists_every_article_mentioning_a_person(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "p")
        panel = app.screen.query_one(SidePanel)
        labels = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        panel.highlighted = labels.index("Hakan Fidan")
        await press(pilot, "m")
        await settle(pilot)
        assert not isinstance(app.screen, ArticleScreen)
        assert library_screen(app).filter.people == frozenset({"Hakan Fidan"})
        titles = " | ".join(rows(app))
        assert MINISTERS in titles and "Undated briefing" in titles
        assert ALEPPO not in titles


async def test_side_panel_m_on_a_quote_says_what_it_needs(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "p")
        panel = app.screen.query_one(SidePanel)
        labels = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        panel.highlighted = labels.index('"clear steps on the border" — Hakan Fidan')
        await press(pilot, "m")
        assert isinstance(app.screen, ArticleScreen)
        assert library_screen(app).filter.people == frozenset()
