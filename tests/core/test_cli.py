"""The headless `broadsheet` command: every subcommand, its output and its exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui import cli, cli_output
from tui.cli import main

BAD = ["bad-pdf.pdf", "bad-image.png", "bad-empty.txt", "bad-binary.dat"]

DUMP = """Harbour news

  • Home
  • Town

{title}

  • {date}

{body}

Related

Tide tables for the spring
"""

BODIES = {
    "Night buses return to the harbour": (
        "The transport office announced on Monday that night buses will run again between the "
        "station and the harbour district, after a two-year pause.\n\n"
        '"The timetable has been built around the people who use it," said the office\'s '
        "director.\n\nBuses will run every half hour from midnight until five, stopping at the "
        "hospital and the market on the way."
    ),
    "Ferry fares to rise in spring": (
        "Fares on the river ferry will go up by a tenth in April, the operator said, blaming the "
        "cost of fuel and of the repairs carried out over the winter.\n\nSeason tickets for "
        "pupils and pensioners keep their current price, and the operator promised more "
        "crossings on market days to make up for the increase."
    ),
    "Cycle lane opens on the quay": (
        "A protected cycle lane along the whole length of the quay opened on Sunday, linking the "
        "fish market with the new housing on the old rail yards.\n\nCouncillors rode the two "
        "kilometres of red asphalt at the opening, and shop owners said they hoped cyclists "
        "would stop for coffee on the way."
    ),
    "Harbour clock is repaired": (
        "The clock on the harbour master's tower is keeping time again after a clockmaker from "
        "the next valley spent three weeks replacing its worn brass gears.\n\nThe clock had "
        "stopped at twenty past four during a storm last autumn, and many residents said the "
        "quay had felt strange without its chimes every quarter of an hour."
    ),
}


def dump(tmp_path: Path, name: str, title: str, date: str = "4 Mar 2024 10:15") -> Path:
    path = tmp_path / name
    path.write_text(DUMP.format(title=title, date=date, body=BODIES[title]), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse exits on usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def filled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    """A library with three dated articles and one undated one; returns title -> id."""
    files = [
        dump(tmp_path, "a.txt", "Night buses return to the harbour", "4 Mar 2024 10:15"),
        dump(tmp_path, "b.txt", "Ferry fares to rise in spring", "12 Jan 2023 09:00"),
        dump(tmp_path, "c.txt", "Cycle lane opens on the quay", "30 Jun 2025 18:30"),
        dump(tmp_path, "d.txt", "Harbour clock is repaired", ""),
    ]
    code, out, err = run(capsys, "add", "--json", *map(str, files))
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    return {row["title"]: row["id"] for row in rows}


# -- add -------------------------------------------------------------------------------------


def test_add_reports_each_article_and_each_failure(
    capsys: pytest.CaptureFixture[str], fixtures_dir: Path, tmp_path: Path
) -> None:
    good = dump(tmp_path, "good.txt", "Night buses return to the harbour")
    bad = [str(fixtures_dir / "sources" / name) for name in BAD]
    code, out, err = run(capsys, "add", bad[0], str(good), *bad[1:])
    assert code == 1
    assert out.count("\n") == 1
    assert out.startswith("added") and "Night buses return to the harbour" in out
    lines = err.splitlines()
    assert len(lines) == len(BAD)
    for line, path in zip(lines, bad, strict=True):
        assert line.startswith(f"broadsheet: {path}: ")
    assert "PDF" in lines[0] and "PNG" in lines[1] and "empty" in lines[2]
    assert "Traceback" not in err


def test_add_twice_keeps_one_article(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = dump(tmp_path, "p.txt", "Night buses return to the harbour")
    assert run(capsys, "add", str(page))[0] == 0
    code, out, _ = run(capsys, "add", str(page))
    assert code == 0 and out.split()[0] in {"updated", "duplicate"}
    code, out, _ = run(capsys, "list", "--json")
    assert len(json.loads(out)) == 1


def test_library_flag_and_environment_choose_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = dump(tmp_path, "p.txt", "Night buses return to the harbour")
    other = tmp_path / "other.sqlite3"
    assert run(capsys, "--library", str(other), "add", str(page))[0] == 0
    assert other.exists()
    code, out, _ = run(capsys, "locate")
    assert code == 0
    assert f"library: {os.environ['BROADSHEET_LIBRARY']}" in out
    assert "config:" in out and "data:" in out
    code, out, _ = run(capsys, "--library", str(other), "locate")
    assert f"library: {other}" in out
    code, out, _ = run(capsys, "list", "--json", "--library", str(other))
    assert [r["title"] for r in json.loads(out)] == ["Night buses return to the harbour"]


# -- list ------------------------------------------------------------------------------------


def test_list_json_filters_by_date_and_drops_undated(
    capsys: pytest.CaptureFixture[str], filled: dict[str, int]
) -> None:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    titles = [row["title"] for row in json.loads(out)]
    assert titles[:3] == [
        "Cycle lane opens on the quay",
        "Night buses return to the harbour",
        "Ferry fares to rise in spring",
    ]
    assert "Harbour clock is repaired" in titles
    _, out, _ = run(capsys, "list", "--json", "--since", "2024")
    assert [r["title"] for r in json.loads(out)] == [
        "Cycle lane opens on the quay",
        "Night buses return to the harbour",
    ]
    _, out, _ = run(capsys, "list", "--json", "--until", "2024-03")
    assert [r["title"] for r in json.loads(out)] == [
        "Night buses return to the harbour",
        "Ferry fares to rise in spring",
    ]
    _, out, _ = run(capsys, "list", "--json", "--search", "ferry", "--limit", "5")
    assert [r["title"] for r in json.loads(out)] == ["Ferry fares to rise in spring"]
    _, out, _ = run(capsys, "list", "--json", "--query", "since:2025")
    assert [r["title"] for r in json.loads(out)] == ["Cycle lane opens on the quay"]
    _, out, _ = run(capsys, "list", "--json", "--limit", "2")
    assert len(json.loads(out)) == 2


def test_list_piped_is_tab_separated_and_a_tty_gets_an_aligned_table(
    capsys: pytest.CaptureFixture[str], filled: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = run(capsys, "list")
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 4 and all(len(r) == 6 for r in rows)
    assert rows[0][1] == "2025-06-30 18:30" and rows[0][5] == "Cycle lane opens on the quay"
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "60")
    _, out, _ = run(capsys, "list")
    lines = out.splitlines()
    assert lines[0].startswith("ID")
    assert all(len(line) <= 60 for line in lines)
    assert any(line.endswith("…") for line in lines)


def test_list_bookmarked_and_country(
    capsys: pytest.CaptureFixture[str], filled: dict[str, int]
) -> None:
    ferry = filled["Ferry fares to rise in spring"]
    code, out, _ = run(capsys, "bookmark", str(ferry))
    assert code == 0 and out == f"Bookmarked #{ferry}: Ferry fares to rise in spring\n"
    _, out, _ = run(capsys, "list", "--json", "--bookmarked")
    assert [r["id"] for r in json.loads(out)] == [ferry]
    code, out, _ = run(capsys, "unbookmark", f"#{ferry}")
    assert code == 0 and out.startswith("Unbookmarked")
    _, out, _ = run(capsys, "list", "--json", "--bookmarked")
    assert json.loads(out) == []
    _, out, _ = run(capsys, "list", "--json", "--country", "Atlantis")
    assert json.loads(out) == []


def test_bad_dates_and_ids_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], filled: dict[str, int]
) -> None:
    code, out, err = run(capsys, "list", "--since", "last week")
    assert code == 1 and out == ""
    assert err.startswith("broadsheet: --since last week: ") and err.count("\n") == 1
    code, _, err = run(capsys, "show", "9999")
    assert code == 1 and err.startswith("broadsheet: ") and "9999" in err
    code, _, err = run(capsys, "bookmark", "abc")
    assert code == 1 and err == "broadsheet: abc: not an article id (expected a number)\n"


# -- first run -------------------------------------------------------------------------------


def test_first_list_on_an_empty_library_imports_the_samples(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reader.paths import library_path

    code, out, err = run(capsys, "list", "--json")
    assert code == 0
    count = len(json.loads(out))
    assert 12 <= count <= 15
    assert err == f"Imported {count} sample articles into {library_path()} (first run)\n"
    code, out, err = run(capsys, "list", "--json")
    assert err == "" and len(json.loads(out)) == count


# -- show ------------------------------------------------------------------------------------


def test_show_json_is_the_article_contract(
    capsys: pytest.CaptureFixture[str], filled: dict[str, int]
) -> None:
    number = filled["Night buses return to the harbour"]
    code, out, _ = run(capsys, "show", str(number), "--json")
    assert code == 0
    article = json.loads(out)
    for key in [
        "id",
        "source",
        "url",
        "title",
        "outlet",
        "byline",
        "published",
        "countries",
        "tags",
        "body",
        "people",
        "places",
        "quotes",
        "bookmarked",
    ]:
        assert key in article
    assert article["id"] == number
    assert article["published"].startswith("2024-03-04")
    assert article["quotes"][0]["text"].startswith('"The timetable')
    _, out, _ = run(capsys, "list", "--json", "--unread")
    assert number in [r["id"] for r in json.loads(out)]
    run(capsys, "show", str(number))
    _, out, _ = run(capsys, "list", "--json", "--unread")
    assert number not in [r["id"] for r in json.loads(out)]
    assert "Related" not in article["body"] and "Home" not in article["body"].split()


def test_show_marks_people_places_and_quotes_with_styles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "visit.txt"
    page.write_text(
        "Minister visits Ankara\n\n"
        "Sergei Lavrov arrived in Ankara on Monday for talks on trade and transport links.\n\n"
        '"We have much to discuss," Lavrov said as the meeting began in the capital.\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "add", "--json", str(page))
    number = json.loads(out.splitlines()[0])["id"]
    from reader.library.store import Library

    with Library() as library:
        article = library.get(number)
    text = cli_output.body_text(article)
    styles = {(s.start, s.end): str(s.style) for s in text.spans}
    body = article.body
    lavrov = body.index("Sergei Lavrov")
    assert styles[(lavrov, lavrov + len("Sergei Lavrov"))] == cli_output.PERSON_STYLE
    ankara = body.index("Ankara")
    assert styles[(ankara, ankara + len("Ankara"))] == cli_output.PLACE_STYLE
    quote = body.index('"We have')
    assert any(s == cli_output.QUOTE_STYLE and a == quote for (a, _), s in styles.items())
    # Piped output carries the words and no escape codes.
    code, out, _ = run(capsys, "show", str(number))
    assert code == 0 and "Sergei Lavrov arrived in Ankara" in out and "\x1b" not in out


def test_show_with_colour_uses_ansi_styles_and_no_color_keeps_bold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = dump(tmp_path, "p.txt", "Night buses return to the harbour")
    env = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "100"}
    run_cli = [sys.executable, "-m", "tui.cli"]
    subprocess.run([*run_cli, "add", str(page)], env=env, check=True, capture_output=True)
    coloured = subprocess.run([*run_cli, "show", "1"], env=env, capture_output=True, text=True)
    assert coloured.returncode == 0 and "\x1b[" in coloured.stdout
    plain = subprocess.run(
        [*run_cli, "show", "1"], env={**env, "NO_COLOR": "1"}, capture_output=True, text=True
    )
    assert "\x1b[1m" in plain.stdout  # bold survives NO_COLOR
    assert "\x1b[3" not in plain.stdout.replace("\x1b[3m", "")  # no foreground colours


def test_hostile_text_never_reaches_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "evil.txt"
    page.write_text(
        "Title with \x1b]0;pwned\x07 escape [bold]markup[/bold]\n\n"
        "A body paragraph with \x1b[31mred\x1b[0m text and \u202eoverride and enough words to "
        "count as an article paragraph for the cleaner to keep it in the body.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "add", str(page))
    assert code == 0, err
    code, out, _ = run(capsys, "show", "1")
    assert "\x1b" not in out and "\u202e" not in out
    assert "[bold]markup[/bold]" in out  # printed as text, not interpreted


# -- extract ---------------------------------------------------------------------------------


def test_extract_prints_clean_text_without_storing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = dump(tmp_path, "p.txt", "Night buses return to the harbour")
    code, out, _ = run(capsys, "extract", str(page))
    assert code == 0
    assert out.startswith("Night buses return to the harbour\n")
    assert "Home" not in out.split()
    code, out, _ = run(capsys, "extract", "--body-only", str(page))
    assert out.startswith("The transport office announced on Monday")
    from reader.library.store import Library

    with Library() as library:
        assert library.total() == 0


def test_extract_json_lines_for_several_sources_and_stdin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = dump(tmp_path, "a.txt", "Night buses return to the harbour")
    b = dump(tmp_path, "b.txt", "Ferry fares to rise in spring")
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "extract", "--json", str(a), str(missing), str(b))
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in rows] == [str(a), str(b)]
    assert rows[0]["text"] == rows[0]["body"] and rows[0]["title"].startswith("Night buses")
    assert err == f"broadsheet: {missing}: No such file or directory\n"
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{a}\n{b}\n"))
    code, out, _ = run(capsys, "extract", "--json", "-")
    assert code == 0 and [json.loads(x)["path"] for x in out.splitlines()] == [str(a), str(b)]


# -- export and reannotate -------------------------------------------------------------------


def test_export_markdown_json_and_to_a_file(
    capsys: pytest.CaptureFixture[str], filled: dict[str, int], tmp_path: Path
) -> None:
    ferry = filled["Ferry fares to rise in spring"]
    run(capsys, "bookmark", str(ferry))
    code, out, _ = run(capsys, "export", "--bookmarked")
    assert code == 0
    assert out.startswith("# Broadsheet export\n") and "## Ferry fares to rise in spring" in out
    assert "Night buses" not in out
    _, out, _ = run(capsys, "export", "--format", "json")
    assert len(json.loads(out)) == 4
    target = tmp_path / "bookmarks.md"
    code, out, err = run(capsys, "export", "--bookmarked", "-o", str(target))
    assert code == 0 and out == "" and "## Ferry fares" in target.read_text(encoding="utf-8")
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "no" / "such" / "dir.md"))
    assert code == 1 and err.startswith("broadsheet: ") and "No such file" in err


def test_reannotate_counts_stale_or_all(
    capsys: pytest.CaptureFixture[str], filled: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.annotate import pipeline

    code, out, _ = run(capsys, "reannotate")
    assert code == 0 and out.startswith("Re-annotated 0 articles")
    code, out, _ = run(capsys, "reannotate", "--all")
    assert code == 0 and out.startswith("Re-annotated 4 articles")
    monkeypatch.setattr(pipeline, "ANNOTATOR_VERSION", pipeline.ANNOTATOR_VERSION + 1)
    code, out, _ = run(capsys, "reannotate")
    assert out == f"Re-annotated 4 articles (annotator v{pipeline.ANNOTATOR_VERSION})\n"
    code, out, _ = run(capsys, "reannotate")
    assert out.startswith("Re-annotated 0 articles")


def test_countries_are_matched_by_any_common_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--json", "--country", "türkiye", "--country", "Iran")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 6
    assert all({"Turkey", "Iran"} & set(r["countries"]) for r in rows)
    _, out, _ = run(capsys, "list", "--json", "--country", "Kazakhstan", "--until", "2023")
    assert [r["title"] for r in json.loads(out)] == [
        "Kazakhstan says it will no longer host the Astana talks on Syria"
    ]


def test_hostile_file_names_stay_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    name = tmp_path / "evil\x1b[2J\nname.pdf"
    name.write_bytes(b"%PDF-1.4\n")
    code, _, err = run(capsys, "add", str(name))
    assert code == 1 and err.count("\n") == 1 and "\x1b" not in err
    assert "PDF" in err


def test_add_reads_sources_from_stdin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    a = dump(tmp_path, "a.txt", "Night buses return to the harbour")
    b = dump(tmp_path, "b.txt", "Ferry fares to rise in spring")
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{a}\n\n{b}\n"))
    code, out, _ = run(capsys, "add", "-")
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == ["added", "added"]


# -- errors ----------------------------------------------------------------------------------


def test_unexpected_errors_are_one_line_with_a_hint_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(args: object) -> int:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(cli, "cmd_locate", boom)
    code, _, err = run(capsys, "locate")
    assert code == 2
    assert err.count("\n") == 1 and "RuntimeError: disk on fire second line" in err
    assert "report" in err


def test_version_and_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("broadsheet ")
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "add", str(tmp_path / "nothing-here.html")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert (
        result.stderr
        == f"broadsheet: {tmp_path / 'nothing-here.html'}: No such file or directory\n"
    )


def test_headless_commands_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from tui.cli import main; main(['locate']); "
        "print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "False"


def test_export_opml_lists_the_subscribed_feeds(capsys: pytest.CaptureFixture[str]) -> None:
    from reader.library.store import Library

    with Library() as library:
        library.add_feed("https://news.example/feed.xml", title="News & Views")
    code, out, err = run(capsys, "export", "--format", "opml")
    assert code == 0, err
    assert out.lstrip().startswith("<?xml") and "<opml" in out
    assert 'xmlUrl="https://news.example/feed.xml"' in out and "News &amp; Views" in out


def test_extract_a_saved_feed_prints_each_item(capsys: pytest.CaptureFixture[str]) -> None:
    from reader.samples import sample_paths

    feed = next(p for p in sample_paths() if p.suffix == ".xml")
    code, out, _ = run(capsys, "extract", "--json", str(feed))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 4
    assert {r["path"] for r in rows} == {str(feed)}
    assert all(r["kind"] == "feed" and r["url"].startswith("https://") for r in rows)


def test_usage_errors_are_one_clear_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--limit", "0")
    assert code == 1 and out == ""
    assert err.splitlines()[-1] == "broadsheet: list: argument --limit: must be at least 1"
    code, _, err = run(capsys, "no-such-command")
    assert code == 1 and err.splitlines()[-1].startswith("broadsheet: usage: ")


@pytest.mark.seeds
def test_adding_a_seed_dump_and_its_clean_copy_keeps_one_entry(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    raw, clean = sorted(seeds_dir.glob("00[01]_*.txt"))
    code, out, err = run(capsys, "add", str(raw), str(clean))
    assert code == 0, err
    statuses = [line.split()[0] for line in out.splitlines()]
    assert statuses[0] == "added" and statuses[1] in {"duplicate", "updated"}
    _, out, _ = run(capsys, "list", "--json")
    (entry,) = json.loads(out)
    assert entry["title"] == "Syria, Turkey agree to Russia's roadmap normalization initiative"
    assert entry["published"].startswith("2023-06-22")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("list", "--query", "since:2024-13"), "broadsheet: since: '2024-13' is not a date"),
        (("list", "--query", "colour:red"), "broadsheet: colour: unknown filter 'colour:'"),
    ],
)
def test_query_errors_name_the_key_once(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: tuple[str, ...],
    expected: str,
) -> None:
    monkeypatch.setenv("BROADSHEET_NO_SAMPLES", "1")
    code, _, err = run(capsys, *argv)
    assert code == 1
    assert err.startswith(expected), err
    assert err.count("\n") == 1
