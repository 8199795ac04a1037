"""The help screen: every key, generated from the live bindings and the user's keymap."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One action and the keys that trigger it, as currently mapped."""

    binding_id: str
    keys: tuple[str, ...]
    description: str


def binding_sections() -> list[tuple[str, list[type[DOMNode]]]]:
    """Where our bindings live, grouped as the help screen shows them."""
    from tui.app import BroadsheetApp
    from tui.screens.add import AddModal
    from tui.screens.article import ArticleScreen
    from tui.screens.country_picker import CountryPickerModal
    from tui.screens.date_range import DateRangeModal
    from tui.screens.feeds import FeedsScreen
    from tui.screens.library import LibraryScreen
    from tui.screens.quotes import QuotesScreen
    from tui.screens.story import StoryScreen
    from tui.screens.timeline import TimelineScreen
    from tui.widgets.article_list import ArticleList
    from tui.widgets.article_view import ArticleView
    from tui.widgets.filter_bar import FilterBar
    from tui.widgets.side_panel import SidePanel

    return [
        ("Everywhere", [BroadsheetApp]),
        ("Library", [LibraryScreen, ArticleList]),
        ("Query line", [FilterBar]),
        ("Article", [ArticleScreen, ArticleView, SidePanel]),
        ("Feeds", [FeedsScreen]),
        ("Quotes, timeline, story", [QuotesScreen, TimelineScreen, StoryScreen]),
        ("Dialogs", [CountryPickerModal, DateRangeModal, AddModal, HelpScreen]),
    ]


def all_binding_ids() -> set[str]:
    """Every binding id a config file may remap."""
    return {
        binding.id
        for _title, classes in binding_sections()
        for cls in classes
        for binding in _own_bindings(cls)
        if binding.id
    }


def _own_bindings(cls: type[DOMNode]) -> list[Binding]:
    specs: list[BindingType] = list(cls.__dict__.get("BINDINGS", []))
    return list(Binding.make_bindings(specs))


def key_help(app: App[object], cls: type[DOMNode]) -> list[KeyHelp]:
    """The bindings ``cls`` declares, with the keys the live keymap gives them."""
    bindings = BindingsMap(_own_bindings(cls))
    keymap = getattr(app, "_keymap", {})
    if keymap:
        bindings.apply_keymap(keymap)
    by_id: dict[str, list[Binding]] = {}
    order: list[str] = []
    for binding_list in bindings.key_to_bindings.values():
        for binding in binding_list:
            key = binding.id or binding.action
            if key not in by_id:
                by_id[key] = []
                order.append(key)
            by_id[key].append(binding)
    result: list[KeyHelp] = []
    for key in order:
        group = by_id[key]
        keys = tuple(dict.fromkeys(app.get_key_display(binding) for binding in group))
        result.append(KeyHelp(key, keys, group[0].description or group[0].action))
    return _merge_aliases(result)


def _merge_aliases(rows: list[KeyHelp]) -> list[KeyHelp]:
    """Fold "down" and "j" (same description) into one row: "down, j"."""
    merged: dict[str, KeyHelp] = {}
    for row in rows:
        if row.description in merged:
            first = merged[row.description]
            keys = tuple(dict.fromkeys(first.keys + row.keys))
            merged[row.description] = KeyHelp(first.binding_id, keys, first.description)
        else:
            merged[row.description] = row
    return list(merged.values())


def help_text(app: App[object]) -> Table:
    """The whole key reference as a Rich table of Text cells (no markup)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for title, classes in binding_sections():
        table.add_row(Text(title, style="bold underline"), Text(""))
        for cls in classes:
            for row in key_help(app, cls):
                table.add_row(Text(", ".join(row.keys)), Text(row.description))
        table.add_row(Text(""), Text(""))
    table.add_row(
        Text("Query language", style="bold underline"),
        Text(
            "country:syria,iran since:2024-01 until:2024-06-30 is:bookmarked is:unread "
            "is:undated person:NAME place:NAME and free words (full-text search)"
        ),
    )
    return table


class HelpScreen(Screen[None]):
    """Every key, as mapped now."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="help.up"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("Broadsheet keys", style="bold"), id="help-title")
            yield Static(help_text(self.app), id="help-keys")
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
