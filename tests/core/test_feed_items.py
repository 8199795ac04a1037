"""Feed items to articles: a summary-only item and its linked page."""

from __future__ import annotations

import importlib

import pytest

from reader.errors import FetchError
from reader.feed_items import item_to_extracted
from reader.sources.feeds import FeedItem
from reader.sources.web import FetchedPage

SUMMARY = "The harbour ferry sailed again on Monday after a week of engine repairs."
ITEM = FeedItem(title="Ferry back", link="https://news.example/ferry", summary=SUMMARY)
PAGE = (
    b"<html><head><title>Ferry back</title></head><body><article>"
    + b"<p>The ferry between the two quays ran again on Monday after repairs.</p>" * 20
    + b"</article></body></html>"
)


def page(url: str) -> FetchedPage:
    return FetchedPage(url, url, PAGE, "text/html", "utf-8", None, None, 200)


def test_the_linked_page_is_used_when_it_cleans() -> None:
    extracted, note = item_to_extracted(ITEM, outlet="Desk", fetch_full_page=True, fetch=page)
    assert note is None
    assert "two quays" in extracted.body


def test_a_page_that_cannot_be_fetched_falls_back_to_the_summary() -> None:
    def dead(url: str) -> FetchedPage:
        raise FetchError("HTTP 404", url)

    extracted, note = item_to_extracted(ITEM, outlet="Desk", fetch_full_page=True, fetch=dead)
    assert extracted.body == SUMMARY
    assert note == "page not used (HTTP 404)"


def test_a_cleaner_bug_on_the_page_falls_back_to_the_summary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def buggy(*args: object, **kwargs: object) -> object:
        raise ValueError("cleaner bug")

    # `reader.extract` the attribute is the function; patch the module's own name.
    monkeypatch.setattr(importlib.import_module("reader.extract"), "extract", buggy)
    extracted, note = item_to_extracted(ITEM, outlet="Desk", fetch_full_page=True, fetch=page)
    assert extracted.body == SUMMARY
    assert note == "page not used (internal error: ValueError)"
