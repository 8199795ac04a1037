"""The country picker: every country present in the library, with counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from reader.sanitize import clean_line
from tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from tui.app import BroadsheetApp


class CountryPickerModal(ReportsWorkerErrors, ModalScreen[frozenset[str] | None]):
    """Toggle countries with space or enter; escape applies the selection."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Done", id="countries.done"),
        Binding("j", "cursor('down')", "Down", show=False, id="countries.down_vim"),
        Binding("k", "cursor('up')", "Up", show=False, id="countries.up_vim"),
    ]

    class Counted(Message):
        """The library's countries and their article counts are ready."""

        def __init__(self, counts: list[tuple[str, int]]) -> None:
            self.counts = counts
            super().__init__()

    def __init__(self, selected: frozenset[str]) -> None:
        super().__init__()
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(
                "Countries (space or enter toggles, escape applies)", classes="dialog-title"
            )
            yield SelectionList[str](id="countries")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()
        self._count()

    @work(thread=True, exclusive=True, exit_on_error=False, group="countries")
    def _count(self) -> None:
        app = cast("BroadsheetApp", self.app)
        self.post_message(self.Counted(app.library.countries()))

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        chosen = {name.casefold() for name in self.selected}
        names = {name.casefold() for name, _count in event.counts}
        selections: list[Selection[str]] = [
            Selection(Text(f"{clean_line(name)} ({count:,})"), name, name.casefold() in chosen)
            for name, count in event.counts
        ]
        # A chosen country with no articles left stays listed so that it can be unticked.
        selections.extend(
            Selection(Text(f"{clean_line(name)} (0)"), name, True)
            for name in sorted(self.selected)
            if name.casefold() not in names
        )
        picker = self.query_one(SelectionList)
        picker.clear_options()
        picker.add_options(selections)
        if selections:
            picker.highlighted = 0

    def action_cursor(self, direction: str) -> None:
        picker = self.query_one(SelectionList)
        if direction == "down":
            picker.action_cursor_down()
        else:
            picker.action_cursor_up()

    def action_done(self) -> None:
        picker = self.query_one(SelectionList)
        self.dismiss(frozenset(str(value) for value in picker.selected))
