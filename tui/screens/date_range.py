"""The date range picker: presets, or typed bounds (YYYY, YYYY-MM, YYYY-MM-DD)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.errors import QueryError
from reader.models import DateScope, Filter


@dataclass(frozen=True, slots=True)
class DateChoice:
    """A date range and what to do with undated articles."""

    since: date | None = None
    until: date | None = None
    dates: DateScope = "any"

    def applied_to(self, flt: Filter) -> Filter:
        """``flt`` with this range and undated handling in place of its own."""
        return replace(flt, since=self.since, until=self.until, dates=self.dates)


def preset_choice(preset: str, today: date) -> DateChoice:
    """The range for a preset name, relative to ``today``."""
    if preset == "today":
        return DateChoice(today, today)
    if preset == "week":
        return DateChoice(today - timedelta(days=6), today)
    if preset == "month":
        return DateChoice(today - timedelta(days=29), today)
    if preset == "year":
        return DateChoice(date(today.year, 1, 1), today)
    if preset == "undated":
        return DateChoice(None, None, "undated")
    return DateChoice()


PRESETS = (
    ("any", "Any date (undated articles listed apart, at the end)"),
    ("today", "Today"),
    ("week", "Last 7 days"),
    ("month", "Last 30 days"),
    ("year", "This year"),
    ("undated", "Undated articles only"),
)


def typed_choice(since_text: str, until_text: str) -> DateChoice:
    """Parse typed bounds; raises QueryError naming the bad bound."""
    from reader.library.query import parse_date_bound

    since = parse_date_bound(since_text.strip(), end=False) if since_text.strip() else None
    until = parse_date_bound(until_text.strip(), end=True) if until_text.strip() else None
    if since and until and since > until:
        raise QueryError(f"the range starts ({since}) after it ends ({until})")
    return DateChoice(since, until)


class DateRangeModal(ModalScreen[DateChoice | None]):
    """Choose a preset with enter, or type bounds and press enter in either box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dates.cancel"),
        Binding("tab", "app.focus_next", "Next field", show=False, id="dates.next_field"),
    ]

    def __init__(self, current: Filter, today: date) -> None:
        super().__init__()
        self.current = current
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Date range", classes="dialog-title")
            yield OptionList(*[Option(Text(label), id=key) for key, label in PRESETS], id="presets")
            yield Label("Or type bounds (YYYY, YYYY-MM or YYYY-MM-DD), then enter:")
            with Horizontal(id="bounds"):
                yield Input(self._bound(self.current.since), placeholder="from", id="since")
                yield Input(self._bound(self.current.until), placeholder="to", id="until")
            yield Static("", id="date-error", markup=False)

    @staticmethod
    def _bound(value: date | None) -> str:
        return value.isoformat() if value else ""

    def on_mount(self) -> None:
        self.query_one("#presets", OptionList).focus()

    @on(OptionList.OptionSelected, "#presets")
    def _preset(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(preset_choice(event.option.id or "any", self.today))

    @on(Input.Submitted)
    def _typed(self) -> None:
        since = self.query_one("#since", Input).value
        until = self.query_one("#until", Input).value
        try:
            choice = typed_choice(since, until)
        except QueryError as error:
            self.query_one("#date-error", Static).update(Text(f"✗ {error.message}"))
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
