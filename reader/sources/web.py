"""Fetch one URL over HTTP(S) safely: http/https only, capped sizes, timeouts, retries.

Redirects are followed here, hop by hop, so that every hop is checked (no file://, at most
five). Bodies are decompressed by us while streaming, so a compressed bomb stops at the cap
instead of filling memory. Every failure is a :class:`~reader.errors.FetchError` whose one-line
message names the reason and whose ``title`` is the URL asked for.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit

from reader.errors import FetchError
from reader.sanitize import clean_line
from reader.sources.decoding import StreamDecoder

if TYPE_CHECKING:
    import httpx

MB = 1024 * 1024
USER_AGENT = "Broadsheet/0.1 (terminal news reader)"
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUSES = {429, 503}
# Content types a page may have; a missing or generic type is decided by the bytes later.
_PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain", ""}
_GENERIC_TYPES = {"application/octet-stream", "binary/octet-stream"}
_FEED_TYPE_WORDS = ("xml", "rss", "atom", "rdf")

FetchKind = Literal["page", "feed", "any"]


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Caps and patience for one fetch; configurable per call."""

    max_bytes: int = 5 * MB
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 120.0
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 60.0
    user_agent: str = USER_AGENT


PAGE_LIMITS = FetchLimits()
FEED_LIMITS = FetchLimits(max_bytes=64 * MB)


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """The body and the headers that matter of one successful fetch (or a 304)."""

    url: str
    final_url: str
    data: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    status: int

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional request: nothing new, no body."""
        return self.status == HTTPStatus.NOT_MODIFIED


def check_url(url: str, *, title: str | None = None) -> str:
    """Return ``url`` stripped when it is an absolute http(s) URL; raise FetchError otherwise."""
    url = url.strip()
    name = title or clean_line(url)[:500]
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"invalid URL: {clean_line(str(exc))}", name) from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        shown = f"{scheme}://" if scheme else "a URL without a scheme"
        raise FetchError(f"only http and https URLs can be fetched, not {shown}", name)
    if not parts.hostname:
        raise FetchError("invalid URL: no host name", name)
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise FetchError("invalid URL: it contains spaces or control characters", name)
    return url


def _media_type(header: str) -> tuple[str, str | None]:
    """Split a Content-Type header into its lower-case media type and charset."""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")[:40]
    return media.strip().lower(), charset


def _check_type(media: str, kind: FetchKind) -> None:
    """Refuse a body whose declared type cannot be what we asked for (before reading it)."""
    if kind == "any" or media in _GENERIC_TYPES:
        return
    if kind == "page":
        if media in _PAGE_TYPES or media.endswith(("+xml", "/xml")):
            # A feed served to `add` is named by the extract stage with a better hint.
            return
        raise FetchError(f"not HTML: the server sent {clean_line(media)[:80]}")
    if media.startswith("text/") or any(word in media for word in _FEED_TYPE_WORDS):
        return
    if media.startswith(("image/", "audio/", "video/", "font/")) or media in {
        "application/pdf",
        "application/zip",
        "application/gzip",
    }:
        raise FetchError(f"not a feed: the server sent {clean_line(media)[:80]}")


def _retry_delay(response: httpx.Response, attempt: int, limits: FetchLimits) -> float:
    """Seconds to wait before retrying: Retry-After when given, else exponential back-off."""
    header = response.headers.get("retry-after", "").strip()
    if header:
        seconds: float | None = None
        if header.isdigit():
            seconds = float(header)
        else:
            try:
                when = parsedate_to_datetime(header)
                seconds = max(0.0, when.timestamp() - time.time())
            except (TypeError, ValueError, IndexError):
                seconds = None
        if seconds is not None:
            if seconds > limits.max_retry_after:
                raise FetchError(
                    f"HTTP {response.status_code}: the server asks to retry after "
                    f"{int(seconds)} s (more than {int(limits.max_retry_after)} s)"
                )
            return seconds
    return float(limits.backoff * (2**attempt))


def _status_error(status: int) -> FetchError:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "error"
    return FetchError(f"HTTP {status} {phrase}")


def _network_error(exc: Exception, limits: FetchLimits) -> FetchError:
    """Name a transport failure in words: DNS, refused, timeout, TLS."""
    import httpx

    text = clean_line(str(exc))
    low = text.lower()
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError(f"timed out connecting (after {limits.connect_timeout:g} s)")
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"timed out waiting for the server (after {limits.read_timeout:g} s)")
    if any(
        word in low
        for word in ("name or service not known", "nodename nor servname", "getaddrinfo")
    ) or ("name resolution" in low or "no address associated" in low):
        return FetchError("DNS lookup failed: no such host")
    if "refused" in low:
        return FetchError("connection refused")
    if "ssl" in low or "certificate" in low or "tls" in low:
        reason = "certificate verify failed" if "certificate" in low else text[:120]
        return FetchError(f"TLS error: {reason}")
    if isinstance(exc, httpx.RemoteProtocolError):
        return FetchError(f"the server broke the connection: {text[:120]}")
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return FetchError(f"invalid URL: {text[:120]}")
    return FetchError(f"network error ({type(exc).__name__}): {text[:120]}")


def _read_body(
    response: httpx.Response, limits: FetchLimits, deadline: float, cancel: threading.Event | None
) -> bytes:
    """Stream, decompress and cap the body; the cap counts decompressed bytes."""
    encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",")]
    encodings = [e for e in encodings if e and e != "identity"]
    if len(encodings) > 1:
        raise FetchError("unsupported content encoding (several layers)")
    decoder = StreamDecoder(encodings[0] if encodings else "")
    length = response.headers.get("content-length", "")
    if not encodings and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"too large: {_size(int(length))} (the limit is {_cap(limits)})")
    body = bytearray()
    for raw in response.iter_raw():
        for piece in decoder.feed(raw):
            body += piece
            if len(body) > limits.max_bytes:
                raise FetchError(f"too large: more than {_cap(limits)}")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out: the download took more than {limits.total_timeout:g} s")
        if cancel is not None and cancel.is_set():
            raise FetchError("cancelled")
    return bytes(body)


def _cap(limits: FetchLimits) -> str:
    return _size(limits.max_bytes)


def _size(count: int) -> str:
    if count >= MB:
        return f"{count / MB:.3g} MB"
    return f"{count:,} bytes"


def make_client(limits: FetchLimits = PAGE_LIMITS) -> httpx.Client:
    """An httpx client set up for :func:`fetch_page` (share one across many fetches)."""
    import httpx

    return httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(
            limits.read_timeout, connect=limits.connect_timeout, pool=limits.total_timeout
        ),
        headers={"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate"},
        limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
    )


def fetch_page(
    url: str,
    *,
    limits: FetchLimits = PAGE_LIMITS,
    kind: FetchKind = "page",
    etag: str | None = None,
    last_modified: str | None = None,
    client: httpx.Client | None = None,
    cancel: threading.Event | None = None,
) -> FetchedPage:
    """Fetch ``url`` and return its body, or a 304 answer when ``etag``/``last_modified`` match.

    Raises:
        FetchError: bad URL or redirect, DNS, refused, timeout, TLS, 4xx/5xx, too large,
            wrong content type; ``title`` is ``url``.
    """
    name = clean_line(url)[:500]
    url = check_url(url, title=name)
    owned = client is None
    http = make_client(limits) if client is None else client
    try:
        return _fetch(url, http, limits, kind, etag, last_modified, cancel)
    except FetchError as exc:
        raise FetchError(exc.message, name) from None
    finally:
        if owned:
            http.close()


def _fetch(
    url: str,
    http: httpx.Client,
    limits: FetchLimits,
    kind: FetchKind,
    etag: str | None,
    last_modified: str | None,
    cancel: threading.Event | None,
) -> FetchedPage:
    import httpx

    deadline = time.monotonic() + limits.total_timeout
    # Per request, so one shared client can serve feeds and pages with their own limits.
    timeout = httpx.Timeout(
        limits.read_timeout, connect=limits.connect_timeout, pool=limits.total_timeout
    )
    headers = {"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate"}
    if kind == "feed":
        headers["Accept"] = (
            "application/rss+xml, application/atom+xml, application/rdf+xml, "
            "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
        )
    elif kind == "page":
        headers["Accept"] = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1"
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    visited = {url}
    hops = 0
    attempt = 0
    while True:
        if cancel is not None and cancel.is_set():
            raise FetchError("cancelled")
        try:
            request = http.build_request("GET", current, headers=headers, timeout=timeout)
            response = http.send(request, stream=True)
        except httpx.InvalidURL as exc:
            # httpx parses a redirect's Location even when not following it.
            reason = clean_line(str(exc))[:120]
            raise FetchError(f"invalid URL or redirect target refused: {reason}") from None
        except httpx.HTTPError as exc:
            raise _network_error(exc, limits) from None
        try:
            status = response.status_code
            if status in _REDIRECTS:
                target = _redirect_target(response, current)
                hops += 1
                if target in visited:
                    raise FetchError("redirect loop")
                if hops > limits.max_redirects:
                    raise FetchError(f"too many redirects (more than {limits.max_redirects})")
                visited.add(target)
                current = target
                continue
            if status in _RETRY_STATUSES and attempt < limits.retries:
                delay = _retry_delay(response, attempt, limits)
                attempt += 1
                if time.monotonic() + delay > deadline:
                    raise _status_error(status)
                if cancel is not None:
                    if cancel.wait(delay):
                        raise FetchError("cancelled")
                else:
                    time.sleep(delay)
                continue
            if status == HTTPStatus.NOT_MODIFIED:
                return FetchedPage(url, current, b"", "", None, etag, last_modified, status)
            if status >= 400 or status < 200:
                raise _status_error(status)
            media, charset = _media_type(response.headers.get("content-type", ""))
            _check_type(media, kind)
            data = _read_body(response, limits, deadline, cancel)
            return FetchedPage(
                url=url,
                final_url=current,
                data=data,
                content_type=media,
                charset=charset,
                etag=_header(response, "etag"),
                last_modified=_header(response, "last-modified"),
                status=status,
            )
        except httpx.HTTPError as exc:
            raise _network_error(exc, limits) from None
        finally:
            response.close()


def _header(response: httpx.Response, name: str) -> str | None:
    value = clean_line(response.headers.get(name, ""))[:500]
    return value or None


def _redirect_target(response: httpx.Response, current: str) -> str:
    """The checked, absolute URL a redirect points to."""
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError(f"HTTP {response.status_code} redirect without a Location")
    target = urljoin(current, location)
    scheme = urlsplit(target).scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchError(f"redirect to a {clean_line(scheme)[:20]}:// URL refused")
    try:
        return check_url(target)
    except FetchError as exc:
        raise FetchError(f"bad redirect: {exc.message}") from None


__all__ = [
    "FEED_LIMITS",
    "PAGE_LIMITS",
    "FetchLimits",
    "FetchedPage",
    "check_url",
    "fetch_page",
    "make_client",
]
