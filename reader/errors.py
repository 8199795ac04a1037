"""The error hierarchy: every expected failure is a BroadsheetError naming its source.

The CLI prints ``broadsheet: <source>: <reason>`` for these and never a traceback; the TUI
shows them as notifications.
"""

from __future__ import annotations


class BroadsheetError(Exception):
    """An expected failure with a one-line, user-facing reason.

    Args:
        message: the reason, one line, no trailing full stop.
        title: what failed: a file path, a URL, a feed or an article id.
    """

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.title = title

    def __str__(self) -> str:
        return f"{self.title}: {self.message}" if self.title else self.message


class SourceError(BroadsheetError):
    """A source could not be read: missing file, permission, unsupported type, bad bytes."""


class NotAnArticleError(SourceError):
    """The bytes are readable but are not an article (a PDF, an image, empty, binary)."""


class ExtractionError(BroadsheetError):
    """The cleaner found no article text in the page."""


class FetchError(SourceError):
    """An HTTP fetch failed: DNS, refused, timeout, TLS, 4xx/5xx, too large, bad redirect."""


class FeedError(SourceError):
    """A feed is malformed, empty or not a feed at all."""


class LibraryError(BroadsheetError):
    """The library file cannot be opened or written (corrupt, newer version, read-only)."""


class NotFoundError(LibraryError):
    """No article or feed with that id."""


class QueryError(BroadsheetError):
    """A filter query or a date bound is invalid; the message says what is wrong."""


class ConfigError(BroadsheetError):
    """The config file is unreadable or names an unknown action or key."""
