"""Terminal and markup injection: no control character is stored or printed, no markup is read.

The library is filled two ways: through ``Library.store`` with every field decorated (the
stored-string check), and through the real ingest path from hostile HTML, text, RSS and
OPML files with hostile names (`broadsheet add`, `broadsheet feed import`). Then `list`,
`show`, `export` and `feed list` run as real processes and their output is searched for
ESC, C1, BEL and bidi characters; the markup strings must print literally. The TUI's own
widget tests (tests/tui) cover markup inside the app; here the real app runs in tmux.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_lib import (
    CONTROLS,
    MARKUP,
    PWNED_TITLE,
    ROOT,
    CliRunner,
    cli_env,
    distinct_paragraph,
    hostile,
    suspects,
)

from reader.library.store import Library
from reader.models import Article, Extracted

# Styles in `show` with colour forced are the only escape sequences allowed in output.
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def article_strings(article: Article) -> Iterator[tuple[str, str]]:
    """Every string of an article with the name of its field."""
    for name in ("source", "url", "title", "outlet", "byline", "body"):
        value = getattr(article, name)
        if value is not None:
            yield name, value
    yield from (("tags", t) for t in article.tags)
    yield from (("countries", c) for c in article.countries)
    for person in article.people:
        yield "people.text", person.text
        yield "people.canonical", person.canonical
    for place in article.places:
        yield "places.text", place.text
        yield "places.kind", place.kind
        if place.country:
            yield "places.country", place.country
    for quote in article.quotes:
        yield "quotes.text", quote.text
        if quote.speaker:
            yield "quotes.speaker", quote.speaker


def assert_library_clean(path: Path) -> int:
    """Every stored string of every article and feed is free of controls; offsets are valid."""
    seen = 0
    with Library(path) as library:
        for article in library.iter_articles():
            seen += 1
            for name, value in article_strings(article):
                assert not suspects(value), (article.id, name, value)
            for span in (*article.people, *article.places, *article.quotes):
                assert 0 <= span.start < span.end <= len(article.body)
                assert article.body[span.start : span.end] == span.text
        for summary in library.summaries(limit=10_000):
            for value in (summary.title, summary.outlet or "", *summary.countries):
                assert not suspects(value), (summary.id, value)
        for feed in library.feeds():
            for value in (feed.url, feed.title or "", feed.last_error or ""):
                assert not suspects(value), (feed.id, value)
    return seen


def assert_output_clean(text: str, *, allow_sgr: bool = False) -> None:
    """No escape sequence (beyond colour styles when allowed), C1, BEL or bidi control."""
    if allow_sgr:
        text = _SGR.sub("", text)
    found = suspects(text.replace("\t", " "))
    assert not found, f"control characters reached the output: {found}"


# -- stored strings ------------------------------------------------------------------------


def test_every_stored_string_is_stripped_at_store(hostile_library: tuple[Path, list[int]]) -> None:
    path, ids = hostile_library
    assert assert_library_clean(path) == len(ids)
    with Library(path) as library:
        article = library.get(ids[0])
    # Stripped, not dropped: the readable text and every annotation survive.
    assert article.title.startswith("Harbour talks") and "resume" in article.title
    assert "[/]" in article.title or "[b]x" in article.title
    assert article.people and article.places and article.quotes
    assert article.countries == ("Turkey",)


def _hostile_html(index: int) -> str:
    mark = hostile(index)
    paragraphs = "".join(
        f"<p>Paragraph {n} about the harbour talks {mark} in Ankara, where ministers from "
        f"several countries met again to argue over shipping lanes and fees. {MARKUP[n % 8]}</p>"
        for n in range(6)
    )
    paragraphs += f"<p>{distinct_paragraph(index)}</p>"
    return (
        "<html><head>"
        f"<title>{PWNED_TITLE} {mark}</title>"
        f'<meta property="og:site_name" content="Outlet {hostile(index + 1)}">'
        f'<meta name="author" content="Reporter {hostile(index + 2)}">'
        f'<meta name="keywords" content="{hostile(index + 3)}, plain tag">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        f'<link rel="canonical" href="https://hostile.example.org/{index}/\x1b[2J">'
        f"</head><body><article><h1>{PWNED_TITLE} {mark}</h1>"
        f'<p class="byline">By Reporter {CONTROLS[index % len(CONTROLS)]}</p>'
        f"{paragraphs}</article></body></html>"
    )


def _hostile_feed(count: int) -> str:
    items = "".join(
        f"<item><title>Item {n} {hostile(n)}</title>"
        f"<link>https://feed.example.org/{n}</link><guid>g-{n}\x1b[2J</guid>"
        f"<author>Writer {hostile(n + 1)}</author><category>{hostile(n + 2)}</category>"
        f"<description><![CDATA[<p>Body of item {n} {hostile(n + 3)} with enough words to be "
        f"an article about ports and ships. {distinct_paragraph(n + 200)}</p>]]></description>"
        "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {hostile(7)}</title><link>https://feed.example.org/</link>"
        f"{items}</channel></rss>"
    )


def _hostile_text(index: int) -> str:
    mark = hostile(index)
    lines = [
        "Home | World | Business",
        f"{PWNED_TITLE} {mark}",
        f"By Reporter {CONTROLS[index % len(CONTROLS)]}",
        "5 Mar 2024 10:00",
        "",
    ]
    lines += [
        f"Paragraph {n} of a plain dump {mark} about the harbour talks, with ministers "
        f"arguing over fees and lanes for a long time. {MARKUP[n % 8]}"
        for n in range(6)
    ]
    lines.append(distinct_paragraph(index + 100))
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> Path:
    # XML and HTML cannot carry raw C0 controls legally; the files carry them anyway.
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


@pytest.fixture
def ingested_library(
    tmp_path: Path, run_cli: CliRunner
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A library filled by `broadsheet add` from hostile files with hostile names."""
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(4):
        _write(folder / f"page{index}\x1b]2;pwned\x07.html", _hostile_html(index))
        _write(folder / f"dump{index}\u202e.txt", _hostile_text(index))
    _write(folder / "feed\x1b[2J.xml", _hostile_feed(5))
    (folder / "not-an-article\x1b[31m.pdf.html").write_bytes(b"%PDF-1.4\n\x00\x01\x02")
    library = tmp_path / "lib.sqlite3"
    added = run_cli("--library", str(library), "add", str(folder))
    # Feed titles and URLs from an OPML file: XML forbids C0 controls, not C1 or bidi ones.
    outlines = "".join(
        f'<outline type="rss" text="Feed {n} \x9b2J\x9d2;pwned\x9c {MARKUP[n]} \u202eevil" '
        f'xmlUrl="https://feeds.example.org/{n}/\u202e\x85rss"/>'
        for n in range(len(MARKUP))
    )
    opml = tmp_path / "subs\x1b[2J.opml"
    _write(opml, f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
    imported = run_cli("--library", str(library), "feed", "import", str(opml))
    assert imported.returncode == 0, imported.stderr
    assert_output_clean(imported.stdout + imported.stderr)
    return library, added


def test_ingest_strips_every_field_and_file_name(
    ingested_library: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    library, added = ingested_library
    assert added.returncode == 1, added.stderr  # the fake PDF fails, the rest goes in
    assert "Traceback" not in added.stderr
    assert_output_clean(added.stdout + added.stderr)
    assert assert_library_clean(library) >= 9
    with Library(library) as lib:
        titles = [s.title for s in lib.summaries()]
        feeds = lib.feeds()
    assert any("resume" in t and "today" in t for t in titles), titles
    assert len(feeds) == len(MARKUP)
    assert any(MARKUP[0] in (feed.title or "") for feed in feeds)


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


def test_list_show_export_print_no_controls_and_markup_literally(
    ingested_library: tuple[Path, subprocess.CompletedProcess[str]],
    hostile_library: tuple[Path, list[int]],
    run_cli: CliRunner,
) -> None:
    for library in (ingested_library[0], hostile_library[0]):
        lib = str(library)
        outputs = [
            run_cli("--library", lib, "list"),
            run_cli("--library", lib, "list", "--json"),
            run_cli("--library", lib, "export"),
            run_cli("--library", lib, "export", "--format", "json"),
            run_cli("--library", lib, "feed", "list"),
            run_cli("--library", lib, "feed", "list", "--json"),
            run_cli("--library", lib, "export", "--format", "opml"),
        ]
        with Library(library) as opened:
            ids = opened.ids()
        for number in ids:
            outputs.append(run_cli("--library", lib, "show", str(number)))
            outputs.append(run_cli("--library", lib, "show", str(number), "--json"))
        for done in outputs:
            assert done.returncode == 0, (done.args, done.stderr)
            assert_output_clean(done.stdout + done.stderr)
        coloured = run_cli("--library", lib, "show", str(ids[0]), FORCE_COLOR="1", TERM="xterm")
        assert coloured.returncode == 0 and "\x1b[" in coloured.stdout
        assert_output_clean(coloured.stdout, allow_sgr=True)


@pytest.mark.parametrize("markup", MARKUP)
def test_markup_prints_literally(tmp_path: Path, run_cli: CliRunner, markup: str) -> None:
    from reader.models import Annotations, PersonMention

    body = f"The harbour note read {markup} and nothing else happened that day at all."
    person = "Ali Demir"
    body += f"\n\n{person} said the note {markup} was odd."
    start = body.index(person)
    path = tmp_path / "markup.sqlite3"
    with Library(path) as library:
        stored = library.store(
            Extracted(
                title=f"Title {markup} end", body=body, outlet=markup, byline=markup, tags=[markup]
            ),
            Annotations(people=(PersonMention(person, start, start + len(person), person),)),
            source=f"/tmp/{markup}.html",
        )
    number = str(stored.article_id)
    shown = run_cli("--library", str(path), "show", number)
    listed = run_cli("--library", str(path), "list")
    coloured = run_cli("--library", str(path), "show", number, FORCE_COLOR="1", TERM="xterm")
    exported = run_cli("--library", str(path), "export")
    for done in (shown, listed, coloured, exported):
        assert done.returncode == 0, done.stderr
    assert f"Title {markup} end" in shown.stdout
    assert f"read {markup} and nothing" in shown.stdout
    assert f"Title {markup} end" in listed.stdout
    plain = _SGR.sub("", coloured.stdout)
    assert f"Title {markup} end" in plain and f"read {markup} and nothing" in plain
    assert "Title" in exported.stdout  # Markdown escapes brackets; it must not crash


def test_clean_line_and_rich_text_never_read_markup() -> None:
    """The rule the CLI and TUI follow: article text goes into ``Text``, never markup."""
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    from reader.sanitize import clean_line

    for markup in MARKUP:
        for control in CONTROLS:
            buffer = StringIO()
            console = Console(file=buffer, width=200, color_system=None, markup=False)
            console.print(Text(clean_line(f"a {markup} {control} b")))
            printed = buffer.getvalue()
            assert f"a {markup}" in printed
            assert_output_clean(printed)


# -- the real app in tmux --------------------------------------------------------------------


def _tmux(*args: str, server: str) -> str:
    done = subprocess.run(
        ["tmux", "-L", server, *args], capture_output=True, text=True, timeout=20, check=False
    )
    return done.stdout


@pytest.mark.slow
def test_real_app_in_tmux_keeps_the_terminal_title_and_screen(
    hostile_library: tuple[Path, list[int]], tmp_path: Path
) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the end-to-end terminal test needs it")
    path, _ids = hostile_library
    server = f"broadsheet-hostile-{tmp_path.name}"
    env = cli_env(TERM="xterm-256color")
    command = " ".join(
        [
            f"PYTHONPATH={ROOT}",
            "BROADSHEET_NO_SAMPLES=1",
            f"BROADSHEET_CONFIG={tmp_path / 'config.toml'}",
            sys.executable,
            "-m",
            "tui.cli",
            "--library",
            str(path),
        ]
    )
    # A fresh server with its own socket: the user's tmux sessions are never touched.
    subprocess.run(
        [
            "tmux",
            "-L",
            server,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
            "-s",
            "hostile",
            "-c",
            str(ROOT),
            f"sh -c '{command}; sleep 30'",
        ],
        check=True,
        env=env,
        timeout=20,
    )
    try:
        _tmux("set-option", "-g", "set-titles", "on", server=server)
        before = _tmux("display", "-p", "-t", "hostile", "#{pane_title}", server=server).strip()
        screen = ""
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            screen = _tmux("capture-pane", "-p", "-t", "hostile", server=server)
            if "Harbour talks" in screen:
                break
            time.sleep(0.5)
        assert "Harbour talks" in screen, f"the app did not show the list:\n{screen}"
        # Walk the list and open articles: every title passes through the screen.
        for key in ("j", "j", "Enter", "Escape", "G", "Enter", "Escape", "g"):
            _tmux("send-keys", "-t", "hostile", key, server=server)
            time.sleep(0.4)
        time.sleep(1)
        title = _tmux("display", "-p", "-t", "hostile", "#{pane_title}", server=server).strip()
        screen = _tmux("capture-pane", "-p", "-t", "hostile", server=server)
        assert "pwned" not in title, title
        assert title == before, (before, title)
        assert "Harbour talks" in screen, f"the screen lost the UI:\n{screen}"
        assert len([ln for ln in screen.splitlines() if ln.strip()]) > 10, screen
        assert "pwned" not in screen  # the OSC payload never shows (nor retitles)
    finally:
        _tmux("send-keys", "-t", "hostile", "q", server=server)
        time.sleep(0.3)
        _tmux("kill-server", server=server)


def test_stored_json_round_trips_the_markup(hostile_library: tuple[Path, list[int]]) -> None:
    path, ids = hostile_library
    with Library(path) as library:
        data = library.get(ids[1]).to_json()
    text = json.dumps(data, ensure_ascii=False)
    assert not suspects(text)
    assert any(markup in data["title"] for markup in MARKUP)


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
    feed = _hostile_feed(4).replace("https://feed.example.org/", f"{base}/story/")
    summary_only = "".join(
        f"<item><title>Short {n} {hostile(n + 4)}</title><link>{base}/page/{n}</link>"
        f"<description>Teaser {hostile(n)}</description></item>"
        for n in range(3)
    )
    feed = feed.replace("</channel>", f"{summary_only}</channel>")
    pages["/feed.xml"] = feed.encode("utf-8")
    for n in range(3):
        pages[f"/page/{n}"] = _hostile_html(n + 10).encode("utf-8")
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
        _write(folder / f"page{index}\x1b]2;pwned\x07.html", _hostile_html(index))
        _write(folder / f"dump{index}.txt", _hostile_text(index))
    _write(folder / "feed.xml", _hostile_feed(3))
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
