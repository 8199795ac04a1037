"""The item half of a refresh: new feed items to clean, annotated, stored articles.

Items are stored in small batches (one transaction per batch, flushed at least twice a
second) so that a 10,000-item feed does not pay for 10,000 commits, while new articles still
appear as they arrive.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.errors import BroadsheetError, LibraryError
from reader.models import Annotations, Extracted, ImportOutcome
from reader.refresh import RefreshEvent, RefreshOptions, _Counts, _Run
from reader.sanitize import clean_line
from reader.sources.feed_stream import FeedStream
from reader.sources.feeds import FeedItem, ParsedFeed
from reader.sources.web import FetchedPage

if TYPE_CHECKING:
    from reader.library.articles_sql import Prepared
    from reader.library.store import StoreRequest
    from reader.models import Feed

BATCH_ITEMS = 128
BATCH_SECONDS = 0.5
#: A feed at least this big starts its worker processes before it is parsed (~200 items).
EARLY_POOL_BYTES = 1_000_000
#: Items handed to worker processes ahead of the one being stored: more than a batch, so
#: that workers keep preparing while a batch is written (with fewer they sat idle then).
IN_FLIGHT = 2 * BATCH_ITEMS
#: Items per task sent to a worker: one message each way per chunk, not per item. Per-item
#: tasks cost the storing process ~4 s of pickling and pool bookkeeping per 10k items.
CHUNK_ITEMS = 16
#: How much lower than the caller's the workers' scheduling priority is.
WORKER_NICENESS = 10


class _Prepared(NamedTuple):
    request: StoreRequest
    note: str | None


#: A fresh item, its keys, and the download of its linked page (None: not wanted).
_Fresh = tuple[FeedItem, list[str], "Future[FetchedPage] | None"]


class _Pending(NamedTuple):
    """A fresh item waiting to be stored, and where its cleaning and annotation happen."""

    item: FeedItem
    keys: list[str]
    page: Future[FetchedPage] | None
    #: The worker task preparing this item's chunk (None: prepared in this process).
    remote: Future[list[Prepared | str]] | None
    #: The item's place in that chunk.
    slot: int


def ingest(
    run: _Run,
    feed: Feed,
    parsed: ParsedFeed | FeedStream,
    counts: _Counts,
    early: ProcessPoolExecutor | None = None,
) -> None:
    """Store every new item of ``parsed``, fetching linked pages for summary-only items.

    ``early`` is a pool started by :func:`early_pool` before the feed was parsed; it is
    used (and shut down) here. With it, a :class:`FeedStream` is read as it is stored, so
    workers start on the first items while later ones are still being parsed.
    """
    pool = early
    broken: list[BroadsheetError] = []
    try:  # reading the stream may raise too: the pool is shut down whatever happens
        fresh = _until_broken(_fresh_items(run, feed, parsed, counts), broken)
        first = list(islice(fresh, 1))  # by now the parse has usually met the feed's title
        outlet = feed.title or parsed.title
        upcoming: Iterable[_Fresh] = chain(first, fresh)
        if pool is None:
            # A small feed: read it all, then see whether it is worth worker processes.
            upcoming = list(upcoming)
            pool = _process_pool(run.options, len(upcoming))
        _ingest_fresh(run, feed, upcoming, outlet, counts, pool, window=IN_FLIGHT if pool else 1)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    if broken:  # the items read before the break are stored; the feed reports the error
        raise broken[0]


def _until_broken(fresh: Iterator[_Fresh], broken: list[BroadsheetError]) -> Iterator[_Fresh]:
    """``fresh`` until a feed found broken part way raises; the error goes to ``broken``."""
    try:
        yield from fresh
    except BroadsheetError as exc:
        broken.append(exc)


def _fresh_items(
    run: _Run, feed: Feed, parsed: ParsedFeed | FeedStream, counts: _Counts
) -> Iterator[_Fresh]:
    """The items not seen before, each with its keys and its page download, if it needs one."""
    from reader.feed_items import item_keys

    claimed: set[str] = set()
    pages = 0
    items = parsed.items if isinstance(parsed, ParsedFeed) else parsed
    for item in items:
        keys = item_keys(item, feed.url)
        if not run.claim(keys):
            # A stream that fell back to feedparser part way gives its first items again.
            if claimed.isdisjoint(keys):
                counts.seen += 1
            continue
        claimed.update(keys)
        future = None
        wants_page = not item.content and feed.fetch_full_pages
        if wants_page and item.link and pages < run.options.max_pages_per_feed:
            pages += 1
            # Pages download in parallel while earlier items are annotated and stored.
            future = run.pages.submit(run.fetch, item.link, run.options.page_limits, "page")
        yield item, keys, future


def early_pool(options: RefreshOptions, feed_bytes: int) -> ProcessPoolExecutor | None:
    """Worker processes started before a big feed is parsed; None for a small feed.

    Parsing a 50 MB feed takes seconds, and so does starting workers (each loads the
    annotator's data): started first, they are ready when the first items are.
    """
    if feed_bytes < EARLY_POOL_BYTES:
        return None
    pool = _process_pool(options, options.process_threshold)
    if pool is not None:
        for _ in range(os.cpu_count() or 1):  # spawn the workers now, not at the first item
            pool.submit(os.getpid)
    return pool


def _process_pool(options: RefreshOptions, fresh: int) -> ProcessPoolExecutor | None:
    """Worker processes for a big feed; None when not worth it or possible."""
    # Annotation is CPU-bound: in other processes it uses every core and leaves the caller's
    # GIL (the TUI's) free, so the interface stays responsive during a big import.
    processes = options.processes
    if processes is None:
        # One core stays with this process (parsing, storing); each worker holds its own copy
        # of the annotator's data (~140 MB), so a few workers at most. On two cores both
        # work: workers do all the pure preparation, and storing often waits for them.
        cores = os.cpu_count() or 1
        wanted = cores if cores <= 2 else cores - 1
        processes = min(4, wanted) if fresh >= options.process_threshold else 0
    if processes <= 0:
        return None
    import multiprocessing

    try:
        _start_resource_tracker()
        # spawn, never fork: forking a process that runs threads can deadlock the child.
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(
            max_workers=processes, mp_context=context, initializer=worker_start
        )
        return pool
    except (OSError, ValueError, ImportError):
        return None


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real file as ``sys.stderr``.

    The tracker keeps ``sys.stderr.fileno()`` open in its child. A TUI captures
    ``sys.stderr`` with an object whose ``fileno()`` is -1, and then every spawn failed
    ("bad value(s) in fds_to_keep"), so a refresh in the TUI never had worker processes.
    Once running, the tracker is reused by every later spawn.
    """
    import sys
    from multiprocessing import resource_tracker

    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


def worker_start() -> None:
    """Worker start-up: quiet, lower priority, and the annotator's data loaded."""
    quiet_worker()
    from reader.annotate.gazetteer import load_gazetteer

    load_gazetteer()


def quiet_worker() -> None:
    """Worker start-up: yield the CPU to the caller, never write to its terminal.

    The caller (maybe a TUI) stores what workers prepare and draws the screen: when it
    waits for a core, storing stalls and keystrokes lag, so workers run at a lower priority
    and take what the caller leaves.
    """
    import sys

    with suppress(OSError, AttributeError):  # no nice() on Windows
        os.nice(WORKER_NICENESS)

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        return
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    sys.stderr = sys.stdout


def _ingest_fresh(
    run: _Run,
    feed: Feed,
    fresh: Iterable[_Fresh],
    outlet: str | None,
    counts: _Counts,
    pool: ProcessPoolExecutor | None,
    *,
    window: int,
) -> None:
    upcoming = iter(fresh)
    pending: deque[_Pending] = deque()

    def refill() -> None:
        # Whole chunks at a time: the queue runs up to CHUNK_ITEMS - 1 past the window.
        while len(pending) < window and not run.stop.is_set():
            entries = list(islice(upcoming, CHUNK_ITEMS))
            if not entries:
                return
            pending.extend(_dispatch(entries, pool, outlet, feed.url))

    batch: list[_Prepared] = []
    flushed = time.monotonic()
    refill()
    while pending:
        item, keys, page, remote, slot = pending.popleft()
        refill()
        if run.stop.is_set():
            for future in (page, remote):
                if future is not None:
                    future.cancel()
            continue
        prepared = _collect(feed, item, keys, remote, slot) if remote is not None else None
        if prepared is None:
            prepared = _prepare(feed, item, keys, page, outlet)
        if isinstance(prepared, ImportOutcome):
            _report(run, feed, counts, prepared, None)
            continue
        batch.append(prepared)
        if len(batch) >= BATCH_ITEMS or time.monotonic() - flushed >= BATCH_SECONDS:
            _flush(run, feed, counts, batch)
            batch = []
            flushed = time.monotonic()
    if batch:  # already cleaned and annotated: keep them even when cancelled
        _flush(run, feed, counts, batch)


def _dispatch(
    entries: list[_Fresh],
    pool: ProcessPoolExecutor | None,
    outlet: str | None,
    feed_url: str,
) -> list[_Pending]:
    """Queue fresh items for storing, in order; those with no page to wait for go to a
    worker process as one task (without a pool, or once it broke, they are done here)."""
    remote_items = [item for item, _keys, page in entries if page is None]
    remote = None
    if pool is not None and remote_items:
        try:
            remote = pool.submit(prepare_remote, remote_items, outlet, feed_url)
        except RuntimeError:  # the pool broke (a child was killed): do them here
            remote = None
    queued = []
    slot = 0
    for item, keys, page in entries:
        if page is None and remote is not None:
            queued.append(_Pending(item, keys, None, remote, slot))
            slot += 1
        else:
            queued.append(_Pending(item, keys, page, None, 0))
    return queued


def prepare_remote(
    items: list[FeedItem], outlet: str | None, feed_url: str
) -> list[Prepared | str]:
    """In a worker process: clean, annotate and prepare items for storing (or say why not).

    The store's pure preparation (column values, shingles, story profile) happens here too,
    so the writing process only runs SQL. Only the prepared column values travel back:
    the annotations and the body are in them already (sending them twice cost the writer).
    """
    return [_prepare_one_remote(item, outlet, feed_url) for item in items]


def _prepare_one_remote(item: FeedItem, outlet: str | None, feed_url: str) -> Prepared | str:
    from reader.annotate import annotate
    from reader.annotate.pipeline import ANNOTATOR_VERSION
    from reader.feed_items import item_source, item_to_extracted
    from reader.library import articles_sql

    try:
        extracted, _note = item_to_extracted(item, outlet=outlet, fetch_full_page=False)
        annotations = annotate(extracted.body, title=extracted.title, tags=extracted.tags)
        return articles_sql.prepare(
            extracted,
            annotations,
            source=item_source(item, feed_url),
            url=item.link,
            annotator_version=ANNOTATOR_VERSION,
            with_story=True,
        )
    except BroadsheetError as exc:
        return exc.message
    except Exception as exc:  # reported as this item's failure, never a crash of the pool
        return clean_line(f"internal error: {exc!r}")[:300]


def _collect(
    feed: Feed, item: FeedItem, keys: list[str], remote: Future[Any], slot: int
) -> _Prepared | ImportOutcome | None:
    """The result of :func:`prepare_remote`; None to redo the item here (the pool broke)."""
    from reader.annotate.pipeline import ANNOTATOR_VERSION
    from reader.feed_items import item_source
    from reader.library.store import StoreRequest

    try:
        result = remote.result()[slot]
    except Exception:  # BrokenProcessPool, a pickling problem: the thread can still do it
        return None
    source = item_source(item, feed.url)
    if isinstance(result, str):
        return ImportOutcome(source, "failed", title=item.title or None, error=result)
    # What is stored is in ``result``; the Extracted only names the article in outcomes.
    named = Extracted(title=str(result.values["title"]), body="")
    request = StoreRequest(
        named, Annotations(), source, item.link, ANNOTATOR_VERSION, tuple(keys), feed.id, result
    )
    return _Prepared(request, None)


def _prepare(
    feed: Feed,
    item: FeedItem,
    keys: list[str],
    future: Future[FetchedPage] | None,
    outlet: str | None,
) -> _Prepared | ImportOutcome:
    """Clean and annotate one item, or say why it failed."""
    from reader.annotate import annotate
    from reader.annotate.pipeline import ANNOTATOR_VERSION
    from reader.feed_items import item_source, item_to_extracted
    from reader.library.store import StoreRequest

    source = item_source(item, feed.url)

    def from_future(_url: str) -> FetchedPage:
        assert future is not None
        return future.result()

    try:
        extracted, note = item_to_extracted(
            item,
            outlet=outlet,
            fetch_full_page=future is not None,
            fetch=from_future if future is not None else None,
        )
        annotations = annotate(extracted.body, title=extracted.title, tags=extracted.tags)
    except BroadsheetError as exc:
        return ImportOutcome(source, "failed", title=item.title or None, error=exc.message)
    except Exception as exc:  # one odd item must not stop the feed
        error = clean_line(f"internal error: {exc!r}")[:300]
        return ImportOutcome(source, "failed", title=item.title or None, error=error)
    request = StoreRequest(
        extracted, annotations, source, item.link, ANNOTATOR_VERSION, tuple(keys), feed.id
    )
    return _Prepared(request, note)


def _flush(run: _Run, feed: Feed, counts: _Counts, batch: list[_Prepared]) -> None:
    """Store a batch in one transaction (one by one if the batch is refused), then report."""
    try:
        outcomes = run.library.store_many([p.request for p in batch])
    except LibraryError:
        raise  # the library cannot take writes: the whole feed fails
    except BroadsheetError:
        outcomes = [_store_one(run, p) for p in batch]
    # Each request marks its item keys seen in the same transaction (StoreRequest.seen_keys).
    for prepared, outcome in zip(batch, outcomes, strict=True):
        _report(run, feed, counts, outcome, prepared.note)


def _store_one(run: _Run, prepared: _Prepared) -> ImportOutcome:
    request = prepared.request
    try:
        return run.library.store_many([request])[0]
    except LibraryError:
        raise
    except BroadsheetError as exc:
        return ImportOutcome(
            request.source, "failed", title=request.extracted.title, error=exc.message
        )


def _report(
    run: _Run, feed: Feed, counts: _Counts, outcome: ImportOutcome, note: str | None
) -> None:
    counts.count(outcome.status)
    run.events.put(RefreshEvent("item", feed=feed, outcome=outcome, note=note))


__all__ = ["ingest"]
