"""The article screen: the text with highlights, a side panel, and next/previous article."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer

from reader.models import Article, Filter
from tui.widgets.article_view import ArticleView
from tui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from tui.app import BroadsheetApp


class ArticleScreen(Screen[int | None]):
    """One article; dismisses with the list position last shown."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="article.back"),
        Binding("q", "back", "Back", show=False, id="article.back_q"),
        Binding("n", "highlight(1)", "Next highlight", id="article.next_highlight"),
        Binding(
            "N", "highlight(-1)", "Previous highlight", show=False, id="article.previous_highlight"
        ),
        Binding("p", "toggle_panel", "Side panel", id="article.panel"),
        Binding("right_square_bracket", "step(1)", "Next article", id="article.next"),
        Binding(
            "left_square_bracket",
            "step(-1)",
            "Previous article",
            show=False,
            id="article.previous",
        ),
        Binding("J", "step(1)", "Next article", show=False, id="article.next_vim"),
        Binding("K", "step(-1)", "Previous article", show=False, id="article.previous_vim"),
        Binding("b", "bookmark", "Bookmark on/off", show=False, id="article.bookmark"),
        Binding("o", "link", "Link", id="article.link"),
    ]

    class Loaded(Message):
        """An article has been read from the library (and marked read)."""

        def __init__(self, article: Article, position: int) -> None:
            self.article = article
            self.position = position
            super().__init__()

    class Neighbours(Message):
        """The ids of the list the article was opened from, in list order."""

        def __init__(self, article_ids: list[int]) -> None:
            self.article_ids = article_ids
            super().__init__()

    class Bookmarked(Message):
        """The bookmark flag of the shown article was written."""

        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    def __init__(self, article_id: int, position: int, flt: Filter) -> None:
        super().__init__()
        self.article_id = article_id
        self.position = position
        self.filter = flt
        self.article: Article | None = None
        self.article_ids: list[int] | None = None
        self._pending_step = 0

    @property
    def broadsheet(self) -> BroadsheetApp:
        """The app, typed."""
        return cast("BroadsheetApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="reading"):
            yield ArticleView(id="article-view")
            yield SidePanel(id="side-panel")
        yield Footer()

    @property
    def view(self) -> ArticleView:
        """The reading pane."""
        return self.query_one(ArticleView)

    @property
    def panel(self) -> SidePanel:
        """The side panel."""
        return self.query_one(SidePanel)

    def on_mount(self) -> None:
        self.view.focus()
        self._load(self.article_id, self.position)
        self._load_neighbours(self.filter)

    @work(thread=True, exclusive=True, exit_on_error=False, group="article", description="open")
    def _load(self, article_id: int, position: int) -> None:
        library = self.broadsheet.library
        article = library.get(article_id)
        if not article.read:
            library.set_read(article_id, True)
        self.post_message(self.Loaded(article, position))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.article = event.article
        self.article_id = event.article.id
        self.position = event.position
        self.view.show_article(event.article)
        self.panel.show_article(event.article)

    @work(thread=True, exclusive=True, exit_on_error=False, group="neighbours")
    def _load_neighbours(self, flt: Filter) -> None:
        self.post_message(self.Neighbours(self.broadsheet.library.ids(flt)))

    @on(Neighbours)
    def _neighbours(self, event: Neighbours) -> None:
        self.article_ids = event.article_ids
        ids = event.article_ids
        in_place = 0 <= self.position < len(ids) and ids[self.position] == self.article_id
        if not in_place and self.article_id in ids:
            # The list changed since it was drawn: find the article again.
            self.position = ids.index(self.article_id)
        if self._pending_step:
            step, self._pending_step = self._pending_step, 0
            self.action_step(step)

    # ----- actions -----------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(self.position)

    def action_highlight(self, step: int) -> None:
        if self.view.next_highlight(step) is None and self.article is not None:
            self.notify("No highlights in this article", timeout=2)

    def action_toggle_panel(self) -> None:
        panel = self.panel
        panel.toggle_class("-visible")
        if panel.has_class("-visible"):
            panel.focus()
        else:
            self.view.focus()

    @on(SidePanel.Chosen)
    def _chosen(self, event: SidePanel.Chosen) -> None:
        starts = event.entry.starts
        current = self.view.current
        now = self.view.highlights[current].start if current is not None else -1
        # Choosing the same entry again walks through its mentions.
        target = next((start for start in starts if start > now), starts[0])
        self.view.jump_to(target)

    def action_step(self, step: int) -> None:
        ids = self.article_ids
        if ids is None:
            self._pending_step = step
            return
        target = self.position + step
        if not 0 <= target < len(ids):
            self.notify("No more articles this way", timeout=2)
            return
        self.position = target
        self.article_id = ids[target]
        self._load(ids[target], target)

    def action_bookmark(self) -> None:
        if self.article is not None:
            self._bookmark(self.article, not self.article.bookmarked)

    @work(thread=True, exit_on_error=False, group="writes", description="bookmark")
    def _bookmark(self, article: Article, value: bool) -> None:
        from dataclasses import replace

        self.broadsheet.library.set_bookmarked(article.id, value)
        self.post_message(self.Bookmarked(replace(article, bookmarked=value)))

    @on(Bookmarked)
    def _bookmarked(self, event: Bookmarked) -> None:
        if self.article is not None and self.article.id == event.article.id:
            self.article = event.article
        word = "Bookmarked" if event.article.bookmarked else "Bookmark removed"
        self.notify(f"{word}: {event.article.title}", markup=False, timeout=2)

    def action_link(self) -> None:
        if self.article is not None:
            self.broadsheet.copy_link(self.article)
