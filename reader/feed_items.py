"""Feed items to articles: de-duplication keys and the Extracted record for one item.

A pure layer between the feed parser and the refresher. The only I/O is the optional page
fetch, passed in as a function so that the refresher controls clients, limits and hosts.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from reader.errors import BroadsheetError, ExtractionError
from reader.models import Extracted, SourceKind
from reader.sources.feeds import FeedItem
from reader.sources.web import FetchedPage

# Query parameters that only track the reader; two links differing only in these are one story.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "at_medium")
MAX_KEY = 2_000
PageFetcher = Callable[[str], FetchedPage]


def normalise_url(url: str) -> str:
    """A canonical form of ``url`` for de-duplication: lower-case host, no fragment or tracking."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()[:MAX_KEY]
    scheme = parts.scheme.lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    path = parts.path or "/"
    # http and https copies of one story are the same story.
    return urlunsplit(("https" if scheme == "http" else scheme, host, path, urlencode(query), ""))[
        :MAX_KEY
    ]


def item_keys(item: FeedItem, feed_url: str) -> list[str]:
    """The keys that identify ``item`` across refreshes and feeds (guid and link, normalised)."""
    keys: list[str] = []
    if item.link:
        keys.append("url:" + normalise_url(item.link))
    guid = (item.guid or "").strip()
    if guid:
        low = guid.lower()
        if low.startswith(("http://", "https://")):
            key = "url:" + normalise_url(guid)
        elif low.startswith(("tag:", "urn:")):
            key = "guid:" + guid  # globally unique by design
        else:
            key = f"guid:{normalise_url(feed_url)}|{guid}"  # "1234" is only unique in its feed
        if key not in keys:
            keys.append(key[:MAX_KEY])
    if not keys:
        import hashlib

        digest = hashlib.sha256(
            "\x1f".join((feed_url, item.title, item.summary[:2000], item.content[:2000])).encode()
        ).hexdigest()
        keys.append("hash:" + digest)
    return keys


def item_source(item: FeedItem, feed_url: str) -> str:
    """The ``source`` an item is stored under: its link, else the feed URL and its guid."""
    if item.link:
        return item.link
    return f"{feed_url}#{item.guid or item.title[:200]}"


def _with_standfirst(body: str, summary: str) -> str:
    """Put a short summary first when the body does not already start with it."""
    if not summary or len(summary) > 600 or "\n\n" in summary:
        return body
    probe = summary[:60].rstrip(". …")
    return body if probe in body[:2000] else f"{summary}\n\n{body}"


def item_to_extracted(
    item: FeedItem,
    *,
    outlet: str | None,
    fetch_full_page: bool,
    fetch: PageFetcher | None = None,
) -> tuple[Extracted, str | None]:
    """The article for one feed item, and a note when the linked page could not be used.

    Full content in the feed wins. A summary-only item fetches and cleans its linked page
    when ``fetch_full_page`` (falling back to the summary if that fails).

    Raises:
        ExtractionError: the item has no text at all.
    """
    title = item.title or "(untitled)"

    def article(body: str, standfirst: str | None = None) -> Extracted:
        return Extracted(
            title=title,
            body=body,
            outlet=outlet,
            byline=item.author,
            published=item.published,
            tags=list(item.tags),
            url=item.link,
            kind=SourceKind.FEED,
            standfirst=standfirst,
        )

    if item.content:
        body = _with_standfirst(item.content, item.summary)
        return article(body, item.summary if body != item.content else None), None
    note: str | None = None
    if fetch_full_page and item.link and fetch is not None:
        try:
            return _from_page(item, fetch, outlet), None
        except BroadsheetError as exc:
            note = f"page not used ({exc.message})"
        except Exception as exc:  # a cleaner bug on the page must not cost the summary
            note = f"page not used (internal error: {type(exc).__name__})"
    if item.summary:
        return article(item.summary), note
    raise ExtractionError(note or "the item has a title but no text", item.link or title)


def _from_page(item: FeedItem, fetch: PageFetcher, outlet: str | None) -> Extracted:
    from reader.extract import extract

    assert item.link is not None
    page = fetch(item.link)
    found = extract(page.data, page.final_url, source=item.link, charset=page.charset)
    tags = list(dict.fromkeys([*item.tags, *found.tags]))
    return Extracted(
        title=item.title or found.title,
        body=found.body,
        outlet=found.outlet or outlet,
        byline=found.byline or item.author,
        published=item.published or found.published,
        tags=tags,
        url=item.link,
        kind=SourceKind.HTML,
        standfirst=found.standfirst,
        language=found.language,
    )


__all__ = ["item_keys", "item_source", "item_to_extracted", "normalise_url"]
