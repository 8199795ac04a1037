"""BroadsheetApp: global bindings, the command palette, background imports, error routing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from reader.errors import BroadsheetError
from reader.models import Article, Filter, ImportOutcome
from reader.sanitize import clean_line
from tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from reader.library.store import Library
    from tui.screens.library import LibraryScreen

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


#: Seconds between two progress messages of a feed refresh (items arrive much faster).
PROGRESS_INTERVAL = 0.2


class BroadsheetApp(ReportsWorkerErrors, App[None]):
    """The reading room: a library list, an article reader, and the dialogs around them."""

    # Absolute, so that subclasses defined elsewhere (tests) find it too.
    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"
    TITLE = "Broadsheet"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark theme", show=False, id="app.theme"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
        Binding("ctrl+q", "quit", "Quit now", show=False, id="app.quit", priority=True),
    ]

    class ImportProgress(Message):
        """One import outcome arrived; ``finished`` is set on the last message."""

        def __init__(
            self, outcome: ImportOutcome | None, counts: dict[str, int], *, finished: bool = False
        ) -> None:
            self.outcome = outcome
            self.counts = counts
            self.finished = finished
            super().__init__()

    class RefreshProgress(Message):
        """A feed refresh reported progress (``line``) or ended (``finished``)."""

        def __init__(
            self,
            line: str,
            *,
            error: str | None = None,
            finished: bool = False,
            added: bool = False,
        ) -> None:
            self.line = line
            self.error = error
            self.finished = finished
            self.added = added
            super().__init__()

    class LinkReady(Message):
        """An article was fetched so that its link can be shown and copied."""

        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    def __init__(
        self,
        library_path: Path | None = None,
        *,
        today: Callable[[], date] | None = None,
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.library_path = library_path
        self.today: Callable[[], date] = today or date.today
        self.config_path = config_path
        self._library: Library | None = None
        self._library_lock = threading.Lock()
        self._cancel = threading.Event()
        self._last_reload = 0.0
        self.library_screen: LibraryScreen | None = None

    # ----- the library -------------------------------------------------------------------

    @property
    def library(self) -> Library:
        """The library, opened on first use (from whichever thread asks first)."""
        with self._library_lock:
            if self._library is None:
                from reader.library.store import Library

                self._library = Library(self.library_path)
            return self._library

    async def on_event(self, event: events.Event) -> None:
        """Run a key's binding when the app reads the key (type-ahead keeps its order).

        Textual hands a key to the focused widget's queue and runs its binding only once it
        has bubbled back up, by which time the keys typed after it (over SSH, or by a fast
        typist, several arrive in one read) have been handed out too: after ``/`` they
        reached the list, not the query line; after ``a`` they were not typed into the
        dialog. Run here, in order, ``/`` moves the focus before the next key is read.
        Keys the focused widget takes as text (an Input) are handed to it as before.
        """
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and not self._typed_as_text(event)
            and (
                await self._check_bindings(event.key, priority=True)
                or await self._check_bindings(event.key)
            )
        ):
            self.app_focus = True
            return
        await super().on_event(event)

    def _typed_as_text(self, event: events.Key) -> bool:
        focused = self.focused
        return focused is not None and focused.check_consume_key(event.key, event.character)

    def on_mount(self) -> None:
        from tui.screens.library import LibraryScreen

        self.library_screen = LibraryScreen()
        self.push_screen(self.library_screen)
        # The list paints first; the config (keymap, theme) is read right after.
        self.call_after_refresh(self.apply_config)

    def apply_config(self) -> None:
        """Read the config file: keymap and theme; problems become notifications."""
        from reader.paths import config_path
        from tui.config import load_config
        from tui.screens.help import all_binding_ids

        path = self.config_path or config_path()
        config = load_config(path, all_binding_ids(), self.available_themes)
        if config.keymap:
            self.set_keymap(config.keymap)
        if config.theme:
            self.theme = config.theme
        for error in config.errors:
            self.report(error)

    def on_unmount(self) -> None:
        self._cancel.set()
        if self._library is not None:
            self._library.close()

    # ----- errors ------------------------------------------------------------------------

    def report(self, error: BaseException) -> None:
        """Show an error as a notification: our own errors in one line, others briefly."""
        if isinstance(error, BroadsheetError):
            title = clean_line(error.title or "Error")
            self.notify(clean_line(error.message), title=title, severity="error", markup=False)
        else:
            self.notify(
                clean_line(f"{type(error).__name__}: {error}"),
                title="Unexpected error",
                severity="error",
                markup=False,
            )

    # ----- global actions ----------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every action bound on the current screen, plus Textual's own."""
        keys: dict[tuple[int, str], list[str]] = {}
        entries: dict[tuple[int, str], tuple[str, Callable[[], object]]] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            marker = (id(active.node), binding.action)
            keys.setdefault(marker, []).append(self.get_key_display(binding))
            if marker not in entries and binding.description:
                run = partial(self.run_action, binding.action, active.node)
                entries[marker] = (binding.description, run)
        for marker, (description, callback) in entries.items():
            shown = ", ".join(dict.fromkeys(keys[marker]))
            yield SystemCommand(description, f"Key: {shown}", callback)
        yield from super().get_system_commands(screen)

    # ----- navigation --------------------------------------------------------------------

    def show_library_filtered(self, flt: Filter) -> None:
        """Return to the library from any screen and list the articles matching ``flt``."""
        library = self.library_screen
        if library is None:
            return
        while len(self.screen_stack) > 1 and self.screen is not library:
            self.pop_screen()
        library.set_filter(flt)

    # ----- links -------------------------------------------------------------------------

    def show_link(self, article_id: int) -> None:
        """Fetch an article in a worker, then show and copy its link."""
        self._fetch_for_link(article_id)

    @work(thread=True, exit_on_error=False, group="link", description="link")
    def _fetch_for_link(self, article_id: int) -> None:
        self.post_message(self.LinkReady(self.library.get(article_id)))

    @on(LinkReady)
    def _link_ready(self, event: LinkReady) -> None:
        self.copy_link(event.article)

    def copy_link(self, article: Article) -> None:
        """Copy the article's URL (or source path) with OSC 52 and show it; never open it."""
        link = clean_line(article.url or article.source)
        self.copy_to_clipboard(link)
        self.notify(link, title="Link copied to the clipboard", markup=False, timeout=8)

    # ----- imports -----------------------------------------------------------------------

    def start_import(self, sources: Sequence[str]) -> None:
        """Import files, folders or URLs in a worker; progress shows in the status line."""
        self._set_progress("Importing…")
        self._import(list(sources))

    @work(thread=True, exit_on_error=False, group="import", description="import")
    def _import(self, sources: list[str]) -> None:
        from reader.ingest import import_sources

        counts: dict[str, int] = {}
        try:
            for outcome in import_sources(self.library, sources, cancel=self._cancel):
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
                self.post_message(self.ImportProgress(outcome, dict(counts)))
        finally:
            self.post_message(self.ImportProgress(None, dict(counts), finished=True))

    @on(ImportProgress)
    def _import_progress(self, event: ImportProgress) -> None:
        outcome = event.outcome
        if outcome is not None and outcome.status == "failed":
            self.notify(
                clean_line(outcome.error or "could not be imported"),
                title=clean_line(outcome.source),
                severity="error",
                markup=False,
            )
        summary = ", ".join(f"{count} {status}" for status, count in sorted(event.counts.items()))
        if event.finished:
            self._set_progress("")
            self.notify(f"Import finished: {summary or 'nothing found'}", markup=False)
            self._reload_list()
        else:
            self._set_progress(f"Importing… {summary}")
            # New articles appear as they arrive, without waiting for the whole batch.
            if outcome is not None and outcome.status in ("added", "updated"):
                self._reload_list(throttle=True)

    def _set_progress(self, text: str) -> None:
        if self.library_screen is not None and self.library_screen.is_mounted:
            self.library_screen.status.show_progress(text)

    # ----- feed refresh ------------------------------------------------------------------

    def start_refresh(self) -> None:
        """Refresh every feed in a worker (the `r` key); once at a time."""
        # exclusive=True cannot stop a running thread worker: a second press would start a
        # second run over the same feeds, racing the first for every item.
        if any(w.group == "refresh" and not w.is_finished for w in self.workers):
            self.notify("Feeds are already being refreshed", timeout=2, markup=False)
            return
        self._set_progress("Refreshing feeds…")
        self._refresh()

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh", description="refresh")
    def _refresh(self) -> None:
        from reader.refresh import refresh_feeds

        if not self.library.feeds():
            self.post_message(
                self.RefreshProgress(
                    "",
                    error="no feeds yet: subscribe with `broadsheet feed add URL`",
                    finished=True,
                )
            )
            return
        finished = False
        # A big feed stores hundreds of items a second: one message each would keep the
        # event loop busy redrawing the status line while the reader types. Item progress
        # is sent at most every PROGRESS_INTERVAL seconds; failures and the end at once.
        added = False
        last_sent = 0.0
        try:
            for event in refresh_feeds(self.library, cancel=self._cancel):
                error = None
                if event.kind == "failed":
                    error = event.describe()
                elif event.kind == "done":
                    finished = True
                if event.kind == "item" and event.outcome is not None:
                    added = added or event.outcome.status in ("added", "updated")
                    if time.monotonic() - last_sent < PROGRESS_INTERVAL:
                        continue
                last_sent = time.monotonic()
                self.post_message(
                    self.RefreshProgress(
                        event.describe(), error=error, finished=finished, added=added
                    )
                )
                added = False
        finally:
            if not finished:
                self.post_message(self.RefreshProgress("", finished=True))

    @on(RefreshProgress)
    def _refresh_progress(self, event: RefreshProgress) -> None:
        if event.error:
            self.notify(event.error, title="Refresh", severity="error", markup=False)
        if event.finished:
            self._set_progress("")
            if event.line:
                self.notify(event.line, title="Refresh", markup=False)
            self._reload_list()
            from tui.screens.feeds import FeedsScreen

            if isinstance(self.screen, FeedsScreen):
                self.screen.reload()
        else:
            self._set_progress(f"Refreshing… {event.line}")
            if event.added:
                self._reload_list(throttle=True)

    def _reload_list(self, *, throttle: bool = False) -> None:
        """Show new articles; while a batch arrives, at most twice a second."""
        now = time.monotonic()
        if throttle and now - self._last_reload < 0.5:
            return
        self._last_reload = now
        if self.library_screen is not None:
            self.library_screen.reload(keep_cursor=True)
