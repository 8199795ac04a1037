"""Pilot tests for app-wide behaviour: help, command palette, config, add, hostile text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixture_library import build_library, load_items
from textual.widgets import Input
from tui_helpers import library_screen, press, rows, settle

from tui.app import BroadsheetApp
from tui.screens.add import AddModal
from tui.screens.article import ArticleScreen
from tui.screens.help import HelpScreen, all_binding_ids, binding_sections, key_help
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView

pytestmark = pytest.mark.anyio

AppFactory = Callable[..., BroadsheetApp]


async def test_help_lists_every_binding_with_its_live_key(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        for _title, classes in binding_sections():
            for cls in classes:
                for row in key_help(app, cls):
                    assert row.keys and row.description
        descriptions = {
            row.description for _t, cs in binding_sections() for c in cs for row in key_help(app, c)
        }
        for expected in (
            "Query",
            "Countries",
            "Dates",
            "Clear",
            "Bookmark on/off",
            "Bookmarked only",
            "Unread only",
            "Add",
            "Help",
            "Next highlight",
            "Previous highlight",
            "Side panel",
            "Next article",
            "Previous article",
            "Link",
            "Open",
            "First article",
            "Last article",
            "Quit",
        ):
            assert expected in descriptions
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_screen_renders_every_key(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 200)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        screen_text = "\n".join(
            line.text
            for line in app.screen._compositor.render_strips()  # type: ignore[attr-defined]
        )
        for word in ("Toggle Syria", "Toggle Iran", "Next article", "Side panel", "Open"):
            assert word in screen_text


async def test_command_palette_offers_every_screen_action(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = {command.title for command in app.get_system_commands(app.screen)}
        for expected in (
            "Query",
            "Toggle Syria",
            "Toggle Iran",
            "Countries",
            "Dates",
            "Add",
            "Help",
            "Open",
        ):
            assert expected in commands
        await press(pilot, "enter")
        commands = {command.title for command in app.get_system_commands(app.screen)}
        for expected in ("Next highlight", "Side panel", "Next article", "Link", "Back"):
            assert expected in commands
        # Running one from the palette runs the action.
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Side panel")
        result = command.callback()
        if result is not None:
            await result
        await settle(pilot)
        assert app.screen.query_one("#side-panel").display


async def test_config_remaps_keys_and_help_follows(make_app: AppFactory, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"library.query" = "f"\n"library.syria" = ["s", "ctrl+s"]\n')
    app = make_app(config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert library_screen(app).filter.countries == {"Syria"}
        await press(pilot, "1")
        assert library_screen(app).filter.countries == {"Syria"}  # 1 is no longer bound
        await press(pilot, "f")
        assert isinstance(app.focused, Input)
        from tui.screens.library import LibraryScreen

        keys = {row.description: row.keys for row in key_help(app, LibraryScreen)}
        assert keys["Query"] == ("f",)
        assert keys["Toggle Syria"][0] == "s"


async def test_bad_config_is_a_notification_not_a_crash(
    make_app: AppFactory, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"no.such.binding" = "z"\n"library.add" = 5\n[ui]\ntheme = "nope"\n')
    app = make_app(config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = " | ".join(n.message for n in app._notifications)
        assert "no.such.binding" in messages
        assert "library.add" in messages
        assert "nope" in messages
        assert rows(app)  # the app is up and listing
    broken = tmp_path / "broken.toml"
    broken.write_text("[keys\n")
    app = make_app(config_path=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("TOML" in n.message for n in app._notifications)


def test_every_binding_has_an_id_and_a_description() -> None:
    ids = all_binding_ids()
    assert len(ids) > 30
    for _title, classes in binding_sections():
        for cls in classes:
            for binding in cls.__dict__.get("BINDINGS", []):
                assert binding.id, binding
                assert binding.description, binding


async def test_add_with_a_bad_path_is_a_notification(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, AddModal)
        missing = str(tmp_path / "no-such-file.html")
        app.screen.query_one(Input).value = missing
        await press(pilot, "enter")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors, [n.message for n in app._notifications]
        assert any(missing in n.title or missing in n.message for n in errors)
        assert rows(app)  # still running, still listing


async def test_add_a_file_updates_the_list(make_app: AppFactory, tmp_path: Path) -> None:
    page = tmp_path / "new-story.txt"
    page.write_text(
        "Ceasefire talks open in Astana\n\nDelegations from several countries met in Astana "
        "on Wednesday to discuss a ceasefire. Officials said the first session ran late into "
        "the evening and that talks would continue the next day with smaller groups.\n"
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.library.total()
        await press(pilot, "a")
        app.screen.query_one(Input).value = str(page)
        await press(pilot, "enter")
        await settle(pilot)
        assert app.library.total() == before + 1
        assert any("Astana" in line for line in rows(app))
        assert any("Import finished" in n.message for n in app._notifications)


async def test_markup_looking_text_is_shown_literally_and_never_acted_on(
    tmp_path: Path, make_app: AppFactory
) -> None:
    path = tmp_path / "hostile.sqlite3"
    build_library(path, "hostile.json")
    expected = [item["title"] for item in load_items("hostile.json")]
    app = make_app(path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        shown = rows(app)
        for title in expected:
            assert any(title in line for line in shown), title
        article_list = library_screen(app).query_one(ArticleList)
        for position in range(len(expected)):
            # Click every row (twice: select, then open), read it, and come back.
            row = article_list.shape.row_of(position)
            await pilot.click(ArticleList, offset=(5, row))
            await settle(pilot)
            if not isinstance(app.screen, ArticleScreen):
                assert article_list.cursor == row
                await pilot.click(ArticleList, offset=(5, row))
                await settle(pilot)
            assert isinstance(app.screen, ArticleScreen)
            reading = app.screen.query_one(ArticleView)
            title = reading.plain_lines[0]
            assert title in expected
            assert any(title in line for line in reading.plain_lines[4:])
            await press(pilot, "n", "p", "o")
            assert app.clipboard.startswith("https://hostile.example.org/")
            await press(pilot, "escape")
        await press(pilot, "c")
        await press(pilot, "escape", "question_mark", "escape", "d", "escape")
        assert app.is_running
        assert app.return_code is None
