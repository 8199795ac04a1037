"""The reading pane: header and body as rich Text with people, places and quotes styled.

A line-API widget: the body is wrapped once per width into Text lines, and we keep the
body offset where each line starts, so "jump to this mention" is a bisect, not a guess.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.models import Article
from reader.sanitize import clean_line, strip_controls

HighlightKind = Literal["person", "place", "quote"]

_STYLE_NAMES = ("title", "meta", "link", "person", "place", "quote", "current")

#: Longest line of body text: past this, lines get hard to follow on wide terminals.
READING_WIDTH = 100


@dataclass(frozen=True, slots=True)
class Highlight:
    """One highlighted span of the body."""

    kind: HighlightKind
    start: int
    end: int


def article_highlights(article: Article, body: str) -> list[Highlight]:
    """Every valid person, place and quote span of ``article``, in reading order."""
    spans: list[Highlight] = []
    limit = len(body)
    for person in article.people:
        spans.append(Highlight("person", person.start, person.end))
    for place in article.places:
        spans.append(Highlight("place", place.start, place.end))
    for quote in article.quotes:
        spans.append(Highlight("quote", quote.start, quote.end))
    valid = [span for span in spans if 0 <= span.start < span.end <= limit]
    return sorted(valid, key=lambda span: (span.start, span.end))


def published_text(article: Article) -> str:
    """The publication day (and time, when known) as text."""
    if article.published is None:
        return "undated"
    text = article.published.isoformat()
    return text[:16].replace("T", " ")


class ArticleView(ScrollView, can_focus=True):
    """Scrollable article text with a movable "current highlight"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "scroll_down", "Scroll down", show=False, id="article.down"),
        Binding("j", "scroll_down", "Scroll down", show=False, id="article.down_vim"),
        Binding("up", "scroll_up", "Scroll up", show=False, id="article.up"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="article.up_vim"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page_up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--link",
        "article-view--person",
        "article-view--place",
        "article-view--quote",
        "article-view--current",
    }

    DEFAULT_CSS = """
    ArticleView { height: 1fr; overflow-x: hidden; }
    """

    class HighlightMoved(Message):
        """The current highlight changed (index into ``highlights``)."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.body = ""
        self.highlights: list[Highlight] = []
        self.current: int | None = None
        self._lines: list[Text] = []
        self._starts: list[int] = []  # body offset of each line; -1 for header lines
        self._strips: list[Strip] = []
        self._width = 0
        self._signature: tuple[Style, ...] = ()

    # ----- attributes down -------------------------------------------------------------

    def show_article(self, article: Article) -> None:
        """Show ``article`` from the top."""
        self.article = article
        body = strip_controls(article.body)
        # Offsets index the stored body; if cleaning had to change it they no longer fit.
        self.highlights = article_highlights(article, body) if body == article.body else []
        self.body = body
        self.current = None
        self._layout(force=True)
        self.scroll_to(y=0, animate=False)

    def next_highlight(self, step: int = 1) -> int | None:
        """Move to the next (step 1) or previous (step -1) highlight; returns its index."""
        if not self.highlights:
            return None
        if self.current is None:
            top = self.scroll_offset.y
            visible = [
                position
                for position, span in enumerate(self.highlights)
                if self.line_of(span.start) >= top
            ]
            if step > 0:
                target = visible[0] if visible else 0
            else:
                target = (visible[0] - 1 if visible else len(self.highlights) - 1) % len(
                    self.highlights
                )
        else:
            target = (self.current + step) % len(self.highlights)
        self.select(target)
        return target

    def jump_to(self, start: int) -> None:
        """Make the highlight starting at body offset ``start`` current and bring it into view."""
        for position, span in enumerate(self.highlights):
            if span.start == start:
                self.select(position)
                return

    def select(self, position: int) -> None:
        """Make highlight ``position`` current and scroll it into view."""
        self.current = position
        self._layout(force=True)
        line = self.line_of(self.highlights[position].start)
        height = max(1, self.size.height)
        if not self.scroll_offset.y <= line < self.scroll_offset.y + height - 1:
            self.scroll_to(y=max(0, line - height // 3), animate=False)
        self.post_message(self.HighlightMoved(position))

    def line_of(self, offset: int) -> int:
        """The line index that shows body offset ``offset``."""
        first_body = self._starts.count(-1)
        body_starts = self._starts[first_body:]
        return first_body + max(0, bisect_right(body_starts, offset) - 1)

    @property
    def plain_lines(self) -> list[str]:
        """Every wrapped line as plain text (for tests)."""
        return [line.plain for line in self._lines]

    # ----- layout and rendering --------------------------------------------------------

    def _on_resize(self, event: events.Resize) -> None:
        self._layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # A theme or CSS change: the cached lines carry old colours; rebuild them (only
        # then: this also runs on every focus and hover change).
        if self.article is not None:
            self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        if not self.is_attached or not self.is_mounted:
            return
        signature = (self.rich_style, *(self._style(name) for name in _STYLE_NAMES))
        if signature != self._signature:
            self._layout(force=True)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-view--{name}", partial=True)

    def _layout(self, *, force: bool = False) -> None:
        width = max(10, min(self.size.width - 2, READING_WIDTH))
        if self.article is None or (width == self._width and not force):
            return
        if not self.is_attached or not self.is_mounted:
            return
        self._width = width
        self._signature = (self.rich_style, *(self._style(name) for name in _STYLE_NAMES))
        console = self.app.console
        lines: list[Text] = []
        starts: list[int] = []
        for header_line in self._header():
            for wrapped in header_line.wrap(console, width):
                lines.append(wrapped)
                starts.append(-1)
        body = self._styled_body()
        offset = 0
        for paragraph in self.body.split("\n"):
            piece = body[offset : offset + len(paragraph)]
            wrapped_lines = list(piece.wrap(console, width)) if paragraph else [Text("")]
            position = offset
            for wrapped in wrapped_lines:
                lines.append(wrapped)
                starts.append(position)
                position += len(wrapped.plain)
            offset += len(paragraph) + 1
        self._lines = lines
        self._starts = starts
        base = self.rich_style
        self._strips = [self._to_strip(line, base) for line in lines]
        self.virtual_size = Size(self.size.width, len(lines) + 1)
        self.refresh()

    def _to_strip(self, line: Text, base: Style) -> Strip:
        segments = [Segment(" ", base)]
        segments.extend(
            Segment(seg.text, base + seg.style if seg.style else base)
            for seg in line.render(self.app.console)
            if seg.text != "\n"
        )
        return Strip(segments)

    def _header(self) -> list[Text]:
        article = self.article
        assert article is not None
        title = Text(clean_line(article.title) or "(untitled)", self._style("title"))
        parts = [clean_line(part) for part in (article.outlet, article.byline) if part]
        parts.append(published_text(article))
        if article.countries:
            parts.append(", ".join(clean_line(country) for country in article.countries))
        meta = Text(" · ".join(parts), self._style("meta"))
        link = clean_line(article.url or article.source)
        source = Text(link, self._style("link"))
        if article.url and article.url.startswith(("http://", "https://")):
            # Shown as an OSC 8 hyperlink where the terminal supports it.
            source.stylize(Style(link=link))
        return [title, meta, source, Text("")]

    def _styled_body(self) -> Text:
        text = Text(self.body)
        for span in self.highlights:
            text.stylize(self._style(span.kind), span.start, span.end)
        if self.current is not None and self.current < len(self.highlights):
            span = self.highlights[self.current]
            text.stylize(self._style("current"), span.start, span.end)
        return text

    def render_line(self, y: int) -> Strip:
        """One screen line of the article."""
        width = self.size.width
        row = self.scroll_offset.y + y
        base = self.rich_style
        if row >= len(self._strips):
            return Strip.blank(width, base)
        return self._strips[row].crop_extend(0, width, base)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_offset.y + max(1, self.size.height - 2), animate=False)

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_offset.y - max(1, self.size.height - 2), animate=False)
