"""The add dialog: a path (file or folder) or a URL to import."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class AddModal(ModalScreen[str | None]):
    """Type a source and press enter; the import itself runs in the app's worker."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="add.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Add articles", classes="dialog-title")
            yield Label("A file, a folder (read recursively) or an http(s) URL:")
            yield Input(placeholder="~/news/story.html or https://…", id="source")

    def on_mount(self) -> None:
        self.query_one("#source", Input).focus()

    @on(Input.Submitted, "#source")
    def _submitted(self, event: Input.Submitted) -> None:
        source = event.value.strip()
        if source:
            self.dismiss(source)

    def action_cancel(self) -> None:
        self.dismiss(None)
