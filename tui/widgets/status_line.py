"""The status line: "N of M articles", the active filters, and background progress."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.models import Filter
from reader.sanitize import clean_line


def describe_filter(flt: Filter) -> str:
    """The active filters in the query language ("" when none)."""
    from reader.library.query import format_query

    return format_query(flt)


def heading_with_filter(heading: str, flt: Filter) -> Text:
    """A bold screen heading followed by the filter it shows, dimmed (Text, never markup)."""
    title = Text(heading, style="bold")
    query = describe_filter(flt)
    if query:
        title.append("  ")
        title.append(clean_line(query), style="dim")
    return title


class StatusLine(Static):
    """One line under the list; every part is plain Text, never markup."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.counts = ""
        self.filters = ""
        self.note = ""
        self.progress = ""

    def show_counts(self, shown: int, total: int, flt: Filter, *, undated_hidden: int = 0) -> None:
        """Show how many articles match, of how many, and the filters."""
        noun = "article" if total == 1 else "articles"
        self.counts = f"{shown:,} of {total:,} {noun}"
        self.filters = describe_filter(flt)
        self.note = (
            f"{undated_hidden:,} undated not in this date range" if undated_hidden > 0 else ""
        )
        self._render_line()

    def show_loading(self) -> None:
        """Say that the counts are being worked out."""
        self.counts = "Loading…"
        self._render_line()

    def show_progress(self, progress: str) -> None:
        """Show background work (an import, a refresh); "" clears it."""
        self.progress = progress
        self._render_line()

    def _render_line(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(self.counts, "bold")
        if self.filters:
            text.append("  │ ")
            text.append(self.filters)
        if self.note:
            text.append("  │ ")
            text.append(self.note, "italic")
        if self.progress:
            text.append("  │ ")
            text.append(self.progress, "italic")
        self.update(text)

    @property
    def plain(self) -> str:
        """The status text as shown (for tests)."""
        parts = [self.counts, self.filters, self.note, self.progress]
        return "  │ ".join(part for part in parts if part)
