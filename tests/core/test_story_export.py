"""`broadsheet export --query`: the filtered list as Markdown (with quotes) or JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from test_story_quotes import BODY_A, BODY_B, BODY_C, _store

from reader.library.store import Library
from tui.cli import main


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    path = tmp_path / "export.sqlite3"
    with Library(path) as lib:
        first = _store(
            lib,
            "https://example.org/a",
            "Lavrov in Ankara",
            BODY_A,
            [('"We found common ground on the shipping lanes,"', "Sergei Lavrov")],
            published=date(2024, 3, 5),
            countries=("Russia", "Turkey"),
            people=("Sergei Lavrov",),
        )
        _store(
            lib,
            "/b.txt",
            "Fidan on Moscow talks",
            BODY_B,
            [],
            published=date(2024, 3, 9),
            countries=("Turkey",),
        )
        _store(
            lib,
            "/c.txt",
            "Prisoner lists handed over",
            BODY_C,
            [],
            published=None,
            countries=("Russia",),
        )
        lib.set_bookmarked(first)
    return path


def test_export_query_markdown_has_every_field(
    library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--library", str(library_path), "export", "--query", "country:russia"])
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("# Broadsheet export\n\n2 articles\n")
    assert "## Lavrov in Ankara" in out and "## Prisoner lists handed over" in out
    assert "Fidan on Moscow talks" not in out
    assert "The Harbour Post · 2024-03-05" in out
    assert "Countries: Russia, Turkey" in out
    assert "Source: https://example.org/a" in out or "Link: <https://example.org/a>" in out
    assert '- "We found common ground on the shipping lanes," — Sergei Lavrov' in out
    assert "undated" in out  # the undated article says so rather than showing no date


def test_export_query_json_and_bookmarks(
    library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "--library",
            str(library_path),
            "export",
            "--format",
            "json",
            "--query",
            "since:2024-03-06",
        ]
    )
    rows = json.loads(capsys.readouterr().out)
    assert status == 0
    assert [r["title"] for r in rows] == ["Fidan on Moscow talks"]
    status = main(
        [
            "--library",
            str(library_path),
            "export",
            "--bookmarked",
            "--query",
            "ankara",
            "--format",
            "json",
        ]
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in rows] == ["Lavrov in Ankara"]
    assert rows[0]["quotes"][0]["speaker"] == "Sergei Lavrov"


def test_export_bad_query_is_one_line(
    library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--library", str(library_path), "export", "--query", "since:soon"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1 and "since" in err
