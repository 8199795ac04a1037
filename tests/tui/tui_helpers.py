"""Small helpers for pilot tests: wait for workers and messages, read the screen."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot

from tui.app import BroadsheetApp
from tui.screens.library import LibraryScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.status_line import StatusLine


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    """Let workers finish and their messages be handled (a handler may start another worker)."""
    app = pilot.app
    for _ in range(rounds):
        # Not workers.wait_for_complete(): it raises for workers a newer query cancelled.
        while any(not worker.is_finished for worker in app.workers):
            await asyncio.sleep(0.002)
        await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys one at a time, settling after each (as a person would)."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def library_screen(app: BroadsheetApp) -> LibraryScreen:
    """The library screen (whatever is on top of it)."""
    assert app.library_screen is not None
    return app.library_screen


def rows(app: BroadsheetApp) -> list[str]:
    """The non-blank lines the article list shows."""
    article_list = library_screen(app).query_one(ArticleList)
    return [line.rstrip() for line in article_list.visible_texts() if line.strip()]


def titles(app: BroadsheetApp, known: list[str]) -> list[str]:
    """Which of the ``known`` titles are on screen, in screen order."""
    shown = rows(app)
    found: list[str] = []
    for line in shown:
        for title in known:
            if title[:30] in line and title not in found:
                found.append(title)
    return found


def status(app: BroadsheetApp) -> str:
    """The status line text."""
    return library_screen(app).query_one(StatusLine).plain
