"""The feeds screen: every subscription with its last refresh result and error."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from reader.models import Feed
from reader.sanitize import clean_line
from tui.widgets.key_bar import KeyBar
from tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from tui.app import BroadsheetApp


def feeds_table(feeds: list[Feed]) -> Table | Text:
    """The feeds as a table of Text cells (never markup), or a hint when there are none."""
    if not feeds:
        return Text(
            "No feeds yet. Subscribe from a shell: broadsheet feed add URL "
            "(or import an OPML file: broadsheet feed import FILE).",
            style="italic",
        )
    table = Table(expand=True, show_edge=False, pad_edge=False)
    table.add_column("Feed", ratio=3)
    table.add_column("Last checked", no_wrap=True)
    table.add_column("New", justify="right", no_wrap=True)
    table.add_column("Last error", ratio=2)
    for feed in feeds:
        name = Text(clean_line(feed.title or feed.url), style="bold")
        name.append("\n")
        name.append(clean_line(feed.url), style="dim")
        checked = feed.last_checked.strftime("%Y-%m-%d %H:%M") if feed.last_checked else "never"
        error = Text(clean_line(feed.last_error), style="bold") if feed.last_error else Text("—")
        table.add_row(name, Text(checked), Text(str(feed.last_new_count)), error)
    return table


class FeedsScreen(ReportsWorkerErrors, Screen[None]):
    """Subscriptions and how their last refresh went; `r` refreshes them all."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="feeds.close"),
        Binding("r", "refresh", "Refresh feeds", id="feeds.refresh"),
    ]

    class Listed(Message):
        """The feeds were read from the library."""

        def __init__(self, feeds: list[Feed]) -> None:
            self.feeds = feeds
            super().__init__()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="feeds-body"):
            yield Static(Text("Feeds", style="bold"), id="feeds-title")
            yield Static(Text("Loading…"), id="feeds-table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the feeds again (after a refresh)."""
        self._list()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds")
    def _list(self) -> None:
        app = cast("BroadsheetApp", self.app)
        self.post_message(self.Listed(app.library.feeds()))

    @on(Listed)
    def _listed(self, event: Listed) -> None:
        self.query_one("#feeds-table", Static).update(feeds_table(event.feeds))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_refresh(self) -> None:
        cast("BroadsheetApp", self.app).start_refresh()
