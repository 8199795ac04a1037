"""Row geometry and text fitting for the article list (kept apart to keep the widget small)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.models import ArticleSummary


@dataclass(frozen=True, slots=True)
class ListShape:
    """What the list shows: how many articles, and where the undated ones start.

    ``dated_count`` is None when no "Undated" heading is wanted (every article is dated,
    every article is undated, or a date range already excludes the undated ones).
    """

    article_count: int
    dated_count: int | None = None

    @property
    def row_count(self) -> int:
        """Articles plus the heading row, when there is one."""
        return self.article_count + (1 if self.has_heading else 0)

    @property
    def has_heading(self) -> bool:
        """True when an "Undated" heading splits the list."""
        return self.dated_count is not None and self.dated_count < self.article_count

    def article_index(self, row: int) -> int | None:
        """The article index shown on ``row``; None for the heading."""
        if not self.has_heading or self.dated_count is None:
            return row
        if row < self.dated_count:
            return row
        if row == self.dated_count:
            return None
        return row - 1

    def row_of(self, index: int) -> int:
        """The row that shows article ``index``."""
        if self.has_heading and self.dated_count is not None and index >= self.dated_count:
            return index + 1
        return index


def format_date(summary: ArticleSummary) -> str:
    """The published day as YYYY-MM-DD, or an empty string."""
    published = summary.published
    return published.isoformat()[:10] if published is not None else ""


def styled_line(parts: list[tuple[str, Style]], width: int, fill: Style) -> Strip:
    """A strip of exactly ``width`` cells from styled text pieces."""
    segments = [Segment(text, style) for text, style in parts]
    return Strip(segments).crop_extend(0, width, fill)


def fit(value: str, width: int) -> str:
    """``value`` cut or padded to exactly ``width`` cells, with an ellipsis when cut."""
    if cell_len(value) <= width:
        return value + " " * (width - cell_len(value))
    if width <= 1:
        return set_cell_size(value, width)
    return set_cell_size(value, width - 1) + "…"
