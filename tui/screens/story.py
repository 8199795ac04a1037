"""The story screen: every version of one story (outlets, rewrites); enter opens one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.models import ArticleSummary, Filter
from reader.sanitize import clean_line
from tui.widgets.key_bar import KeyBar
from tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from tui.app import BroadsheetApp


def version_prompt(summary: ArticleSummary) -> Text:
    """One version as Text (never markup): outlet and date, then the title."""
    text = Text(end="")
    text.append("  " if summary.read else "• ", style="bold")
    text.append(clean_line(summary.outlet or "") or "(no outlet)", style="bold")
    day = summary.published.isoformat()[:10] if summary.published is not None else "undated"
    text.append(f"  {day}\n    ", style="dim")
    text.append(clean_line(summary.title) or "(untitled)")
    return text


class StoryScreen(ReportsWorkerErrors, Screen[None]):
    """The versions of the story an article belongs to, newest first."""

    DEFAULT_CSS = """
    StoryScreen #story-versions { height: 1fr; border: none; padding: 0 1; }
    StoryScreen #story-title { padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="story.close"),
    ]

    class Loaded(Message):
        """The story's versions were read."""

        def __init__(self, versions: list[ArticleSummary]) -> None:
            self.versions = versions
            super().__init__()

    def __init__(self, article_id: int, flt: Filter | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.filter = flt or Filter()
        self.versions: list[ArticleSummary] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading…"), id="story-title")
        yield OptionList(id="story-versions", markup=False)
        yield KeyBar()

    @property
    def option_list(self) -> OptionList:
        """The versions."""
        return self.query_one("#story-versions", OptionList)

    def on_mount(self) -> None:
        self.option_list.focus()
        self.reload()

    def reload(self) -> None:
        """Read the story again (read marks change as versions are opened)."""
        self._load(self.article_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="story", description="story")
    def _load(self, article_id: int) -> None:
        app = cast("BroadsheetApp", self.app)
        self.post_message(self.Loaded(app.library.story_of(article_id)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        highlighted = self.option_list.highlighted
        self.versions = event.versions
        outlets = {clean_line(v.outlet or "") for v in event.versions} - {""}
        title = Text(f"One story, {len(event.versions)} versions", style="bold")
        title.append(f" from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}", style="dim")
        self.query_one("#story-title", Static).update(title)
        self.option_list.set_options(
            Option(version_prompt(v), id=f"v{n}") for n, v in enumerate(event.versions)
        )
        if event.versions:
            current = next((n for n, v in enumerate(event.versions) if v.id == self.article_id), 0)
            self.option_list.highlighted = highlighted if highlighted is not None else current

    @on(OptionList.OptionSelected, "#story-versions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from tui.screens.article import ArticleScreen

        version = self.versions[event.option_index]
        self.app.push_screen(
            ArticleScreen(version.id, 0, self.filter), lambda _position: self.reload()
        )

    def action_close(self) -> None:
        self.dismiss(None)
