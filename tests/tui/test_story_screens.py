"""Pilot tests for the quotes, timeline and story screens (issue 7)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from fixture_library import FIXED_TODAY, build_library
from textual import events
from textual.widgets import Input, OptionList
from tui_helpers import settle

from reader.library.store import Library
from reader.models import Filter
from tui.app import BroadsheetApp
from tui.screens.article import ArticleScreen
from tui.screens.quotes import ArticleAtQuoteScreen, QuotesScreen
from tui.screens.story import StoryScreen
from tui.screens.timeline import BARS, TimelineChart, TimelineScreen, bar, buckets
from tui.widgets.article_view import ArticleView

pytestmark = pytest.mark.anyio

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_stories.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_stories_tui", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_stories_tui"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def story_library(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """The TUI fixture articles (with quotes) plus the story-grouping fixture."""
    path = tmp_path / "stories.sqlite3"
    build_library(path)
    with Library(path) as library:
        ids = _bench().store_fixture(library)
    return path, ids


def _app(path: Path) -> BroadsheetApp:
    return BroadsheetApp(path, today=lambda: FIXED_TODAY)


def _prompts(option_list: OptionList) -> list[str]:
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in option_list.options]


async def test_quotes_grouped_by_speaker_and_opened_at_the_quote(
    story_library: tuple[Path, dict[str, int]],
) -> None:
    path, _ = story_library
    app = _app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(QuotesScreen(Filter()))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        options = screen.option_list.options
        prompts = _prompts(screen.option_list)
        # A heading per speaker (disabled), then the speaker's quotes.
        assert options[0].disabled and not options[1].disabled
        lavrov = next(n for n, p in enumerate(prompts) if p.startswith("Sergei Lavrov"))
        assert "useful and frank" in prompts[lavrov + 1]
        assert "Unattributed" in prompts[-1] or any(p.startswith("Unattributed") for p in prompts)
        # Narrow by speaker: the list updates as the name is typed. "/" and the name
        # arrive in one read (a fast typist, a slow link): every key reaches the filter.
        for key in ["slash", *"lavrov"]:
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await settle(pilot)
        assert isinstance(app.screen.focused, Input)
        names = {e.speaker_name for e in screen.entries}
        assert names == {"Sergei Lavrov"}
        await pilot.press("enter")  # back to the list
        await settle(pilot)
        assert app.screen.focused is screen.option_list
        entry = screen.entries[0]
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ArticleAtQuoteScreen)
        await settle(pilot)
        view = reader.query_one(ArticleView)
        assert view.article is not None and view.article.id == entry.article_id
        assert view.current is not None
        assert view.highlights[view.current].start == entry.start
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, QuotesScreen)


async def test_quotes_follow_the_library_filter(
    story_library: tuple[Path, dict[str, int]],
) -> None:
    path, _ = story_library
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(QuotesScreen(Filter(text="zebra")))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        assert screen.entries == []
        status = screen.query_one("#quotes-status")
        assert "No quotes match" in str(status.render())


def test_buckets_pack_weeks_into_cells() -> None:
    mondays = [date(2024, 1, 1 + 7 * n) for n in range(4)]
    series = {"Syria": list(zip(mondays, [1, 0, 3, 4], strict=True))}
    assert [c.counts for c in buckets(series, 10)] == [(1,), (0,), (3,), (4,)]
    packed = buckets(series, 2)
    assert [c.counts for c in packed] == [(1,), (7,)]
    assert packed[1].first == date(2024, 1, 15) and packed[1].last == date(2024, 1, 28)
    assert bar(0, 4) == BARS[0] and bar(4, 4) == BARS[-1] and bar(1, 100) == BARS[1]


@pytest.mark.parametrize("width", [80, 200])
async def test_timeline_draws_and_choosing_a_week_filters_the_list(
    story_library: tuple[Path, dict[str, int]], width: int
) -> None:
    path, _ = story_library
    app = _app(path)
    flt = Filter(
        countries=frozenset({"Turkey", "Syria"}), since=date(2025, 3, 1), until=date(2025, 7, 31)
    )
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        chosen: list[tuple[date, date] | None] = []
        await app.push_screen(TimelineScreen(flt), chosen.append)
        await settle(pilot)
        chart = app.screen.query_one(TimelineChart)
        assert list(chart.series) == ["Syria", "Turkey"]
        assert len(chart.cells) <= width - chart.label_width - 2
        lines = chart.render().plain.splitlines()
        assert lines[0].startswith("Syria") and lines[1].startswith("Turkey")
        assert all(len(line) <= width for line in lines)
        # The cursor starts on the newest cell; walk back to the Kilis crossing week.
        target = date(2025, 3, 4)
        while not chart.cells[chart.cursor].first <= target <= chart.cells[chart.cursor].last:
            await pilot.press("left")
        cell = chart.cells[chart.cursor]
        assert cell.counts[1] >= 3  # three Turkish reports of the crossing, and the wall
        await pilot.press("enter")
        await settle(pilot)
        assert chosen and chosen[0] == (cell.first, cell.last)
        assert not isinstance(app.screen, TimelineScreen)


async def test_story_screen_lists_versions_and_opens_one(
    story_library: tuple[Path, dict[str, int]],
) -> None:
    path, ids = story_library
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(StoryScreen(ids["quake-eurasia"]))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        outlets = [v.outlet for v in screen.versions]
        assert outlets == ["Gulf & Levant Monitor", "Eurasia Desk", "Anatolia Wire"]
        title = str(screen.query_one("#story-title").render())
        assert "3 versions" in title and "3 outlets" in title
        assert screen.option_list.highlighted == 1  # the article it was opened from
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article_id == ids["quake-eurasia"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        # The version just read is no longer marked unread.
        assert screen.versions[1].read


def test_story_rows_show_how_many_more_and_the_outlets() -> None:
    from reader.models import ArticleSummary
    from tui.widgets.article_list import ArticleList

    story = ArticleSummary(
        1,
        "Quake in eastern Turkey",
        "Eurasia Desk",
        date(2025, 10, 16),
        ("Turkey",),
        story_size=3,
        story_outlets=("Eurasia Desk", "Anatolia Wire", "Levant Ledger"),
    )
    for width in (80, 120, 200):
        line = "".join(text for text, _ in ArticleList().row_parts(story, width))
        assert len(line) == width
        assert "Quake in eastern Turkey" in line and " +2 more" in line
        assert "Eurasia D" in line
        if width == 200:
            assert "Eurasia Desk, Ana" in line
    single = ArticleSummary(2, "Alone", "Valley Post", None)
    line = "".join(text for text, _ in ArticleList().row_parts(single, 80))
    assert "more" not in line and "Valley Po" in line


async def test_library_keys_stories_and_export(
    story_library: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    from tui_helpers import library_screen, rows

    from tui.screens.export import ExportModal

    path, _ = story_library
    app = _app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = library_screen(app)
        plain = screen.article_list.shape.article_count
        # `s`: one row per story, with "+N more" and the outlets.
        await pilot.press("s")
        await settle(pilot)
        grouped = screen.article_list.shape.article_count
        assert grouped < plain
        quake_row = next(r for r in rows(app) if "Malatya hit again" in r)
        assert "+2 more" in quake_row
        # Enter on a story row offers each version.
        while screen.article_list.current is None or screen.article_list.current.story_size < 2:
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert len(app.screen.versions) >= 2
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert screen.article_list.shape.article_count == plain
        # `e`: export the filtered list.
        await pilot.press("1")  # Syria only
        await settle(pilot)
        syria = screen.article_list.shape.article_count
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportModal)
        field = app.screen.query_one(Input)
        target = tmp_path / "syria.md"
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Broadsheet: country:Syria\n")
        assert f"\n{syria} articles\n" in text
        assert "Countries: " in text and "## Trade resumes at Bab al-Salama" in text


async def test_quotes_screen_filters_by_country_like_the_library(
    story_library: tuple[Path, dict[str, int]],
) -> None:
    path, _ = story_library
    app = _app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(QuotesScreen(Filter()))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        everything = len(screen.entries)
        await pilot.press("1")  # Syria only
        await settle(pilot)
        assert screen.filter.countries == frozenset({"Syria"})
        syria = {e.article_id for e in screen.entries}
        assert syria and len(screen.entries) < everything
        assert "country:Syria" in str(screen.query_one("#quotes-title").render())
        assert syria <= set(app.library.ids(Filter(countries=frozenset({"Syria"}))))
        await pilot.press("1")
        await settle(pilot)
        assert len(screen.entries) == everything
