"""The key bar: the few keys that matter on this screen, as one line of Text.

Textual's Footer builds a widget per key and recomposes on every focus change; that cost
40-60 ms each time a screen opens here. This draws the same information (the shown
bindings of the live binding chain, with the user's keymap) as a single Text.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """A one-line footer listing the current screen's shown bindings."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.refresh_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh_keys()

    def key_text(self) -> Text:
        """The line as Text: `key description` pairs, palette hint last."""
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            text.append(f" {self.app.get_key_display(binding)} ", key_style)
            text.append(f"{binding.description} ", description_style)
        return text

    def refresh_keys(self) -> None:
        """Redraw from the live bindings (after focus or keymap changes)."""
        if self.is_attached:
            self.update(self.key_text())

    @property
    def plain(self) -> str:
        """The keys as plain text (for tests)."""
        return self.key_text().plain
