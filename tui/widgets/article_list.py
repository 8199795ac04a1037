"""The article list: a virtual, line-API list that renders only the rows on screen.

Rows come in pages of ``ArticleSummary`` that the owning screen fetches on demand: the
widget asks for a page with a ``PageWanted`` message and the screen answers with
``add_page``. Ten thousand articles cost ten thousand integers of scroll range, not ten
thousand widgets.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.models import ArticleSummary
from reader.sanitize import clean_line
from tui.widgets.list_rows import ListShape, fit, format_date, styled_line

#: How many summaries one page fetch brings.
PAGE_SIZE = 100
#: How many pages stay cached; older ones are fetched again if scrolled back to.
MAX_PAGES = 64

UNDATED_HEADING = "Undated"


class ArticleList(ScrollView, can_focus=True):
    """A virtual list of article summaries with a cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("j", "cursor_down", "Down", show=False, id="list.down_vim"),
        Binding("up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up_vim"),
        Binding("g,home", "first", "First article", show=False, id="list.first"),
        Binding("G,end", "last", "Last article", show=False, id="list.last"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "open", "Open", id="list.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--mark",
        "article-list--heading",
        "article-list--message",
    }

    DEFAULT_CSS = """
    ArticleList { height: 1fr; overflow-x: hidden; }
    """

    cursor: reactive[int] = reactive(0, init=False, always_update=True)

    class PageWanted(Message):
        """The list needs page ``page`` of results ``generation``."""

        def __init__(self, generation: int, page: int) -> None:
            self.generation = generation
            self.page = page
            super().__init__()

    class Opened(Message):
        """The reader chose an article (enter or a click on the cursor row)."""

        def __init__(self, article_id: int, index: int) -> None:
            self.article_id = article_id
            self.index = index
            super().__init__()

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.shape = ListShape(0)
        self.generation = 0
        self.message = "Loading…"
        self._pages: OrderedDict[int, list[ArticleSummary]] = OrderedDict()
        self._wanted: set[int] = set()
        self._style_cache: dict[str, Style] = {}
        self._strip_cache: dict[tuple[ArticleSummary, int, bool], Strip] = {}

    # ----- attributes down -------------------------------------------------------------

    def show_results(
        self,
        generation: int,
        shape: ListShape,
        first_page: list[ArticleSummary],
        *,
        message: str = "",
        cursor: int | None = None,
    ) -> None:
        """Replace the results: a new shape, its first page, and the empty-state message."""
        self.generation = generation
        self.shape = shape
        self.message = message
        self._pages.clear()
        self._wanted.clear()
        if first_page:
            self._pages[0] = first_page
        self.virtual_size = Size(self.size.width, shape.row_count)
        target = 0 if cursor is None else cursor
        self.cursor = self._clamp(target)
        if cursor is None:
            self.scroll_to(y=0, animate=False)
        self.refresh()

    def reshape(self, shape: ListShape) -> None:
        """Same results, finer shape (the "Undated" heading placed); the cursor stays put."""
        index = self.cursor_index
        self.shape = shape
        self.virtual_size = Size(self.size.width, shape.row_count)
        if index is not None:
            self.cursor = self._clamp(shape.row_of(index))
        self.refresh()

    def set_message(self, message: str) -> None:
        """Show ``message`` when the list is empty (loading, empty library, no matches)."""
        self.message = message
        self.refresh()

    def add_page(self, generation: int, page: int, rows: list[ArticleSummary]) -> None:
        """Cache a fetched page, if it belongs to the results still shown."""
        if generation != self.generation:
            return
        self._wanted.discard(page)
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        self.refresh()

    def update_summary(self, summary: ArticleSummary) -> None:
        """Replace one cached row (after a bookmark or read-state change)."""
        for rows in self._pages.values():
            for position, row in enumerate(rows):
                if row.id == summary.id:
                    rows[position] = summary
                    self.refresh()
                    return

    def forget_pages(self) -> None:
        """Drop cached pages so that visible rows are fetched again."""
        self._pages.clear()
        self._wanted.clear()
        self.refresh()

    # ----- reading state -----------------------------------------------------------------

    def summary_at(self, index: int) -> ArticleSummary | None:
        """The cached summary of article ``index``, or None when not loaded."""
        rows = self._pages.get(index // PAGE_SIZE)
        if rows is None:
            return None
        offset = index % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    @property
    def cursor_index(self) -> int | None:
        """The article index under the cursor (None on the heading or an empty list)."""
        if self.shape.row_count == 0:
            return None
        return self.shape.article_index(self.cursor)

    @property
    def current(self) -> ArticleSummary | None:
        """The summary under the cursor, when loaded."""
        index = self.cursor_index
        return None if index is None else self.summary_at(index)

    def visible_texts(self) -> list[str]:
        """The plain text of every row currently on screen (for tests and benchmarks)."""
        return [self.render_line(y).text for y in range(self.size.height)]

    # ----- cursor --------------------------------------------------------------------------

    def _clamp(self, row: int) -> int:
        rows = self.shape.row_count
        if rows == 0:
            return 0
        row = max(0, min(row, rows - 1))
        return row

    def _move(self, row: int, step: int) -> None:
        row = self._clamp(row)
        if self.shape.article_index(row) is None:
            # Never rest on the heading: step past it, or back if it is the last row.
            row = self._clamp(row + (step or 1))
            if self.shape.article_index(row) is None:
                row = self._clamp(row - 1)
        self.cursor = row

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_region(
            Region(0, new, max(1, self.size.width), 1), animate=False, immediate=True
        )
        self.refresh_lines_for(old)
        self.refresh_lines_for(new)

    def refresh_lines_for(self, row: int) -> None:
        """Repaint one row if it is on screen."""
        y = row - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1, -1)

    def action_first(self) -> None:
        self._move(0, 1)

    def action_last(self) -> None:
        self._move(self.shape.row_count - 1, -1)

    def action_page_down(self) -> None:
        self._move(self.cursor + max(1, self.size.height - 1), 1)

    def action_page_up(self) -> None:
        self._move(self.cursor - max(1, self.size.height - 1), -1)

    def action_open(self) -> None:
        index = self.cursor_index
        summary = self.current
        if index is not None and summary is not None:
            self.post_message(self.Opened(summary.id, index))

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if row >= self.shape.row_count or self.shape.article_index(row) is None:
            return
        if row == self.cursor or event.chain > 1:
            self.cursor = row
            self.action_open()
        else:
            self.cursor = row

    def _on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.shape.row_count)

    # ----- rendering -----------------------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        """Component styles, looked up once per theme or CSS change."""
        if not self._style_cache:
            base = self.rich_style
            for name in ("cursor", "unread", "read", "meta", "mark", "heading", "message"):
                partial = self.get_component_rich_style(f"article-list--{name}", partial=True)
                self._style_cache[name] = base + partial
            self._style_cache["base"] = base
        return self._style_cache

    def notify_style_update(self) -> None:
        self._style_cache.clear()
        self._strip_cache.clear()
        super().notify_style_update()

    def on_focus(self, event: events.Focus) -> None:
        self._style_cache.clear()
        self._strip_cache.clear()

    def on_blur(self, event: events.Blur) -> None:
        self._style_cache.clear()
        self._strip_cache.clear()

    def render_line(self, y: int) -> Strip:
        """Render screen line ``y``: a row, the heading, a placeholder or the message."""
        width = self.size.width
        styles = self._styles()
        base = styles["base"]
        row = self.scroll_offset.y + y
        if self.shape.row_count == 0:
            if y == 1 and self.message:
                return styled_line(
                    [(f"  {clean_line(self.message)}", styles["message"])], width, base
                )
            return Strip.blank(width, base)
        if row >= self.shape.row_count:
            return Strip.blank(width, base)
        index = self.shape.article_index(row)
        if index is None:
            undated = self.shape.article_count - (self.shape.dated_count or 0)
            label = f" {UNDATED_HEADING} ({undated:,}) ".center(width, "─")
            return styled_line([(label, styles["heading"])], width, base)
        summary = self.summary_at(index)
        if summary is None:
            self._want(index // PAGE_SIZE)
            return styled_line([("   …", styles["meta"])], width, base)
        is_cursor = row == self.cursor
        key = (summary, width, is_cursor)
        strip = self._strip_cache.get(key)
        if strip is None:
            strip = self._row_strip(summary, width, is_cursor, styles)
            if len(self._strip_cache) > 512:
                self._strip_cache.clear()
            self._strip_cache[key] = strip
        return strip

    def _want(self, page: int) -> None:
        if page not in self._wanted:
            self._wanted.add(page)
            self.post_message(self.PageWanted(self.generation, page))

    def _row_strip(
        self, summary: ArticleSummary, width: int, is_cursor: bool, styles: dict[str, Style]
    ) -> Strip:
        parts = self.row_parts(summary, width)
        cursor = styles["cursor"] if is_cursor else None
        segments = []
        for text, name in parts:
            style = styles[name]
            segments.append((text, style + cursor if cursor is not None else style))
        return styled_line(segments, width, cursor or styles["base"])

    def row_parts(self, summary: ArticleSummary, width: int) -> list[tuple[str, str]]:
        """One row as (text, style name) cells: marks, title, outlet, date, countries."""
        unread = " " if summary.read else "•"
        bookmark = "★" if summary.bookmarked else " "
        outlet = clean_line(summary.outlet or "")
        if summary.story_size > 1:  # a story row (issue 7): every outlet that tells it
            outlet = ", ".join(clean_line(name) for name in summary.story_outlets) or outlet
        countries = ", ".join(clean_line(country) for country in summary.countries)
        outlet_width = 0 if width < 60 else min(18, max(8, width // 8))
        country_width = 0 if width < 50 else min(24, max(8, width // 7))
        date_width = 10
        fixed = 3 + date_width + 1
        fixed += outlet_width + 1 if outlet_width else 0
        fixed += country_width + 1 if country_width else 0
        title_width = max(10, width - fixed)
        title = clean_line(summary.title) or "(untitled)"
        more = f" +{summary.story_size - 1} more" if summary.story_size > 1 else ""
        parts = [
            (unread + bookmark, "mark"),
            (
                " " + fit(title, max(1, title_width - len(more))),
                "read" if summary.read else "unread",
            ),
        ]
        if more:
            parts.append((more, "meta"))
        if outlet_width:
            parts.append((" " + fit(outlet, outlet_width), "meta"))
        parts.append((" " + fit(format_date(summary), date_width), "meta"))
        if country_width:
            parts.append((" " + fit(countries, country_width), "meta"))
        return parts
