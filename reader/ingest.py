"""Import a batch of sources (files, folders, URLs) into the library, one outcome at a time.

The pipeline per article: read -> :func:`reader.extract` -> :func:`reader.annotate` ->
``Library.store``. A generator, so that callers show progress as it happens and stop early;
one bad source becomes a "failed" outcome and the batch goes on.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from reader.errors import BroadsheetError, LibraryError, SourceError
from reader.models import ImportOutcome

if TYPE_CHECKING:
    from reader.library.store import Library
    from reader.sources.files import LocalArticle
    from reader.sources.web import FetchLimits


class FetchedPageLike(Protocol):
    """What :func:`reader.sources.web.fetch_page` returns, as far as importing needs it."""

    @property
    def final_url(self) -> str: ...
    @property
    def data(self) -> bytes: ...
    @property
    def charset(self) -> str | None: ...


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*)://")


def is_url(source: str) -> bool:
    """True when ``source`` looks like a URL (any scheme), not a local path."""
    return bool(_SCHEME.match(source.strip()))


def failed(source: str, error: BroadsheetError | str) -> ImportOutcome:
    """A "failed" outcome with a one-line reason."""
    reason = error.message if isinstance(error, BroadsheetError) else error
    return ImportOutcome(source=source, status="failed", error=" ".join(reason.split()))


def annotator_version() -> int:
    """The running annotator's version, stored with each article for `reannotate`."""
    from reader.annotate.pipeline import ANNOTATOR_VERSION

    return ANNOTATOR_VERSION


def store_article(library: Library, article: LocalArticle) -> ImportOutcome:
    """Annotate one cleaned article and store it; returns the library's outcome."""
    from reader.annotate import annotate

    extracted = article.extracted
    annotations = annotate(extracted.body, title=extracted.title, tags=extracted.tags)
    return library.store(
        extracted,
        annotations,
        source=article.source,
        url=article.url,
        annotator_version=annotator_version(),
    )


def _cancelled(cancel: threading.Event | None) -> bool:
    return cancel is not None and cancel.is_set()


def import_sources(
    library: Library,
    sources: Sequence[str],
    *,
    cancel: threading.Event | None = None,
    page_limits: FetchLimits | None = None,
) -> Iterator[ImportOutcome]:
    """Import files, folders (recursively) and http(s) URLs; yield one outcome per article.

    Never raises for a bad source: a missing file, a PDF or a dead link is a "failed"
    outcome naming it. ``cancel`` is checked between items; what was stored stays stored.
    ``page_limits`` (the config file's ``[fetch]`` limits) apply to URLs; default limits else.

    Raises:
        LibraryError: the library itself cannot be written (every later store would fail).
    """
    local: list[str] = []

    def flush_local() -> Iterator[ImportOutcome]:
        yield from _import_local(library, local, cancel)
        local.clear()

    for source in sources:
        if _cancelled(cancel):
            return
        if is_url(source):
            yield from flush_local()
            if _cancelled(cancel):
                return
            yield _import_url(library, source.strip(), cancel, page_limits)
        else:
            local.append(source)
    yield from flush_local()


def _import_local(
    library: Library, paths: Sequence[str], cancel: threading.Event | None
) -> Iterator[ImportOutcome]:
    from reader.sources.files import expand_paths, load_file

    for item in expand_paths(paths):
        if _cancelled(cancel):
            return
        if isinstance(item, SourceError):
            yield failed(item.title or "?", item)
            continue
        name = str(item)
        try:
            articles = load_file(item)
        except BroadsheetError as exc:
            yield failed(exc.title or name, exc)
            continue
        except Exception as exc:  # a cleaner bug on one page must not end the batch
            yield failed(name, _unexpected(exc))
            continue
        for article in articles:
            if _cancelled(cancel):
                return
            yield _store_safely(library, article, name)


def _store_safely(library: Library, article: LocalArticle, name: str) -> ImportOutcome:
    try:
        return store_article(library, article)
    except LibraryError:
        raise
    except BroadsheetError as exc:
        return failed(exc.title or name, exc)
    except Exception as exc:  # an annotator bug on one article must not end the batch
        return failed(name, _unexpected(exc))


def _unexpected(exc: Exception) -> str:
    detail = " ".join(str(exc).split())[:200]
    return f"internal error ({type(exc).__name__}: {detail}); please report it"


def _fetch(
    url: str, cancel: threading.Event | None = None, limits: FetchLimits | None = None
) -> FetchedPageLike:
    """Fetch one page through the web source; SourceError for schemes other than http(s)."""
    scheme = _SCHEME.match(url)
    if scheme is None or scheme.group(1).lower() not in {"http", "https"}:
        raise SourceError("only http and https URLs can be imported", url)
    from reader.sources.web import PAGE_LIMITS, fetch_page

    page: FetchedPageLike = fetch_page(url, cancel=cancel, limits=limits or PAGE_LIMITS)
    return page


def _fetch_article(
    url: str, cancel: threading.Event | None = None, limits: FetchLimits | None = None
) -> LocalArticle:
    """Fetch and clean one page; any failure, even a cleaner bug, is a BroadsheetError."""
    from reader.extract import extract
    from reader.sources.files import LocalArticle

    try:
        page = _fetch(url, cancel, limits)
        extracted = extract(page.data, url=page.final_url, source=url, charset=page.charset)
    except BroadsheetError:
        raise
    except Exception as exc:  # a cleaner bug on one page must not end the batch
        raise SourceError(_unexpected(exc), url) from exc
    # The URL the user typed is the source (adding it again updates); the page's own
    # canonical URL, else where the redirects ended, is the article's URL.
    return LocalArticle(source=url, extracted=extracted, url=extracted.url or page.final_url)


def _import_url(
    library: Library,
    url: str,
    cancel: threading.Event | None = None,
    limits: FetchLimits | None = None,
) -> ImportOutcome:
    try:
        article = _fetch_article(url, cancel, limits)
    except BroadsheetError as exc:
        return failed(url, exc)
    return _store_safely(library, article, url)


def extract_sources(
    sources: Sequence[str],
    *,
    cancel: threading.Event | None = None,
    page_limits: FetchLimits | None = None,
) -> Iterator[tuple[str, LocalArticle] | BroadsheetError]:
    """Clean sources without storing them: ``(name as given, article)`` or the error, in order.

    Files, folders (recursively) and http(s) URLs, like :func:`import_sources` (with the
    same ``page_limits``); for a feed file, one result per item.
    """
    from reader.sources.files import expand_paths, load_file

    for source in sources:
        if _cancelled(cancel):
            return
        if is_url(source):
            try:
                yield source, _fetch_article(source.strip(), cancel, page_limits)
            except BroadsheetError as exc:
                yield exc
            continue
        for item in expand_paths([source]):
            if _cancelled(cancel):
                return
            if isinstance(item, SourceError):
                yield item
                continue
            try:
                articles = load_file(item)
            except BroadsheetError as exc:
                yield exc
                continue
            except Exception as exc:
                yield SourceError(_unexpected(exc), str(item))
                continue
            for article in articles:
                yield str(item), article
