"""The quotes screen (`Q`): who said what in the filtered library, grouped by speaker.

Quotes come newest first within each speaker, speakers in order of their newest quote, the
unattributed last. Typing in the speaker line narrows the list; choosing a quote opens its
article scrolled to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.models import Filter, QuoteEntry
from reader.sanitize import clean_line
from tui.screens.article import ArticleScreen
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import heading_with_filter
from tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from tui.app import BroadsheetApp

#: The list shows at most this many quotes (narrow with the speaker line for more).
MAX_QUOTES = 500


def _date(entry: QuoteEntry) -> str:
    return entry.published.isoformat()[:10] if entry.published is not None else "undated"


def quote_prompt(entry: QuoteEntry) -> Text:
    """One quote as Text (never markup): the words, then outlet, date and title, dimmed."""
    text = Text(no_wrap=False, end="")
    text.append("  " + clean_line(entry.text), style="italic")
    where = " · ".join(part for part in (clean_line(entry.outlet or ""), _date(entry)) if part)
    text.append(f"\n    {where} — ", style="dim")
    text.append(clean_line(entry.title) or "(untitled)", style="dim")
    return text


def quote_options(entries: list[QuoteEntry]) -> list[Option]:
    """Speaker headings (disabled) and one option per quote, id ``q<index>``."""
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.speaker_name] = counts.get(entry.speaker_name, 0) + 1
    options: list[Option] = []
    current: str | None = None
    for index, entry in enumerate(entries):
        if entry.speaker_name != current:
            current = entry.speaker_name
            heading = Text(clean_line(current), style="bold")
            heading.append(f"  ({counts[current]})", style="dim")
            options.append(Option(heading, id=f"speaker{index}", disabled=True))
        options.append(Option(quote_prompt(entry), id=f"q{index}"))
    return options


class ArticleAtQuoteScreen(ArticleScreen):
    """The article screen, opened with a quote (a highlight) made current."""

    def __init__(self, article_id: int, start: int, flt: Filter) -> None:
        super().__init__(article_id, 0, flt)
        self.quote_start: int | None = start

    @on(ArticleScreen.Loaded)
    def _at_quote(self, event: ArticleScreen.Loaded) -> None:
        start = self.quote_start
        if start is not None and event.article.id == self.article_id:
            self.quote_start = None
            # After the article screen's own handler has shown the text.
            self.call_after_refresh(self.view.jump_to, start)


class QuotesScreen(ReportsWorkerErrors, Screen[None]):
    """Every quote in the filtered library, grouped by speaker; enter opens the article."""

    DEFAULT_CSS = """
    QuotesScreen #quotes-list { height: 1fr; border: none; padding: 0 1; }
    QuotesScreen #quotes-title, QuotesScreen #quotes-status { padding: 0 1; }
    QuotesScreen #quotes-speaker { border: none; height: 1; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="quotes.close"),
        Binding("slash", "focus_speaker", "Speaker", id="quotes.speaker"),
        Binding("1", "toggle_country('Syria')", "Toggle Syria", show=False, id="quotes.syria"),
        Binding("2", "toggle_country('Turkey')", "Toggle Turkey", show=False, id="quotes.turkey"),
        Binding("3", "toggle_country('Russia')", "Toggle Russia", show=False, id="quotes.russia"),
        Binding("4", "toggle_country('Iran')", "Toggle Iran", show=False, id="quotes.iran"),
        Binding("d", "pick_dates", "Dates", id="quotes.dates"),
    ]

    class Loaded(Message):
        """Quotes for a speaker filter are ready."""

        def __init__(self, generation: int, entries: list[QuoteEntry], more: bool) -> None:
            self.generation = generation
            self.entries = entries
            self.more = more
            super().__init__()

    def __init__(self, flt: Filter, speaker: str = "") -> None:
        super().__init__()
        self.filter = flt
        self.speaker = speaker
        self.entries: list[QuoteEntry] = []
        self.generation = 0

    @property
    def broadsheet(self) -> BroadsheetApp:
        """The app, typed."""
        return cast("BroadsheetApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="quotes-title")
        yield Input(self.speaker, placeholder="speaker (e.g. lavrov)", id="quotes-speaker")
        yield OptionList(id="quotes-list", markup=False)
        yield Static(Text("Loading…"), id="quotes-status")
        yield KeyBar()

    def _title(self) -> Text:
        return heading_with_filter("Quotes by speaker", self.filter)

    @property
    def option_list(self) -> OptionList:
        """The list of speakers and quotes."""
        return self.query_one("#quotes-list", OptionList)

    def on_mount(self) -> None:
        self.option_list.focus()
        self.reload()

    def reload(self) -> None:
        """Read the quotes again for the current speaker text, in a worker."""
        self.generation += 1
        self._load(self.generation, self.filter, self.speaker.strip() or None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="quotes", description="quotes")
    def _load(self, generation: int, flt: Filter, speaker: str | None) -> None:
        entries = self.broadsheet.library.quotes(flt, speaker=speaker, limit=MAX_QUOTES + 1)
        self.post_message(self.Loaded(generation, entries[:MAX_QUOTES], len(entries) > MAX_QUOTES))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.generation != self.generation:
            return
        self.entries = event.entries
        self.option_list.set_options(quote_options(event.entries))
        first = next((n for n, o in enumerate(self.option_list.options) if not o.disabled), None)
        self.option_list.highlighted = first
        speakers = len({e.speaker_name for e in event.entries})
        if not event.entries:
            status = "No quotes match." + (" Clear the speaker line." if self.speaker else "")
        else:
            status = f"{len(event.entries)} quotes from {speakers} speakers"
            if event.more:
                status += f" (the first {MAX_QUOTES}: narrow by speaker for the rest)"
        self.query_one("#quotes-status", Static).update(Text(status))

    @on(Input.Changed, "#quotes-speaker")
    def _speaker_changed(self, event: Input.Changed) -> None:
        self.speaker = event.value
        self.reload()

    @on(Input.Submitted, "#quotes-speaker")
    def _speaker_done(self) -> None:
        self.option_list.focus()

    @on(OptionList.OptionSelected, "#quotes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if option_id.startswith("q"):
            entry = self.entries[int(option_id[1:])]
            self.app.push_screen(ArticleAtQuoteScreen(entry.article_id, entry.start, self.filter))

    def set_filter(self, flt: Filter) -> None:
        """Show the quotes of ``flt`` (countries and dates change here as in the library)."""
        self.filter = flt
        self.query_one("#quotes-title", Static).update(self._title())
        self.reload()

    def action_toggle_country(self, country: str) -> None:
        from tui.screens.library import toggle_country

        self.set_filter(toggle_country(self.filter, country))

    def action_pick_dates(self) -> None:
        from tui.screens.date_range import DateChoice, DateRangeModal

        def chosen(choice: DateChoice | None) -> None:
            if choice is not None:
                self.set_filter(choice.applied_to(self.filter))

        self.app.push_screen(DateRangeModal(self.filter, self.broadsheet.today()), chosen)

    def action_focus_speaker(self) -> None:
        # Now, not after a message round trip: the keys typed right after "/" belong in the
        # filter (see BroadsheetApp.on_event).
        self.set_focus(self.query_one("#quotes-speaker", Input))

    def action_close(self) -> None:
        if self.focused is self.query_one("#quotes-speaker", Input) and self.speaker:
            self.option_list.focus()
            return
        self.dismiss(None)
