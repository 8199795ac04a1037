"""Hostile input on the command line and out of it: URLs, ids, refresh, extract, exports.

The companion of test_hostile_injection.py: what arrives by other doors (a refreshed feed,
stdin, odd ids, exported Markdown) must print and store no control character and carry no
live markup.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_fixtures import (
    assert_library_clean,
    assert_output_clean,
    hostile_feed,
    hostile_html,
    hostile_text,
    write_raw,
)
from hostile_lib import (
    ROOT,
    CliRunner,
    cli_env,
    distinct_paragraph,
    hostile,
)

from reader.library.store import Library
from reader.models import Extracted


def test_hostile_urls_and_paths_on_the_command_line_fail_on_one_clean_line(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    library = str(tmp_path / "lib.sqlite3")
    for source in (
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://127.0.0.1:9/\x1b]2;pwned\x07",
        "ftp://example.org/\u202efile",
        str(tmp_path / "missing\x1b[2J\u202e.html"),
    ):
        done = run_cli("--library", library, "add", source, timeout=60)
        assert done.returncode == 1, (source, done.stdout)
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("broadsheet: ") and done.stderr.count("\n") == 1, done.stderr
        assert_output_clean(done.stdout + done.stderr)
        assert "root:x:0:0" not in done.stdout + done.stderr
    with Library(library) as lib:
        assert lib.total() == 0


def test_refresh_of_a_hostile_feed_stores_and_prints_no_controls(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path.split("?")[0])
            if body is None:
                self.send_error(404)
                return
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    # Full-content items, and summary-only items whose linked page is fetched and cleaned.
    feed = hostile_feed(4).replace("https://feed.example.org/", f"{base}/story/")
    summary_only = "".join(
        f"<item><title>Short {n} {hostile(n + 4)}</title><link>{base}/page/{n}</link>"
        f"<description>Teaser {hostile(n)}</description></item>"
        for n in range(3)
    )
    feed = feed.replace("</channel>", f"{summary_only}</channel>")
    pages["/feed.xml"] = feed.encode("utf-8")
    for n in range(3):
        pages[f"/page/{n}"] = hostile_html(n + 10).encode("utf-8")
    library = str(tmp_path / "lib.sqlite3")
    try:
        outputs = [
            run_cli("--library", library, "feed", "add", f"{base}/feed.xml"),
            run_cli("--library", library, "refresh", "-v"),
            run_cli("--library", library, "refresh", "--json"),
            run_cli("--library", library, "feed", "list"),
            run_cli("--library", library, "list"),
        ]
    finally:
        server.shutdown()
        server.server_close()
    for done in outputs:
        assert done.returncode == 0, (done.args, done.stderr)
        assert "Traceback" not in done.stderr
        assert_output_clean(done.stdout + done.stderr)
    assert assert_library_clean(Path(library)) >= 5
    with Library(Path(library)) as lib:
        (feed_row,) = lib.feeds()
        kinds = {article.kind.value for article in lib.iter_articles()}
    assert feed_row.title and feed_row.title.startswith("Feed")
    assert "feed" in kinds or "html" in kinds


@pytest.mark.parametrize(
    "command",
    [
        ["show", "99999999999999999999"],
        ["bookmark", "99999999999999999999"],
        ["unbookmark", "-99999999999999999999"],
        ["feed", "remove", "99999999999999999999"],
        ["show", "9223372036854775808"],
        ["show", "\x1b[2J1"],
    ],
)
def test_absurd_ids_are_clear_errors(
    tmp_path: Path, run_cli: CliRunner, command: list[str]
) -> None:
    done = run_cli("--library", str(tmp_path / "lib.sqlite3"), *command)
    assert done.returncode == 1, (command, done.stdout, done.stderr)
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.startswith("broadsheet: ") and done.stderr.count("\n") == 1
    assert_output_clean(done.stderr)


def test_extract_prints_hostile_pages_without_controls(tmp_path: Path, run_cli: CliRunner) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for index in range(3):
        write_raw(folder / f"page{index}\x1b]2;pwned\x07.html", hostile_html(index))
        write_raw(folder / f"dump{index}.txt", hostile_text(index))
    write_raw(folder / "feed.xml", hostile_feed(3))
    for extra in ([], ["--json"], ["--body-only"]):
        done = run_cli("extract", str(folder), *extra)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert_output_clean(done.stdout + done.stderr)
        assert "resume" in done.stdout or extra == ["--body-only"]
    listed = subprocess.run(
        [sys.executable, "-m", "tui.cli", "add", "-"],
        input=f"{folder}/page0\x1b]2;pwned\x07.html\n\x1b[2Jmissing.html\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli_env(BROADSHEET_LIBRARY=str(tmp_path / "lib.sqlite3")),
        timeout=60,
    )
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    assert_output_clean(listed.stdout + listed.stderr)


def test_markdown_export_has_no_live_markdown_from_articles(tmp_path: Path) -> None:
    from reader.export import export_markdown
    from reader.models import Annotations, Quote

    evil = "[click](javascript:alert(1)) <img src=x onerror=alert(1)> `code` *em*"
    body = f"# Not a heading {evil}\n\n\u201cWe stay {evil}\u201d she said."
    start, end = body.index("\u201c"), body.index("\u201d") + 1
    path = tmp_path / "lib.sqlite3"
    with Library(path) as library:
        for n, url in enumerate((None, "javascript:alert(1)")):
            library.store(
                Extracted(
                    title=f"Title {n} {evil}",
                    body=body + f" {distinct_paragraph(n)}",
                    outlet=f"> {evil}",
                    byline=evil,
                    tags=[evil],
                ),
                Annotations(quotes=(Quote(body[start:end], start, end, evil),)),
                source=f"/tmp/name{n}\n## Injected heading {evil}.html",
                url=url,
            )
        text = export_markdown(list(library.iter_articles()))
    assert "Injected heading" in text  # the words are kept, as inert text
    assert not any(line.startswith(("## Injected", ">", "# Not")) for line in text.splitlines())
    for live in (
        r"(?<!\\)\[click",
        r"(?<!\\)<img",
        r"(?<!\\)`code",
        r"(?<!\\)\*em",
        "<javascript:",
    ):
        assert not re.search(live, text), live
    assert "\\[click\\]" in text and "\\<img" in text


def test_only_web_links_are_stored_as_article_urls(tmp_path: Path) -> None:
    from reader.models import Annotations

    with Library(tmp_path / "lib.sqlite3") as library:
        for n, url in enumerate(
            (
                "javascript:alert(1)",
                "file:///etc/passwd",
                " data:text/html,x",
                "HTTPS://ok.example/a",
            )
        ):
            stored = library.store(
                Extracted(title=f"T{n}", body=distinct_paragraph(n + 900)),
                Annotations(),
                source=f"/s/{n}",
                url=url,
            )
            assert stored.article_id is not None
            got = library.get(stored.article_id).url
            assert got == (url if url.startswith("HTTPS") else None), (url, got)
