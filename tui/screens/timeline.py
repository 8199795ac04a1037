"""The timeline screen (`t`): articles per week for each selected country, as bars.

One row of block characters per country, one cell per week (several weeks per cell when the
range is wider than the screen), all on one scale. Left/right move a week cursor; enter
filters the library to that week (or the cell's weeks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from reader.models import Filter
from reader.sanitize import clean_line
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import heading_with_filter
from tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from tui.app import BroadsheetApp

#: Eight heights of bar, empty first.
BARS = " ▁▂▃▄▅▆▇█"
Series = dict[str, list[tuple[date, int]]]


@dataclass(frozen=True, slots=True)
class Bucket:
    """One cell of the chart: a run of weeks and each series' article count in them."""

    first: date
    last: date  # the Sunday ending the cell's last week
    counts: tuple[int, ...]


def buckets(series: Series, cells: int) -> list[Bucket]:
    """The weeks of ``series`` packed into at most ``cells`` cells of whole weeks each."""
    names = list(series)
    if not names or not series[names[0]]:
        return []
    weeks = len(series[names[0]])
    per_cell = max(1, -(-weeks // max(1, cells)))
    result = []
    for start in range(0, weeks, per_cell):
        stop = min(weeks, start + per_cell)
        first = series[names[0]][start][0]
        last = series[names[0]][stop - 1][0] + timedelta(days=6)
        counts = tuple(sum(n for _, n in series[name][start:stop]) for name in names)
        result.append(Bucket(first, last, counts))
    return result


def bar(count: int, peak: int) -> str:
    """The block character for ``count`` on a scale whose top is ``peak``."""
    if count <= 0 or peak <= 0:
        return BARS[0] if count <= 0 else BARS[-1]
    return BARS[max(1, round(count / peak * (len(BARS) - 1)))]


class TimelineChart(Widget, can_focus=True):
    """Bars per country; a cursor over the cells."""

    DEFAULT_CSS = """
    TimelineChart { height: auto; min-height: 3; padding: 1 1; }
    """

    cursor: reactive[int] = reactive(0)

    class Chosen(Message):
        """The reader chose the cell covering ``first``..``last``."""

        def __init__(self, first: date, last: date) -> None:
            self.first = first
            self.last = last
            super().__init__()

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Earlier", show=False, id="timeline.earlier"),
        Binding("right,l", "move(1)", "Later", show=False, id="timeline.later"),
        Binding("home,g", "move(-100000)", "First week", show=False, id="timeline.first"),
        Binding("end,G", "move(100000)", "Last week", show=False, id="timeline.last"),
        Binding("enter", "choose", "Filter to this week", id="timeline.choose"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series: Series = {}
        self.cells: list[Bucket] = []

    def show(self, series: Series) -> None:
        """Draw ``series``; the cursor goes to the last (newest) cell."""
        self.series = series
        self._pack()
        self.cursor = max(0, len(self.cells) - 1)
        self.refresh(layout=True)

    @property
    def label_width(self) -> int:
        """Cells kept for the country names on the left."""
        longest = max((len(clean_line(name)) for name in self.series), default=0)
        return min(max(8, longest + 1), max(8, self.size.width // 5))

    def _pack(self) -> None:
        width = max(10, self.size.width - self.label_width - 2)
        self.cells = buckets(self.series, width)

    def on_resize(self) -> None:
        old = self.cells[self.cursor].first if self.cells else None
        self._pack()
        if old is not None:
            self.cursor = max(
                (n for n, cell in enumerate(self.cells) if cell.first <= old), default=0
            )

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(1, len(self.series)) + 3

    def render(self) -> Text:
        if not self.series:
            return Text("Loading…", style="italic")
        if not self.cells:
            return Text("No dated articles match: widen the filter or the dates.", style="italic")
        label = self.label_width
        peak = max((max(cell.counts) for cell in self.cells), default=0)
        text = Text(no_wrap=True, overflow="crop", end="")
        for row, name in enumerate(self.series):
            text.append(clean_line(name)[: label - 1].ljust(label), style="bold")
            for n, cell in enumerate(self.cells):
                style = "reverse" if n == self.cursor else ""
                text.append(bar(cell.counts[row], peak), style=style)
            total = sum(cell.counts[row] for cell in self.cells)
            text.append(f" {total}", style="dim")
            text.append("\n")
        first, last = self.cells[0].first, self.cells[-1].last
        width = max(len(self.cells), 22)
        axis = first.isoformat() + " " * (width - 20) + last.isoformat()
        text.append(" " * label + axis + "\n", style="dim")
        cell = self.cells[self.cursor]
        weeks = ((cell.last - cell.first).days + 1) // 7
        text.append(" " * label)
        span = f"{cell.first.isoformat()} – {cell.last.isoformat()}"
        text.append(f"{span} ({weeks} week{'s' if weeks != 1 else ''}): ", style="bold")
        text.append(
            ", ".join(
                f"{clean_line(name)} {count}"
                for name, count in zip(self.series, cell.counts, strict=True)
            )
        )
        text.append(f"   peak {peak}/cell", style="dim")
        return text

    def action_move(self, step: int) -> None:
        if self.cells:
            self.cursor = max(0, min(len(self.cells) - 1, self.cursor + step))

    def action_choose(self) -> None:
        if self.cells:
            cell = self.cells[self.cursor]
            self.post_message(self.Chosen(cell.first, cell.last))


class TimelineScreen(ReportsWorkerErrors, Screen[tuple[date, date] | None]):
    """Coverage per week for the filter's countries; dismisses with a chosen (since, until)."""

    DEFAULT_CSS = """
    TimelineScreen #timeline-title { padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="timeline.close"),
    ]

    class Loaded(Message):
        """The weekly counts are ready."""

        def __init__(self, series: Series) -> None:
            self.series = series
            super().__init__()

    def __init__(self, flt: Filter, countries: list[str] | None = None) -> None:
        super().__init__()
        self.filter = flt
        self.countries = countries if countries is not None else sorted(flt.countries)

    def compose(self) -> ComposeResult:
        yield Static(heading_with_filter("Articles per week", self.filter), id="timeline-title")
        yield TimelineChart(id="timeline-chart")
        yield KeyBar()

    @property
    def chart(self) -> TimelineChart:
        """The chart widget."""
        return self.query_one(TimelineChart)

    def on_mount(self) -> None:
        self.chart.focus()
        self._load(self.filter, list(self.countries))

    @work(thread=True, exclusive=True, exit_on_error=False, group="timeline", description="weeks")
    def _load(self, flt: Filter, countries: list[str]) -> None:
        app = cast("BroadsheetApp", self.app)
        self.post_message(self.Loaded(app.library.weekly_counts(flt, countries)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.chart.show(event.series)

    @on(TimelineChart.Chosen)
    def _chosen(self, event: TimelineChart.Chosen) -> None:
        self.dismiss((event.first, event.last))

    def action_close(self) -> None:
        self.dismiss(None)
