"""Broadsheet's core: sources, cleaning, annotation and the local library.

Never imports textual or rich; heavy libraries load inside the functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.annotate import annotate
from reader.errors import (
    BroadsheetError,
    ConfigError,
    ExtractionError,
    FeedError,
    FetchError,
    LibraryError,
    NotAnArticleError,
    NotFoundError,
    QueryError,
    SourceError,
)
from reader.extract import extract
from reader.models import (
    Annotations,
    Article,
    ArticleSummary,
    Extracted,
    Feed,
    Filter,
    ImportOutcome,
    PersonMention,
    PlaceMention,
    Quote,
    SourceKind,
)

if TYPE_CHECKING:
    from reader.library.store import Library


def __getattr__(name: str) -> Any:
    # The store loads sqlite3 and the query language: import it only when asked for.
    if name == "Library":
        from reader.library.store import Library

        return Library
    raise AttributeError(f"module 'reader' has no attribute {name!r}")


__all__ = [
    "Annotations",
    "Article",
    "ArticleSummary",
    "BroadsheetError",
    "ConfigError",
    "Extracted",
    "ExtractionError",
    "Feed",
    "FeedError",
    "FetchError",
    "Filter",
    "ImportOutcome",
    "Library",
    "LibraryError",
    "NotAnArticleError",
    "NotFoundError",
    "PersonMention",
    "PlaceMention",
    "QueryError",
    "Quote",
    "SourceError",
    "SourceKind",
    "annotate",
    "extract",
]
