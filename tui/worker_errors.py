"""Failed workers become notifications, wherever the worker ran."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from tui.app import BroadsheetApp


class ReportsWorkerErrors:
    """Mixin for the app and its screens: a worker of theirs that fails is reported.

    ``Worker.StateChanged`` goes to the node that started the worker and does not bubble,
    so a screen's failed query (``exit_on_error=False``) would otherwise vanish silently.
    """

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the error of a failed worker as a notification."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            app = cast("BroadsheetApp", cast("MessagePump", self).app)
            app.report(event.worker.error)
