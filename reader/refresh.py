"""Refresh subscribed feeds concurrently and turn new items into articles.

``refresh_feeds()`` returns a generator of :class:`RefreshEvent` (feed started, item stored,
feed finished or failed, all done) so a CLI or a TUI worker can show progress; it honours a
cancel event. Feeds are fetched by a thread pool with a per-host limit and conditional
requests; one failing feed never stops the others.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from reader.errors import BroadsheetError, FetchError
from reader.models import Feed, ImportOutcome
from reader.sanitize import clean_line
from reader.sources.feeds import MAX_ITEMS
from reader.sources.web import FEED_LIMITS, PAGE_LIMITS, FetchedPage, FetchKind, FetchLimits

if TYPE_CHECKING:
    import httpx

    from reader.library.store import Library

EventKind = Literal["started", "item", "finished", "failed", "done"]


@dataclass(frozen=True, slots=True)
class RefreshOptions:
    """Concurrency and limits for one refresh run."""

    max_workers: int = 4
    per_host: int = 2
    feed_limits: FetchLimits = FEED_LIMITS
    page_limits: FetchLimits = PAGE_LIMITS
    max_items: int = MAX_ITEMS
    #: Processes that clean and annotate items of a big feed (0: in the refresh thread;
    #: None: one per CPU but one, at least one, at most four, once a feed brings
    #: ``process_threshold`` new items or more).
    processes: int | None = None
    process_threshold: int = 200
    #: Linked pages fetched per feed per refresh; later summary-only items keep their summary
    #: (a 20,000-item summary feed must not mean 20,000 page fetches in one go).
    max_pages_per_feed: int = 200


#: ``[fetch]`` keys of the config file and the limits they set.
FETCH_KEYS = {
    "page_max_mb": "the size cap of one page, in MB (default 5)",
    "feed_max_mb": "the size cap of one feed, in MB (default 64)",
    "timeout": "seconds to wait for a server to answer (default 20)",
    "max_items": "items read from one feed (default 20000)",
    "per_host": "requests at a time to one host (default 2)",
    "workers": "feeds refreshed at a time (default 4)",
    "pages_per_feed": "linked pages fetched per feed per refresh (default 200)",
}


def options_from_config(table: Mapping[str, object], *, source: str = "config") -> RefreshOptions:
    """RefreshOptions from the config file's ``[fetch]`` table; ConfigError names a bad key."""
    from dataclasses import replace

    from reader.errors import ConfigError

    values: dict[str, float] = {}
    for key, value in table.items():
        if key not in FETCH_KEYS:
            raise ConfigError(
                f"[fetch] unknown key {key!r} (known: {', '.join(FETCH_KEYS)})", source
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(f"[fetch] {key}: expected a positive number", source)
        values[key] = float(value)
    page, feed = PAGE_LIMITS, FEED_LIMITS
    if "timeout" in values:
        page = replace(page, read_timeout=values["timeout"])
        feed = replace(feed, read_timeout=values["timeout"])
    if "page_max_mb" in values:
        page = replace(page, max_bytes=int(values["page_max_mb"] * 1024 * 1024))
    if "feed_max_mb" in values:
        feed = replace(feed, max_bytes=int(values["feed_max_mb"] * 1024 * 1024))
    defaults = RefreshOptions()
    return RefreshOptions(
        max_workers=int(values.get("workers", defaults.max_workers)),
        per_host=int(values.get("per_host", defaults.per_host)),
        feed_limits=feed,
        page_limits=page,
        max_items=int(values.get("max_items", defaults.max_items)),
        max_pages_per_feed=int(values.get("pages_per_feed", defaults.max_pages_per_feed)),
    )


@dataclass(frozen=True, slots=True)
class RefreshEvent:
    """One step of a refresh: ``kind`` says which fields matter.

    ``started``: ``feed``. ``item``: ``feed`` and ``outcome`` (an article added, updated,
    found to be a duplicate, or failed; ``note`` when a linked page could not be used and
    the summary was stored instead). ``finished``: ``feed`` (as updated) and the counts;
    ``not_modified`` for a 304. ``failed``: ``feed`` and ``error``. ``done``: the totals.
    """

    kind: EventKind
    feed: Feed | None = None
    outcome: ImportOutcome | None = None
    added: int = 0
    updated: int = 0
    duplicates: int = 0
    failed_items: int = 0
    seen: int = 0
    not_modified: bool = False
    cancelled: bool = False
    error: str | None = None
    note: str | None = None
    feeds_done: int = 0
    feeds_total: int = 0

    def describe(self) -> str:
        """One clean line for a status bar, e.g. ``[2/5] Harbour News: 3 new``."""
        name = clean_line(self.feed.title or self.feed.url)[:80] if self.feed else ""
        step = f"[{self.feeds_done}/{self.feeds_total}] " if self.feeds_total else ""
        if self.kind == "started":
            return f"{step}{name}: fetching…"
        if self.kind == "item" and self.outcome is not None:
            title = clean_line(self.outcome.title or self.outcome.source)[:80]
            if self.outcome.status == "failed":
                return f"{name}: failed: {title}: {clean_line(self.outcome.error or '')}"
            return f"{name}: {self.outcome.status} {title}"
        if self.kind == "failed":
            return f"{step}{name}: {clean_line(self.error or 'failed')}"
        if self.kind == "finished":
            if self.not_modified:
                return f"{step}{name}: not modified"
            cancelled = " (cancelled)" if self.cancelled else ""
            return f"{step}{name}: {self.added} new{cancelled}"
        failed = f", {self.error}" if self.error else ""
        cancelled = " (cancelled)" if self.cancelled else ""
        return f"Refreshed {self.feeds_done}/{self.feeds_total} feeds: {self.added} new{failed}{cancelled}"


@dataclass(slots=True)
class _Counts:
    added: int = 0
    updated: int = 0
    duplicates: int = 0
    failed_items: int = 0
    seen: int = 0

    def count(self, status: str) -> None:
        if status == "added":
            self.added += 1
        elif status == "updated":
            self.updated += 1
        elif status == "duplicate":
            self.duplicates += 1
        else:
            self.failed_items += 1

    def add(self, other: _Counts | RefreshEvent) -> None:
        """Add another feed's counts (or an event's) to these."""
        for name in _COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_fields(self) -> dict[str, Any]:
        """The counts as RefreshEvent keyword arguments."""
        return {name: getattr(self, name) for name in _COUNT_FIELDS}


_COUNT_FIELDS = ("added", "updated", "duplicates", "failed_items", "seen")


class _HostGate:
    """At most ``per_host`` requests at a time to any one host."""

    def __init__(self, per_host: int) -> None:
        self._per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def hold(self, url: str, stop: threading.Event) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self._per_host))
        while not slot.acquire(timeout=0.2):
            if stop.is_set():
                raise FetchError("cancelled", url)
        try:
            yield
        finally:
            slot.release()


@dataclass
class _Run:
    library: Library
    options: RefreshOptions
    client: httpx.Client
    stop: threading.Event
    events: queue.Queue[RefreshEvent]
    pages: ThreadPoolExecutor
    gate: _HostGate
    claimed: set[str] = field(default_factory=set)
    claim_lock: threading.Lock = field(default_factory=threading.Lock)

    def fetch(
        self, url: str, limits: FetchLimits, kind: FetchKind, **kwargs: str | None
    ) -> FetchedPage:
        from reader.sources.web import fetch_page

        with self.gate.hold(url, self.stop):
            return fetch_page(
                url, limits=limits, kind=kind, client=self.client, cancel=self.stop, **kwargs
            )

    def claim(self, keys: list[str]) -> bool:
        """True when no key was seen before, in the library or earlier in this run."""
        with self.claim_lock:
            if any(key in self.claimed for key in keys):
                return False
            self.claimed.update(keys)
        return all(self.library.seen_item(key) is None for key in keys)


def refresh_feeds(
    library: Library,
    feed_ids: Sequence[int] | None = None,
    *,
    cancel: threading.Event | None = None,
    options: RefreshOptions | None = None,
) -> Iterator[RefreshEvent]:
    """Refresh ``feed_ids`` (all feeds when None); a generator of progress events.

    Raises:
        NotFoundError: at once (before any fetch) when an id names no feed.
    """
    if feed_ids is None:
        feeds = library.feeds()
    else:
        feeds = [library.get_feed(feed_id) for feed_id in dict.fromkeys(feed_ids)]
    return _refresh(library, feeds, cancel, options or RefreshOptions())


def _refresh(
    library: Library,
    feeds: list[Feed],
    cancel: threading.Event | None,
    options: RefreshOptions,
) -> Iterator[RefreshEvent]:
    from reader.sources.web import make_client

    stop = threading.Event()
    events: queue.Queue[RefreshEvent] = queue.Queue()
    workers = max(1, options.max_workers)
    feed_pool = ThreadPoolExecutor(workers, thread_name_prefix="broadsheet-feed")
    page_pool = ThreadPoolExecutor(workers, thread_name_prefix="broadsheet-page")
    client = make_client(options.feed_limits)
    run = _Run(library, options, client, stop, events, page_pool, _HostGate(options.per_host))
    total = _Counts()
    done = failed = 0
    try:
        futures = [feed_pool.submit(_refresh_one, run, feed) for feed in feeds]
        pending = len(futures)
        while pending:
            if cancel is not None and cancel.is_set():
                stop.set()
            try:
                event = events.get(timeout=0.1)
            except queue.Empty:
                continue
            if event.kind in {"finished", "failed"}:
                pending -= 1
                done += 1
                failed += event.kind == "failed"
                total.add(event)
                event = _with_progress(event, done, len(feeds))
            elif event.kind == "started":
                event = _with_progress(event, done, len(feeds))
            yield event
        yield RefreshEvent(
            "done",
            **total.as_fields(),
            cancelled=stop.is_set(),
            error=f"{failed} feed(s) failed" if failed else None,
            feeds_done=done,
            feeds_total=len(feeds),
        )
    finally:
        # Also reached when the consumer stops iterating: tell workers to stop, then wait.
        stop.set()
        feed_pool.shutdown(wait=True, cancel_futures=True)
        page_pool.shutdown(wait=True, cancel_futures=True)
        client.close()


def _with_progress(event: RefreshEvent, done: int, total: int) -> RefreshEvent:
    from dataclasses import replace

    return replace(event, feeds_done=done, feeds_total=total)


def _refresh_one(run: _Run, feed: Feed) -> None:
    """Refresh one feed, reporting through ``run.events``; never raises."""
    run.events.put(RefreshEvent("started", feed=feed))
    counts = _Counts()
    now = datetime.now(UTC)
    try:
        page = run.fetch(
            feed.url,
            run.options.feed_limits,
            "feed",
            etag=feed.etag,
            last_modified=feed.last_modified,
        )
        if page.not_modified:
            run.library.update_feed(feed.id, last_checked=now, last_error=None, last_new_count=0)
            run.events.put(_finished(run, feed, counts, not_modified=True))
            return
        from reader.refresh_ingest import early_pool, ingest
        from reader.sources.feed_stream import stream_feed

        pool = early_pool(run.options, len(page.data))
        try:
            parsed = stream_feed(
                page.data, page.final_url, source=feed.url, max_items=run.options.max_items
            )
        except BaseException:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            raise
        ingest(run, feed, parsed, counts, pool)
        changes: dict[str, Any] = {
            "last_checked": now,
            "last_error": None,
            "last_new_count": counts.added,
        }
        if not run.stop.is_set():
            # Validators only once every item is in: a cancelled run re-reads the feed next time.
            changes.update(etag=page.etag, last_modified=page.last_modified)
        if feed.title is None and parsed.title:
            changes["title"] = parsed.title
        run.library.update_feed(feed.id, **changes)
        run.events.put(_finished(run, feed, counts))
    except BroadsheetError as exc:
        if run.stop.is_set() and isinstance(exc, FetchError) and exc.message == "cancelled":
            run.events.put(_finished(run, feed, counts, cancelled=True))
            return
        _fail(run, feed, counts, exc.message, now)
    except Exception as exc:  # a bug must not stop the other feeds; say what it was
        _fail(run, feed, counts, f"internal error: {type(exc).__name__}: {exc}", now)


def _fail(run: _Run, feed: Feed, counts: _Counts, message: str, now: datetime) -> None:
    message = clean_line(message)[:300]
    # If the library itself is failing, the event still reports the feed's error.
    with suppress(BroadsheetError):
        run.library.update_feed(feed.id, last_checked=now, last_error=message)
    run.events.put(
        RefreshEvent(
            "failed",
            feed=feed,
            error=message,
            **counts.as_fields(),
        )
    )


def _finished(
    run: _Run, feed: Feed, counts: _Counts, *, not_modified: bool = False, cancelled: bool = False
) -> RefreshEvent:
    # Removed while refreshing, or the library is failing: report what we had. This must
    # not raise: the refresh loop waits for one "finished"/"failed" event per feed.
    with suppress(BroadsheetError):
        feed = run.library.get_feed(feed.id)
    return RefreshEvent(
        "finished",
        feed=feed,
        **counts.as_fields(),
        not_modified=not_modified,
        cancelled=cancelled,
    )


__all__ = ["FETCH_KEYS", "RefreshEvent", "RefreshOptions", "options_from_config", "refresh_feeds"]
