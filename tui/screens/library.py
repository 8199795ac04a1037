"""The library screen: the query line, the virtual article list and the status line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.errors import BroadsheetError
from reader.models import ArticleSummary, Filter
from tui.screens.date_range import DateChoice
from tui.widgets.article_list import PAGE_SIZE, ArticleList
from tui.widgets.filter_bar import FilterBar
from tui.widgets.key_bar import KeyBar
from tui.widgets.list_rows import ListShape
from tui.widgets.status_line import StatusLine
from tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from tui.app import BroadsheetApp

#: The four countries one key away, in key order.
QUICK_COUNTRIES = ("Syria", "Turkey", "Russia", "Iran")


def toggle_country(flt: Filter, country: str) -> Filter:
    """``flt`` with ``country`` added, or removed when already there (case-insensitively)."""
    present = {name for name in flt.countries if name.casefold() == country.casefold()}
    if present:
        return replace(flt, countries=flt.countries - present)
    return replace(flt, countries=flt.countries | {country})


def list_shape(article_count: int, dated_count: int | None) -> ListShape:
    """The list's shape: with an "Undated" heading only when both kinds are present."""
    return ListShape(article_count, dated_count)


def _warm_up() -> None:
    """Import the modules the first article open needs, while the reader looks at the list."""
    import tui.screens.article  # noqa: F401


class LibraryScreen(ReportsWorkerErrors, Screen[None]):
    """Everything in the library, filtered."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", show=False, id="library.quit"),
        Binding("slash", "focus_query", "Query", id="library.query"),
        Binding("1", "toggle_country('Syria')", "Toggle Syria", show=False, id="library.syria"),
        Binding("2", "toggle_country('Turkey')", "Toggle Turkey", show=False, id="library.turkey"),
        Binding("3", "toggle_country('Russia')", "Toggle Russia", show=False, id="library.russia"),
        Binding("4", "toggle_country('Iran')", "Toggle Iran", show=False, id="library.iran"),
        Binding("c", "pick_country", "Countries", id="library.countries"),
        Binding("d", "pick_dates", "Dates", id="library.dates"),
        Binding("x", "clear_filters", "Clear", id="library.clear"),
        Binding("b", "bookmark", "Bookmark on/off", show=False, id="library.bookmark"),
        Binding("B", "toggle_bookmarked", "Bookmarked only", show=False, id="library.bookmarked"),
        Binding("u", "toggle_unread", "Unread only", show=False, id="library.unread"),
        Binding("a", "add", "Add", id="library.add"),
        Binding("r", "refresh", "Refresh feeds", show=False, id="library.refresh"),
        Binding("F", "feeds", "Feeds", show=False, id="library.feeds"),
        Binding("Q", "quotes", "Quotes", show=False, id="library.quotes"),
        Binding("t", "timeline", "Timeline", show=False, id="library.timeline"),
        Binding("s", "toggle_stories", "One row per story", show=False, id="library.stories"),
        Binding("e", "export", "Export the list", show=False, id="library.export"),
        Binding("o", "link", "Copy link", show=False, id="library.link"),
    ]

    class Loaded(Message):
        """A filter's counts and first page are ready."""

        def __init__(
            self,
            generation: int,
            shape: ListShape,
            rows: list[ArticleSummary],
            total: int,
            undated_hidden: int,
        ) -> None:
            self.generation = generation
            self.shape = shape
            self.rows = rows
            self.total = total
            self.undated_hidden = undated_hidden
            super().__init__()

    class Refined(Message):
        """Counts that arrive after the first page: the undated split, the hidden undated."""

        def __init__(self, generation: int, shape: ListShape, undated_hidden: int) -> None:
            self.generation = generation
            self.shape = shape
            self.undated_hidden = undated_hidden
            super().__init__()

    class Failed(Message):
        """The library could not be read."""

        def __init__(self, generation: int, error: BroadsheetError) -> None:
            self.generation = generation
            self.error = error
            super().__init__()

    class PageLoaded(Message):
        """A further page of the current results is ready."""

        def __init__(self, generation: int, page: int, rows: list[ArticleSummary]) -> None:
            self.generation = generation
            self.page = page
            self.rows = rows
            super().__init__()

    class SummaryChanged(Message):
        """One article's list row changed (bookmark or read state)."""

        def __init__(self, summary: ArticleSummary) -> None:
            self.summary = summary
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.filter = Filter()
        self.generation = 0
        self.total = 0
        self._keep_cursor: int | None = None
        self._warmed = False
        #: One row per story (``s``): rows carry story_size and story_outlets.
        self.group_stories = False

    @property
    def broadsheet(self) -> BroadsheetApp:
        """The app, typed."""
        from tui.app import BroadsheetApp

        assert isinstance(self.app, BroadsheetApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        yield ArticleList(id="articles")
        yield StatusLine(id="status")
        yield KeyBar()

    @property
    def article_list(self) -> ArticleList:
        """The list widget."""
        return self.query_one(ArticleList)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    def on_mount(self) -> None:
        self.status.show_loading()
        self.query_one(FilterBar).return_focus = self.article_list
        self.article_list.focus()
        self.reload()

    # ----- loading -----------------------------------------------------------------------

    def set_filter(self, flt: Filter, *, from_bar: bool = False) -> None:
        """Show ``flt``: update the query line (unless it came from there) and reload."""
        self.filter = flt
        if not from_bar:
            self.query_one(FilterBar).show_filter(flt)
        self.reload()

    def reload(self, *, keep_cursor: bool = False) -> None:
        """Count and fetch the first page for the current filter, in a worker."""
        self.generation += 1
        self._keep_cursor = self.article_list.cursor if keep_cursor else None
        self._load(self.generation, self.filter, self.group_stories)

    @work(thread=True, exclusive=True, exit_on_error=False, group="filter", description="filter")
    def _load(self, generation: int, flt: Filter, stories: bool = False) -> None:
        try:
            self._load_counts(generation, flt, stories)
        except BroadsheetError as error:
            # Shown in place of the list (and as a notification), never a stuck "Loading…".
            self.post_message(self.Failed(generation, error))

    def _load_counts(self, generation: int, flt: Filter, stories: bool = False) -> None:
        # The first page comes first: it is what the reader sees, and when it is short it
        # is also the count. Counts that only the status line or a far-off "Undated"
        # heading need follow in a second message.
        worker = get_current_worker()
        library = self.broadsheet.library
        rows = library.summaries(flt, offset=0, limit=PAGE_SIZE, group_stories=stories)
        if worker.is_cancelled:
            return
        full = len(rows) == PAGE_SIZE
        article_count = library.count(flt, group_stories=stories) if full else len(rows)
        has_range = flt.since is not None or flt.until is not None
        dated_count: int | None = None
        dated_pending = False
        if flt.dates == "any" and not has_range and article_count:
            first_undated = next((i for i, row in enumerate(rows) if row.published is None), None)
            if first_undated is not None:
                dated_count = first_undated
            elif article_count == len(rows):
                dated_count = article_count
            else:
                dated_pending = True
        # With story rows the count is of stories; the total stays the articles held.
        total = library.total() if stories or not flt.is_empty else article_count
        if worker.is_cancelled:
            return
        shape = list_shape(article_count, dated_count)
        self.post_message(self.Loaded(generation, shape, rows, total, 0))
        if dated_pending:
            dated = library.count(replace(flt, dates="dated"), group_stories=stories)
            if not worker.is_cancelled:
                self.post_message(self.Refined(generation, list_shape(article_count, dated), 0))
        elif has_range and flt.dates != "undated":
            hidden = library.count(replace(flt, since=None, until=None, dates="undated"))
            if hidden and not worker.is_cancelled:
                self.post_message(self.Refined(generation, shape, hidden))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        if event.generation != self.generation:
            return
        self.article_list.show_results(
            event.generation, ListShape(0), [], message=f"Cannot read the library: {event.error}"
        )
        self.status.show_progress("")
        self.status.counts = "Library unavailable"
        self.status.show_progress("")
        self.broadsheet.report(event.error)

    @on(Refined)
    def _refined(self, event: Refined) -> None:
        if event.generation != self.generation:
            return
        if event.shape != self.article_list.shape:
            self.article_list.reshape(event.shape)
        self.status.show_counts(
            event.shape.article_count, self.total, self.filter, undated_hidden=event.undated_hidden
        )

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.generation != self.generation:
            return
        self.total = event.total
        if event.total == 0:
            message = "The library is empty. Press a to add a file, a folder or a URL."
        elif event.shape.article_count == 0:
            message = "No articles match. Press x to clear the filters."
        else:
            message = ""
        self.article_list.show_results(
            event.generation, event.shape, event.rows, message=message, cursor=self._keep_cursor
        )
        self._keep_cursor = None
        if not self._warmed:
            # After the first paint, load the reading screen's code so the first open is quick.
            self._warmed = True
            self.set_timer(0.3, _warm_up)
        self.status.show_counts(
            event.shape.article_count,
            event.total,
            self.filter,
            undated_hidden=event.undated_hidden,
        )

    @on(ArticleList.PageWanted)
    def _page_wanted(self, event: ArticleList.PageWanted) -> None:
        if event.generation == self.generation:
            self._load_page(event.generation, event.page, self.filter, self.group_stories)

    @work(thread=True, exit_on_error=False, group="pages", description="page")
    def _load_page(self, generation: int, page: int, flt: Filter, stories: bool = False) -> None:
        offset = page * PAGE_SIZE
        rows = self.broadsheet.library.summaries(
            flt, offset=offset, limit=PAGE_SIZE, group_stories=stories
        )
        self.post_message(self.PageLoaded(generation, page, rows))

    @on(PageLoaded)
    def _page_loaded(self, event: PageLoaded) -> None:
        self.article_list.add_page(event.generation, event.page, event.rows)

    # ----- the query line ----------------------------------------------------------------

    @on(FilterBar.Changed)
    def _query_changed(self, event: FilterBar.Changed) -> None:
        self.set_filter(event.filter, from_bar=True)

    @on(FilterBar.Done)
    def _query_done(self) -> None:
        self.article_list.focus()

    def action_focus_query(self) -> None:
        # Now, not after a message round trip (Widget.focus): the app reads the keys typed
        # right after "/" next (see BroadsheetApp.on_event), and they belong in the query.
        self.set_focus(self.query_one(FilterBar).input)

    # ----- filter keys -------------------------------------------------------------------

    def action_toggle_country(self, country: str) -> None:
        self.set_filter(toggle_country(self.filter, country))

    def action_clear_filters(self) -> None:
        self.set_filter(Filter())

    def action_toggle_bookmarked(self) -> None:
        self.set_filter(replace(self.filter, bookmarked=not self.filter.bookmarked))

    def action_toggle_unread(self) -> None:
        self.set_filter(replace(self.filter, unread=not self.filter.unread))

    def action_pick_country(self) -> None:
        from tui.screens.country_picker import CountryPickerModal

        def chosen(countries: frozenset[str] | None) -> None:
            if countries is not None:
                self.set_filter(replace(self.filter, countries=countries))

        self.app.push_screen(CountryPickerModal(self.filter.countries), chosen)

    def action_pick_dates(self) -> None:
        from tui.screens.date_range import DateRangeModal

        def chosen(choice: DateChoice | None) -> None:
            if choice is not None:
                self.set_filter(choice.applied_to(self.filter))

        self.app.push_screen(DateRangeModal(self.filter, self.broadsheet.today()), chosen)

    # ----- the current article -----------------------------------------------------------

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        from tui.screens.article import ArticleScreen

        summary = self.article_list.summary_at(event.index)
        if summary is not None and summary.story_size > 1:  # a story row offers each version
            from tui.screens.story import StoryScreen

            story = StoryScreen(event.article_id, self.filter)
            self.app.push_screen(story, lambda _: self.article_list.forget_pages())
            return

        def back(index: int | None) -> None:
            if index is not None:
                self.article_list.cursor = self.article_list.shape.row_of(index)
            # Read marks and bookmarks may have changed: fetch the visible rows again.
            self.article_list.forget_pages()

        screen = ArticleScreen(event.article_id, event.index, self.filter)
        self.app.push_screen(screen, back)

    def action_bookmark(self) -> None:
        summary = self.article_list.current
        if summary is not None:
            self._set_bookmark(summary, not summary.bookmarked)

    @work(thread=True, exit_on_error=False, group="writes", description="bookmark")
    def _set_bookmark(self, summary: ArticleSummary, value: bool) -> None:
        self.broadsheet.library.set_bookmarked(summary.id, value)
        self.post_message(self.SummaryChanged(replace(summary, bookmarked=value)))

    @on(SummaryChanged)
    def _summary_changed(self, event: SummaryChanged) -> None:
        self.article_list.update_summary(event.summary)
        word = "Bookmarked" if event.summary.bookmarked else "Bookmark removed"
        self.notify(f"{word}: {event.summary.title}", markup=False, timeout=2)

    def action_link(self) -> None:
        summary = self.article_list.current
        if summary is not None:
            self.broadsheet.show_link(summary.id)

    # ----- add and refresh ---------------------------------------------------------------

    def action_add(self) -> None:
        from tui.screens.add import AddModal

        def chosen(source: str | None) -> None:
            if source:
                self.broadsheet.start_import([source])

        self.app.push_screen(AddModal(), chosen)

    def action_refresh(self) -> None:
        self.broadsheet.start_refresh()

    def action_quotes(self) -> None:
        from tui.screens.quotes import QuotesScreen

        self.app.push_screen(QuotesScreen(self.filter))

    def action_timeline(self) -> None:
        from tui.screens.timeline import TimelineScreen

        def chosen(week: tuple[date, date] | None) -> None:
            if week is not None:
                self.set_filter(replace(self.filter, since=week[0], until=week[1], dates="any"))

        self.app.push_screen(TimelineScreen(self.filter), chosen)

    def action_feeds(self) -> None:
        from tui.screens.feeds import FeedsScreen

        self.app.push_screen(FeedsScreen())

    def action_toggle_stories(self) -> None:
        self.group_stories = not self.group_stories
        self.notify("One row per story" if self.group_stories else "One row per article", timeout=2)
        self.reload()

    def action_export(self) -> None:
        from tui.screens.export import ask_and_export

        ask_and_export(self.broadsheet, self.filter, self.article_list.shape.article_count)

    def action_quit(self) -> None:
        self.app.exit()
