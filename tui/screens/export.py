"""The export dialog (`e`): write the current filtered list as Markdown or JSON to a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from reader.models import Filter

if TYPE_CHECKING:
    from reader.library.store import Library
    from tui.app import BroadsheetApp

DEFAULT_NAME = "broadsheet-export.md"


def default_target() -> Path:
    """The file the dialog proposes: broadsheet-export.md in the working folder."""
    return Path.cwd() / DEFAULT_NAME


def export_articles(library: Library, flt: Filter, target: Path) -> int:
    """Write the articles matching ``flt`` to ``target`` (JSON for .json, else Markdown).

    Returns how many articles were written. Raises BroadsheetError when the file cannot be
    written (its title is the path).
    """
    from reader.errors import BroadsheetError
    from reader.export import export_json, export_markdown
    from reader.library.query import format_query

    articles = list(library.iter_articles(flt))
    if target.suffix.lower() == ".json":
        text = export_json(articles)
    else:
        query = format_query(flt)
        text = export_markdown(articles, title=f"Broadsheet: {query}" if query else "Broadsheet")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BroadsheetError(exc.strerror or str(exc), str(target)) from None
    return len(articles)


class ExportModal(ModalScreen[Path | None]):
    """Type a file name (``.json`` for JSON, anything else Markdown) and press enter."""

    DEFAULT_CSS = """
    ExportModal { align: center middle; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, count: int, default: Path | None = None) -> None:
        super().__init__()
        self.count = count
        self.default = default or default_target()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Export the list", classes="dialog-title")
            yield Label(
                f"{self.count:,} article{'s' if self.count != 1 else ''} as Markdown"
                " (or JSON: end the name with .json) to:",
                markup=False,
            )
            yield Input(str(self.default), id="export-path")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if path:
            self.dismiss(Path(path).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_and_export(app: BroadsheetApp, flt: Filter, count: int) -> None:
    """Ask for a file name, then export the articles matching ``flt`` in a worker (key `e`)."""

    def chosen(target: Path | None) -> None:
        if target is not None:
            app.run_worker(
                lambda: _export_worker(app, flt, target),
                thread=True,
                exit_on_error=False,
                group="export",
                description="export",
            )

    app.push_screen(ExportModal(count), chosen)


def _export_worker(app: BroadsheetApp, flt: Filter, target: Path) -> None:
    count = export_articles(app.library, flt, target)
    word = "article" if count == 1 else "articles"
    app.call_from_thread(
        app.notify, f"Exported {count:,} {word} to {target}", title="Export", markup=False
    )
