"""The model types that flow between the stages: frozen, slotted dataclasses.

Rows from SQLite become these inside the store; nothing else leaves it. The TUI and
the CLI see only these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

#: A publication moment: a full timestamp when the page gives one, a day otherwise.
Published = date | datetime


class SourceKind(StrEnum):
    """How an article's bytes were cleaned."""

    HTML = "html"
    TEXT = "text"
    FEED = "feed"


@dataclass(frozen=True, slots=True)
class Extracted:
    """The clean article and its metadata, as the extract stage returns it.

    ``body`` holds paragraphs separated by one blank line, without the title line; the
    standfirst, when there is one, is the first paragraph.
    """

    title: str
    body: str
    outlet: str | None = None
    byline: str | None = None
    published: Published | None = None
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    kind: SourceKind = SourceKind.HTML
    standfirst: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A named person in ``body[start:end]``; ``canonical`` links variants in one article."""

    text: str
    start: int
    end: int
    canonical: str


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place in ``body[start:end]``, resolved to its country (English short name)."""

    text: str
    start: int
    end: int
    country: str | None = None
    kind: str = "place"  # country | city | region | site


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation in ``body[start:end]`` (quote marks included) and its speaker."""

    text: str
    start: int
    end: int
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Annotations:
    """Everything the annotate stage finds in one article body."""

    people: tuple[PersonMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One stored article, complete: what the reading screen and `show --json` use."""

    id: int
    source: str
    url: str | None
    title: str
    outlet: str | None
    byline: str | None
    published: Published | None
    body: str
    tags: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    people: tuple[PersonMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    bookmarked: bool = False
    read: bool = False
    added_at: datetime | None = None
    kind: SourceKind = SourceKind.HTML

    def to_json(self) -> dict[str, Any]:
        """The article contract as a JSON-ready dict (see README: "The JSON of one article")."""
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "byline": self.byline,
            "published": self.published.isoformat() if self.published else None,
            "countries": list(self.countries),
            "tags": list(self.tags),
            "body": self.body,
            "people": [
                {"text": p.text, "start": p.start, "end": p.end, "canonical": p.canonical}
                for p in self.people
            ],
            "places": [
                {"text": p.text, "start": p.start, "end": p.end, "country": p.country}
                for p in self.places
            ],
            "quotes": [
                {"text": q.text, "start": q.start, "end": q.end, "speaker": q.speaker}
                for q in self.quotes
            ],
            "bookmarked": self.bookmarked,
            "read": self.read,
            "kind": self.kind.value,
        }


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """The few fields a list row needs; cheap to load by the thousand."""

    id: int
    title: str
    outlet: str | None
    published: Published | None
    countries: tuple[str, ...] = ()
    bookmarked: bool = False
    read: bool = False
    #: With ``summaries(..., group_stories=True)``: how many matching articles tell this
    #: row's story (1 when it stands alone), and their outlets, this row's first.
    story_size: int = 1
    story_outlets: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict for `broadsheet list --json`."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "countries": list(self.countries),
            "bookmarked": self.bookmarked,
            "read": self.read,
        }
        if self.story_size > 1:
            data["story_size"] = self.story_size
            data["story_outlets"] = list(self.story_outlets)
        return data


UNATTRIBUTED = "Unattributed"


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    """One quotation found in the library, with the article it comes from."""

    article_id: int
    title: str
    outlet: str | None
    published: Published | None
    speaker: str | None
    text: str
    start: int
    end: int

    @property
    def speaker_name(self) -> str:
        """The speaker, or "Unattributed"."""
        return self.speaker or UNATTRIBUTED

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict for `broadsheet quotes --json`."""
        return {
            "article_id": self.article_id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "speaker": self.speaker,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


DateScope = Literal["any", "dated", "undated"]


@dataclass(frozen=True, slots=True)
class Filter:
    """What the list shows. Fields compose with AND; ``countries`` match any of them.

    ``since``/``until`` are inclusive days. An article with no known date never matches a
    date bound; ``dates="undated"`` lists exactly those articles.
    """

    countries: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    bookmarked: bool = False
    unread: bool = False
    text: str = ""
    people: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    dates: DateScope = "any"

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every article through."""
        return self == Filter()


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscribed RSS/Atom feed and the outcome of its last refresh."""

    id: int
    url: str
    title: str | None = None
    fetch_full_pages: bool = True
    etag: str | None = None
    last_modified: str | None = None
    last_checked: datetime | None = None
    last_error: str | None = None
    last_new_count: int = 0


ImportStatus = Literal["added", "updated", "duplicate", "failed"]


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one source in a batch import: one line of `broadsheet add`."""

    source: str
    status: ImportStatus
    article_id: int | None = None
    title: str | None = None
    error: str | None = None
