"""fetch_page against a real HTTP server on 127.0.0.1: statuses, redirects, caps, timeouts."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from reader.errors import FetchError
from reader.sources.web import FetchLimits, check_url, fetch_page

HTML = b"<!doctype html><html><head><title>Hi</title></head><body><p>Hello there.</p></body></html>"
FAST = FetchLimits(connect_timeout=2, read_timeout=0.5, total_timeout=5, backoff=0.05)


def test_fetches_a_page_with_its_headers(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(
        HTML,
        content_type="text/html; charset=ISO-8859-1",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"},
    )
    page = fetch_page(httpserver.url_for("/page"), limits=FAST)
    assert page.data == HTML
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.charset == "ISO-8859-1"
    assert page.etag == '"v1"'
    assert page.last_modified == "Tue, 05 Mar 2024 10:00:00 GMT"
    assert page.final_url == page.url == httpserver.url_for("/page")
    assert not page.not_modified


def test_conditional_request_gets_304_as_not_modified(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        "/feed", headers={"If-None-Match": '"v1"', "If-Modified-Since": "Tue, 05 Mar 2024"}
    ).respond_with_data("", status=304)
    page = fetch_page(
        httpserver.url_for("/feed"),
        limits=FAST,
        kind="feed",
        etag='"v1"',
        last_modified="Tue, 05 Mar 2024",
    )
    assert page.not_modified
    assert page.data == b""
    assert page.etag == '"v1"'


@pytest.mark.parametrize(
    ("status", "words"),
    [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error"), (403, "HTTP 403")],
)
def test_http_errors_are_one_line_naming_the_url(
    httpserver: HTTPServer, status: int, words: str
) -> None:
    httpserver.expect_request("/x").respond_with_data("nope", status=status)
    url = httpserver.url_for("/x")
    with pytest.raises(FetchError) as info:
        fetch_page(url, limits=FAST)
    assert words in info.value.message
    assert info.value.title == url
    assert "\n" not in str(info.value)


def test_429_is_retried_after_the_delay_the_server_asks_for(httpserver: HTTPServer) -> None:
    calls: list[float] = []

    def handler(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(HTML, content_type="text/html")

    httpserver.expect_request("/busy").respond_with_handler(handler)
    page = fetch_page(httpserver.url_for("/busy"), limits=FAST)
    assert page.data == HTML
    assert len(calls) == 2
    assert calls[1] - calls[0] >= 0.9


def test_503_without_retry_after_backs_off_then_gives_up(httpserver: HTTPServer) -> None:
    calls: list[float] = []

    def handler(request: Request) -> Response:
        calls.append(time.monotonic())
        return Response("down", status=503)

    httpserver.expect_request("/down").respond_with_handler(handler)
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch_page(httpserver.url_for("/down"), limits=FAST)
    assert len(calls) == 1 + FAST.retries
    # Exponential: 0.05 s, then 0.1 s.
    assert calls[2] - calls[1] > calls[1] - calls[0] > 0.04


def test_retry_after_beyond_the_cap_fails_at_once(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/later").respond_with_data(
        "", status=429, headers={"Retry-After": "3600"}
    )
    started = time.monotonic()
    with pytest.raises(FetchError, match="retry after 3600 s"):
        fetch_page(httpserver.url_for("/later"), limits=FAST)
    assert time.monotonic() - started < 2


def test_a_slow_server_times_out(httpserver: HTTPServer) -> None:
    finished = threading.Event()

    def handler(request: Request) -> Response:
        time.sleep(1.5)
        finished.set()
        return Response(HTML, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(handler)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_page(httpserver.url_for("/slow"), limits=FAST)
    assert time.monotonic() - started < 1.4
    finished.wait(3)  # the test server is single-threaded: let it finish before the next test


def test_a_trickling_body_hits_the_total_deadline(httpserver: HTTPServer) -> None:
    def trickle() -> object:
        for _ in range(30):
            time.sleep(0.1)
            yield b"<p>drip</p>"

    httpserver.expect_request("/drip").respond_with_handler(
        lambda request: Response(trickle(), content_type="text/html")
    )
    limits = FetchLimits(read_timeout=1, total_timeout=0.6)
    with pytest.raises(FetchError, match="took more than"):
        fetch_page(httpserver.url_for("/drip"), limits=limits)


def test_redirect_chain_is_followed_and_reported(httpserver: HTTPServer) -> None:
    for hop in range(3):
        httpserver.expect_request(f"/r{hop}").respond_with_data(
            "", status=302, headers={"Location": f"/r{hop + 1}"}
        )
    httpserver.expect_request("/r3").respond_with_data(HTML, content_type="text/html")
    page = fetch_page(httpserver.url_for("/r0"), limits=FAST)
    assert page.url == httpserver.url_for("/r0")
    assert page.final_url == httpserver.url_for("/r3")
    assert page.data == HTML


def test_more_than_five_redirects_fail(httpserver: HTTPServer) -> None:
    for hop in range(7):
        httpserver.expect_request(f"/h{hop}").respond_with_data(
            "", status=301, headers={"Location": f"/h{hop + 1}"}
        )
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_page(httpserver.url_for("/h0"), limits=FAST)


def test_redirect_loop_is_named(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=307, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetch_page(httpserver.url_for("/a"), limits=FAST)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.org/x", "data:,hi"])
def test_redirect_to_another_scheme_is_refused(httpserver: HTTPServer, target: str) -> None:
    httpserver.expect_request("/evil").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    url = httpserver.url_for("/evil")
    with pytest.raises(FetchError, match="refused") as info:
        fetch_page(url, limits=FAST)
    assert info.value.title == url


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/", "example.org/page", "http://", ""]
)
def test_only_http_and_https_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchError):
        fetch_page(url, limits=FAST)
    with pytest.raises(FetchError):
        check_url(url)


def test_oversize_body_stops_at_the_cap(httpserver: HTTPServer) -> None:
    big = b"<p>" + b"x" * 300_000 + b"</p>"
    httpserver.expect_request("/big").respond_with_data(big, content_type="text/html")
    with pytest.raises(FetchError, match="too large"):
        fetch_page(httpserver.url_for("/big"), limits=FetchLimits(max_bytes=100_000))


def test_oversize_body_without_length_stops_while_streaming(httpserver: HTTPServer) -> None:
    sent: list[int] = []

    def endless() -> object:
        for _ in range(10_000):
            sent.append(1)
            yield b"<p>" + b"y" * 8192 + b"</p>"

    httpserver.expect_request("/stream").respond_with_handler(
        lambda request: Response(endless(), content_type="text/html")
    )
    with pytest.raises(FetchError, match="too large"):
        fetch_page(httpserver.url_for("/stream"), limits=FetchLimits(max_bytes=200_000))
    assert len(sent) < 10_000  # we hung up long before the server finished


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compression_bomb_stops_at_the_decompressed_cap(
    httpserver: HTTPServer, encoding: str
) -> None:
    payload = b"<p>" + b"\0" * (50 * 1024 * 1024) + b"</p>"  # 50 MB that squeezes to ~50 KB
    body = gzip.compress(payload) if encoding == "gzip" else zlib.compress(payload, 9)
    assert len(body) < 200_000
    httpserver.expect_request("/bomb").respond_with_data(
        body, content_type="text/html", headers={"Content-Encoding": encoding}
    )
    with pytest.raises(FetchError, match="too large: more than 1 MB"):
        fetch_page(httpserver.url_for("/bomb"), limits=FetchLimits(max_bytes=1024 * 1024))


def test_compressed_bodies_are_decoded(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(HTML), content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    raw_deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = raw_deflate.compress(HTML) + raw_deflate.flush()
    httpserver.expect_request("/raw").respond_with_data(
        deflated, content_type="text/html", headers={"Content-Encoding": "deflate"}
    )
    assert fetch_page(httpserver.url_for("/gz"), limits=FAST).data == HTML
    assert fetch_page(httpserver.url_for("/raw"), limits=FAST).data == HTML


def test_corrupt_gzip_is_a_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/bad").respond_with_data(
        b"\x1f\x8bnot really gzip", content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="corrupt"):
        fetch_page(httpserver.url_for("/bad"), limits=FAST)


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "video/mp4"])
def test_wrong_content_type_for_a_page(httpserver: HTTPServer, content_type: str) -> None:
    httpserver.expect_request("/img").respond_with_data(b"\x89PNG....", content_type=content_type)
    with pytest.raises(FetchError, match=f"not HTML: the server sent {content_type}"):
        fetch_page(httpserver.url_for("/img"), limits=FAST)
    with pytest.raises(FetchError, match="not a feed"):
        fetch_page(httpserver.url_for("/img"), limits=FAST, kind="feed")


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/octet-stream", "application/xhtml+xml"]
)
def test_lenient_content_types_for_a_page(httpserver: HTTPServer, content_type: str) -> None:
    httpserver.expect_request("/p").respond_with_data(HTML, content_type=content_type)
    assert fetch_page(httpserver.url_for("/p"), limits=FAST).data == HTML


def test_feed_served_as_text_html_is_still_fetched_as_a_feed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/f").respond_with_data(b"<rss/>", content_type="text/html")
    assert fetch_page(httpserver.url_for("/f"), kind="feed", limits=FAST).data == b"<rss/>"


def test_connection_refused_is_named() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="connection refused") as info:
        fetch_page(f"http://127.0.0.1:{port}/", limits=FAST)
    assert info.value.title == f"http://127.0.0.1:{port}/"


def test_dns_failure_is_named() -> None:
    # .invalid never resolves (RFC 2606); the lookup fails locally, no traffic leaves.
    with pytest.raises(FetchError, match="DNS lookup failed"):
        fetch_page("http://no-such-host.invalid/", limits=FAST)


def test_tls_failure_is_named(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(HTML, content_type="text/html")
    # Speaking TLS to a plain-HTTP server fails the handshake.
    url = httpserver.url_for("/").replace("http://", "https://")
    with pytest.raises(FetchError, match="TLS error"):
        fetch_page(url, limits=FAST)


def test_cancel_stops_a_retry_wait(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/wait").respond_with_data(
        "", status=503, headers={"Retry-After": "20"}
    )
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(FetchError, match="cancelled"):
        fetch_page(
            httpserver.url_for("/wait"), limits=FetchLimits(max_retry_after=30), cancel=cancel
        )
    assert time.monotonic() - started < 3
