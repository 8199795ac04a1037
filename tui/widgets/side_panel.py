"""The side panel: the article's people, places and quotes; choosing one jumps to it.

``m`` on a person or a place asks for every article in the library that mentions them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.models import Article
from reader.sanitize import clean_line

QUOTE_PREVIEW = 60


@dataclass(frozen=True, slots=True)
class PanelEntry:
    """One line of the panel: a label and the body offsets of every mention it stands for.

    ``name`` is what a library filter matches: a person's canonical name, a place's name.
    """

    kind: str
    label: str
    starts: tuple[int, ...]
    name: str = ""


def panel_entries(article: Article) -> list[PanelEntry]:
    """People (by canonical name), places (by name) and quotes (one each, with speakers)."""
    people: dict[str, list[int]] = {}
    for person in article.people:
        people.setdefault(clean_line(person.canonical or person.text), []).append(person.start)
    places: dict[str, list[int]] = {}
    place_country: dict[str, str] = {}
    for place in article.places:
        name = clean_line(place.text)
        places.setdefault(name, []).append(place.start)
        if place.country and clean_line(place.country) != name:
            place_country[name] = clean_line(place.country)
    entries: list[PanelEntry] = []
    for name, starts in people.items():
        count = f" ×{len(starts)}" if len(starts) > 1 else ""
        entries.append(PanelEntry("person", f"{name}{count}", tuple(sorted(starts)), name))
    for name, starts in places.items():
        country = f" ({place_country[name]})" if name in place_country else ""
        count = f" ×{len(starts)}" if len(starts) > 1 else ""
        entries.append(PanelEntry("place", f"{name}{country}{count}", tuple(sorted(starts)), name))
    for quote in sorted(article.quotes, key=lambda q: q.start):
        words = clean_line(quote.text)
        if len(words) > QUOTE_PREVIEW:
            words = words[: QUOTE_PREVIEW - 1] + "…"
        speaker = clean_line(quote.speaker) if quote.speaker else "unattributed"
        entries.append(PanelEntry("quote", f"{words} — {speaker}", (quote.start,)))
    return entries


HEADINGS = {"person": "People", "place": "Places", "quote": "Quotes"}


class SidePanel(OptionList):
    """An OptionList of Text prompts (never markup) grouped under People, Places, Quotes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="panel.down_vim"),
        Binding("k", "cursor_up", "Up", show=False, id="panel.up_vim"),
        Binding("m", "mentions", "Find mentions", id="panel.mentions"),
    ]

    class Chosen(Message):
        """The reader chose an entry: jump to one of its mentions."""

        def __init__(self, entry: PanelEntry) -> None:
            self.entry = entry
            super().__init__()

    class MentionsWanted(Message):
        """The reader asked for every article that mentions a person or a place."""

        def __init__(self, entry: PanelEntry) -> None:
            self.entry = entry
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[PanelEntry] = []

    def show_article(self, article: Article) -> None:
        """List ``article``'s people, places and quotes."""
        self.entries = panel_entries(article)
        options: list[Option | None] = []
        kind = ""
        for position, entry in enumerate(self.entries):
            if entry.kind != kind:
                kind = entry.kind
                options.append(Option(Text(HEADINGS[kind], style="bold"), disabled=True))
            options.append(Option(Text(entry.label), id=f"entry-{position}"))
        if not self.entries:
            options.append(Option(Text("No people, places or quotes found"), disabled=True))
        self.clear_options()
        self.add_options(options)
        self.highlighted = next(
            (index for index, option in enumerate(self.options) if not option.disabled), None
        )

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id and option_id.startswith("entry-"):
            self.post_message(self.Chosen(self.entries[int(option_id.removeprefix("entry-"))]))

    def action_mentions(self) -> None:
        option = self.highlighted_option
        if option is None or not option.id or not option.id.startswith("entry-"):
            return
        entry = self.entries[int(option.id.removeprefix("entry-"))]
        if entry.kind in {"person", "place"}:
            self.post_message(self.MentionsWanted(entry))
        else:
            self.notify("Choose a person or a place (m lists the articles mentioning it)")
