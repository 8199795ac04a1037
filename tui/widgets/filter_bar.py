"""The query line: type a filter in the query language and the list follows as you type."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
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


class QueryInput(Input):
    """The query Input; Enter hands the keyboard back at once.

    Keys typed right after Enter (a fast typist, a paste, a slow link) are already queued
    here; they must not land in the query. Focus moves synchronously and any key that
    arrives after that is sent on to whatever now has focus.
    """

    def __init__(self, bar: FilterBar, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.bar = bar

    async def action_submit(self) -> None:
        await super().action_submit()
        self.bar.hand_back_focus()

    async def _on_key(self, event: events.Key) -> None:
        # `has_focus` follows Blur events, which come later; the screen knows now.
        if self.screen.focused is not self:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        # Enter and Escape act here, in key order: as bindings they would run only after
        # the keys already queued behind them had been typed into the query.
        if event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                await self.action_submit()
            else:
                self.bar.action_done()
            return
        await super()._on_key(event)


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
        #: Where focus goes after Enter or Escape (set by the screen: attributes down).
        self.return_focus: Widget | None = None

    def hand_back_focus(self) -> None:
        """Give the keyboard back to ``return_focus`` now, not after a message round trip."""
        self.screen.set_focus(self.return_focus)

    def compose(self) -> ComposeResult:
        yield QueryInput(self, placeholder=PLACEHOLDER, id="query", select_on_focus=False)
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
        self.hand_back_focus()
        self.post_message(self.Done())
