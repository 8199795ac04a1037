"""`broadsheet feed ...` and `broadsheet refresh` through tui.cli.main, against a local server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tui.cli import main

RSS = (
    '<?xml version="1.0"?><rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Quay Daily</title>'
    "<item><title>Tide gauge installed</title><link>https://quay.example/tide</link>"
    "<content:encoded><![CDATA[<p>A new tide gauge was fixed to the quay wall on Monday "
    "morning by the port engineers.</p><p>Readings go online every ten minutes.</p>]]>"
    "</content:encoded></item></channel></rss>"
)


def cli(tmp_path: Path, *argv: str) -> int:
    return main(["--library", str(tmp_path / "lib.sqlite3"), *argv])


def test_add_list_refresh_export_remove(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type="application/rss+xml")
    url = httpserver.url_for("/rss")
    assert cli(tmp_path, "feed", "add", url) == 0
    out = capsys.readouterr()
    assert f"Subscribed #1: Quay Daily ({url}), 1 item" in out.out
    assert "broadsheet refresh 1" in out.err

    assert cli(tmp_path, "feed", "add", url) == 0
    assert "Already subscribed #1" in capsys.readouterr().out

    assert cli(tmp_path, "refresh") == 0
    out = capsys.readouterr()
    assert "#1    Quay Daily: 1 new" in out.out
    assert "1 new article(s)" in out.err

    assert cli(tmp_path, "feed", "list", "--json") == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["url"] == url and listed["last_new_count"] == 1 and listed["last_error"] is None

    assert cli(tmp_path, "list", "--json") == 0
    (article,) = json.loads(capsys.readouterr().out)
    assert article["title"] == "Tide gauge installed"

    assert cli(tmp_path, "feed", "export") == 0
    assert f'xmlUrl="{url}"' in capsys.readouterr().out

    assert cli(tmp_path, "feed", "remove", "1") == 0
    assert "Unsubscribed #1: Quay Daily" in capsys.readouterr().out
    assert cli(tmp_path, "feed", "list") == 0
    assert "No subscriptions yet" in capsys.readouterr().err


def test_refresh_reports_a_failing_feed_and_exits_1(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type="application/rss+xml")
    httpserver.expect_request("/gone").respond_with_data("", status=410)
    from reader.library.store import Library

    with Library(tmp_path / "lib.sqlite3") as library:
        library.add_feed(httpserver.url_for("/gone"))
        library.add_feed(httpserver.url_for("/rss"))
    assert cli(tmp_path, "refresh") == 1
    out = capsys.readouterr()
    assert f"broadsheet: {httpserver.url_for('/gone')}: HTTP 410 Gone" in out.err
    assert "Quay Daily: 1 new" in out.out
    assert cli(tmp_path, "feed", "list") == 0
    assert "error: HTTP 410 Gone" in capsys.readouterr().out


def test_refresh_json_events(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type="application/rss+xml")
    url = httpserver.url_for("/rss")
    assert cli(tmp_path, "feed", "add", url) == 0
    capsys.readouterr()
    assert cli(tmp_path, "refresh", url, "--json") == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["event"] for e in events] == ["started", "item", "finished", "done"]
    assert events[1]["status"] == "added" and events[1]["title"] == "Tide gauge installed"


def test_import_opml_and_set(
    tmp_path: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = fixtures_dir / "feeds" / "opml" / "subscriptions.opml"
    assert cli(tmp_path, "feed", "import", str(opml)) == 0
    out = capsys.readouterr()
    assert out.out.count("Subscribed #") == 3
    assert "file:///etc/passwd: skipped" in out.err
    assert cli(tmp_path, "feed", "set", "2", "--full-pages", "off", "--title", "Valley") == 0
    assert "#2: Valley (full pages off)" in capsys.readouterr().out
    assert cli(tmp_path, "feed", "list") == 0
    assert "[summaries only]" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("feed", "add", "file:///etc/passwd"), "only http and https"),
        (("feed", "remove", "7"), "no such feed"),
        (("feed", "remove", "abc"), "not a feed id"),
        (("refresh", "https://not-subscribed.example/rss"), "no subscription"),
        (("feed", "import", "/no/such/file.opml"), "No such file"),
        (("feed", "import", "/dev/zero"), "not a regular file"),  # read, it would never end
    ],
)
def test_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    assert cli(tmp_path, *argv) == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.startswith("broadsheet: ") and err.count("\n") == 1


def test_feed_add_through_a_page(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (
        '<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
        '<link rel="alternate" type="application/atom+xml" href="/atom"></head>'
        "<body><p>Home</p></body></html>"
    )
    httpserver.expect_request("/").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type="application/rss+xml")
    assert cli(tmp_path, "feed", "add", httpserver.url_for("/")) == 0
    out = capsys.readouterr()
    assert f"Subscribed #1: Quay Daily ({httpserver.url_for('/rss')})" in out.out
    assert "offers 2 feeds" in out.err


def test_refresh_honours_the_fetch_caps_in_the_config_file(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[fetch]\nfeed_max_mb = 0.0001\n", encoding="utf-8")
    monkeypatch.setenv("BROADSHEET_CONFIG", str(config))
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type="application/rss+xml")
    from reader.library.store import Library

    with Library(tmp_path / "lib.sqlite3") as library:
        library.add_feed(httpserver.url_for("/rss"))
    assert cli(tmp_path, "refresh") == 1
    assert f"too large: {len(RSS)} bytes (the limit is 104 bytes)" in capsys.readouterr().err
    config.write_text("[fetch]\nfeed_max = 1\n", encoding="utf-8")
    assert cli(tmp_path, "refresh") == 1
    assert "[fetch] unknown key 'feed_max'" in capsys.readouterr().err
