"""Feed subscriptions and seen feed items in the library."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_library_samples import fill_library

from reader.errors import LibraryError, NotFoundError
from reader.library.store import Library
from reader.models import Annotations, Extracted


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


@pytest.fixture
def filled(library: Library) -> dict[str, int]:
    return fill_library(library)


def test_feeds_api(library: Library, filled: dict[str, int]) -> None:
    feed = library.add_feed("https://example.org/feed.xml", title="Example")
    assert feed.url == "https://example.org/feed.xml" and feed.title == "Example"
    assert feed.fetch_full_pages is True and feed.last_checked is None
    again = library.add_feed("https://example.org/feed.xml", title="Other")
    assert again == feed
    second = library.add_feed("https://example.com/atom", fetch_full_pages=False)
    assert [f.id for f in library.feeds()] == [feed.id, second.id]
    assert library.get_feed(second.id).fetch_full_pages is False
    checked = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    updated = library.update_feed(
        feed.id,
        etag='W/"abc"',
        last_modified="Thu, 01 Jan 2025",
        last_checked=checked,
        last_error="timed out\nafter 10 s",
        last_new_count=4,
    )
    assert updated.etag == 'W/"abc"' and updated.last_checked == checked
    assert updated.last_error == "timed out after 10 s" and updated.last_new_count == 4
    assert updated.title == "Example"  # untouched fields stay
    cleared = library.update_feed(feed.id, last_error=None)
    assert cleared.last_error is None and cleared.etag == 'W/"abc"'

    assert library.seen_item("guid-1") is None
    library.mark_item_seen("guid-1", filled["grain"], feed.id)
    assert library.seen_item("guid-1") == filled["grain"]
    library.mark_item_seen("guid-1", filled["quake"], second.id)
    assert library.seen_item("guid-1") == filled["quake"]
    with pytest.raises(NotFoundError):
        library.mark_item_seen("guid-2", 9999, feed.id)

    library.remove_feed(second.id)
    assert [f.id for f in library.feeds()] == [feed.id]
    assert library.seen_item("guid-1") == filled["quake"]  # survives the feed's removal
    with pytest.raises(NotFoundError):
        library.get_feed(second.id)
    with pytest.raises(NotFoundError):
        library.remove_feed(second.id)
    with pytest.raises(NotFoundError):
        library.update_feed(second.id, title="x")


def test_feed_item_keys_are_remembered_in_the_store_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A feed item is never stored without being marked seen: a crash in between would
    # import it again on the next refresh.
    from reader.library import feeds_sql
    from reader.library.store import StoreRequest

    with Library(tmp_path / "lib.sqlite3") as library:
        feed = library.add_feed("https://example.org/rss")
        body = "The harbour ferry sailed again after three weeks of engine repairs."
        first = StoreRequest(
            Extracted(title="Ferry back", body=body),
            Annotations(),
            "feed:a",
            None,
            1,
            ("guid:a",),
            feed.id,
        )
        [outcome] = library.store_many([first])
        assert library.seen_item("guid:a") == outcome.article_id

        def broken(*args: object) -> None:
            raise LibraryError("disk I/O error", "lib")

        monkeypatch.setattr(feeds_sql, "mark_item_seen", broken)
        other = StoreRequest(
            Extracted(title="Quota protest", body="Crews tied up their boats in protest."),
            Annotations(),
            "feed:b",
            None,
            1,
            ("guid:b",),
            feed.id,
        )
        with pytest.raises(LibraryError):
            library.store_many([other])
        assert library.total() == 1  # the article went with its key
