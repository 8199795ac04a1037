"""The query line: type a filter in the query language and the list follows as you type."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from reader.errors import QueryError
from reader.models import Filter

#: Wait this long after a keystroke before querying, so a burst of typing costs one query.
DEBOUNCE_SECONDS = 0.012

PLACEHOLDER = "/ filter: country:syria,iran since:2024-01 until:2024-06-30 is:unread words"


def parse(text: str) -> Filter:
    """Parse the query language (imported lazily: the store's module loads sqlite3)."""
    from reader.library.query import parse_query

    return parse_query(text)


def describe(flt: Filter) -> str:
    """The query text for a filter."""
    from reader.library.query import format_query

    return format_query(flt)


class FilterBar(Vertical):
    """A query Input and a line saying what is wrong with the query, when something is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Back to the list", id="query.done"),
    ]

    DEFAULT_CSS = """
    FilterBar { height: auto; }
    FilterBar > #query-error { display: none; }
    FilterBar.-invalid > #query-error { display: block; }
    """

    class Changed(Message):
        """The query parsed to a new filter."""

        def __init__(self, flt: Filter) -> None:
            self.filter = flt
            super().__init__()

    class Invalid(Message):
        """The query does not parse; ``reason`` says why."""

        def __init__(self, reason: str) -> None:
            self.reason = reason
            super().__init__()

    class Done(Message):
        """The reader pressed Enter or Escape: focus goes back to the list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.last_good = Filter()
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="query", select_on_focus=False)
        yield Static("", id="query-error", markup=False)

    @property
    def input(self) -> Input:
        """The query Input."""
        return self.query_one("#query", Input)

    def show_filter(self, flt: Filter) -> None:
        """Put ``flt`` in the query line without announcing it back (attributes down)."""
        self.last_good = flt
        text = describe(flt)
        query_input = self.input
        if query_input.value != text:
            with query_input.prevent(Input.Changed):
                query_input.value = text
                query_input.cursor_position = len(text)
        self._set_error(None)

    def _set_error(self, reason: str | None) -> None:
        error = self.query_one("#query-error", Static)
        if reason:
            error.update(Text(f"✗ {reason} (showing the last valid filter)"))
        self.set_class(bool(reason), "-invalid")

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._apply)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._apply()
        self.post_message(self.Done())

    def _apply(self) -> None:
        self._timer = None
        try:
            flt = parse(self.input.value)
        except QueryError as error:
            self._set_error(error.message)
            self.post_message(self.Invalid(error.message))
            return
        self._set_error(None)
        if flt != self.last_good:
            self.last_good = flt
            self.post_message(self.Changed(flt))

    def action_done(self) -> None:
        self.post_message(self.Done())
