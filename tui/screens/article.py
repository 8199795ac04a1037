"""The article screen: the text with highlights, a side panel, and next/previous article."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen

from reader.models import Article, Filter
from tui.widgets.article_view import ArticleView
from tui.widgets.key_bar import KeyBar
from tui.widgets.side_panel import SidePanel
from tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from tui.app import BroadsheetApp


#: How many list positions either side of the open article to know the ids of.
NEIGHBOUR_WINDOW = 50


class ArticleScreen(ReportsWorkerErrors, Screen[int | None]):
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
        """Ids of the list the article was opened from, from list position ``first`` on."""

        def __init__(self, first: int, article_ids: list[int], step: int) -> None:
            self.first = first
            self.article_ids = article_ids
            self.step = step
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
        #: list position -> article id, for a window around the reader (not the whole list).
        self.neighbour_ids: dict[int, int] = {}

    @property
    def broadsheet(self) -> BroadsheetApp:
        """The app, typed."""
        return cast("BroadsheetApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="reading"):
            yield ArticleView(id="article-view")
            yield SidePanel(id="side-panel")
        yield KeyBar()

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
        self._load_neighbours(self.position, 0)

    @work(thread=True, exclusive=True, exit_on_error=False, group="article", description="open")
    def _load(self, article_id: int, position: int) -> None:
        library = self.broadsheet.library
        article = library.get(article_id)
        # Show first; the write (a transaction, maybe an fsync) can follow.
        self.post_message(self.Loaded(article, position))
        if not article.read:
            library.set_read(article_id, True)

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.article = event.article
        self.article_id = event.article.id
        self.position = event.position
        self.view.show_article(event.article)
        self.panel.show_article(event.article)

    @work(thread=True, exclusive=True, exit_on_error=False, group="neighbours")
    def _load_neighbours(self, position: int, step: int) -> None:
        first = max(0, position - NEIGHBOUR_WINDOW)
        summaries = self.broadsheet.library.summaries(
            self.filter, offset=first, limit=2 * NEIGHBOUR_WINDOW + 1
        )
        self.post_message(self.Neighbours(first, [s.id for s in summaries], step))

    @on(Neighbours)
    def _neighbours(self, event: Neighbours) -> None:
        self.neighbour_ids.update(
            (event.first + offset, article_id)
            for offset, article_id in enumerate(event.article_ids)
        )
        if self.neighbour_ids.get(self.position) != self.article_id:
            # The list changed since it was drawn: find the article again if it is near.
            for position, article_id in self.neighbour_ids.items():
                if article_id == self.article_id:
                    self.position = position
                    break
        if event.step:
            self.action_step(event.step, fetch=False)

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

    @on(SidePanel.MentionsWanted)
    def _mentions_wanted(self, event: SidePanel.MentionsWanted) -> None:
        entry = event.entry
        names = frozenset({entry.name})
        flt = Filter(people=names) if entry.kind == "person" else Filter(places=names)
        self.broadsheet.show_library_filtered(flt)

    @on(SidePanel.Chosen)
    def _chosen(self, event: SidePanel.Chosen) -> None:
        starts = event.entry.starts
        current = self.view.current
        now = self.view.highlights[current].start if current is not None else -1
        # Choosing the same entry again walks through its mentions.
        target = next((start for start in starts if start > now), starts[0])
        self.view.jump_to(target)

    def action_step(self, step: int, fetch: bool = True) -> None:
        target = self.position + step
        article_id = self.neighbour_ids.get(target)
        if article_id is None:
            if fetch and target >= 0:
                self._load_neighbours(target, step)
            else:
                self.notify("No more articles this way", timeout=2)
            return
        self.position = target
        self.article_id = article_id
        self._load(article_id, target)

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
