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
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_fixtures import (
    SGR,
    assert_library_clean,
    assert_output_clean,
    hostile_feed,
    hostile_html,
    hostile_text,
    write_raw,
)
from hostile_lib import (
    CONTROLS,
    MARKUP,
    ROOT,
    CliRunner,
    cli_env,
    suspects,
)

from reader.library.store import Library
from reader.models import Extracted


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


@pytest.fixture
def ingested_library(
    tmp_path: Path, run_cli: CliRunner
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A library filled by `broadsheet add` from hostile files with hostile names."""
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(4):
        write_raw(folder / f"page{index}\x1b]2;pwned\x07.html", hostile_html(index))
        write_raw(folder / f"dump{index}\u202e.txt", hostile_text(index))
    write_raw(folder / "feed\x1b[2J.xml", hostile_feed(5))
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
    write_raw(opml, f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
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
    plain = SGR.sub("", coloured.stdout)
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
