"""`broadsheet stories`, `story` and `timeline`: the story features headless."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from reader.library.store import Library
from tui.cli import main
from tui.cli_story import timeline_lines

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_stories.py"


@pytest.fixture
def library(tmp_path: Path) -> tuple[str, dict[str, int]]:
    spec = importlib.util.spec_from_file_location("bench_stories_cli", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_stories_cli"] = bench
    spec.loader.exec_module(bench)
    path = tmp_path / "cli-stories.sqlite3"
    with Library(path) as lib:
        ids = bench.store_fixture(lib)
    return str(path), ids


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_stories_lists_one_row_per_story(
    library: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = library
    rows = json.loads(_run(capsys, "--library", path, "stories", "--json"))
    assert len(rows) == 19
    quake = next(r for r in rows if r["id"] == ids["quake-monitor"])
    assert quake["story_size"] == 3 and quake["story_outlets"][0] == "Gulf & Levant Monitor"
    text = _run(capsys, "--library", path, "stories", "--query", "country:iran")
    moscow = next(line for line in text.splitlines() if "Iran seeks Russian backing" in line)
    assert "+2 more" in moscow and "Caspian Ledger" in moscow and "Eurasia Desk" in moscow
    assert "Rial hits new record low" in text


def test_story_prints_every_version(
    library: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = library
    rows = json.loads(_run(capsys, "--library", path, "story", str(ids["rate-anatolia"]), "--json"))
    assert {r["id"] for r in rows} == {
        ids["rate-anatolia"],
        ids["rate-bosphorus"],
        ids["rate-eurasia"],
    }
    assert main(["--library", path, "story", "99999"]) == 1


def test_timeline_json_and_bars(
    library: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = library
    data = json.loads(
        _run(
            capsys,
            "--library",
            path,
            "timeline",
            "--country",
            "iran",
            "--since",
            "2025-04",
            "--until",
            "2025-04",
            "--json",
        )
    )
    assert list(data) == ["Iran"]
    assert data["Iran"][0][0] == "2025-03-31"
    # Three Moscow reports, the Geneva talks, the Ankara visit.
    assert sum(n for _, n in data["Iran"]) == 5
    text = _run(capsys, "--library", path, "timeline", "--query", "country:turkey")
    assert text.startswith("Turkey ")


def test_timeline_lines_fit_the_width() -> None:
    from datetime import date, timedelta

    series = {"Syria": [(date(2020, 1, 6) + timedelta(weeks=n), n % 5) for n in range(300)]}
    for width in (80, 200):
        lines = timeline_lines(series, width)
        assert all(len(line) <= width for line in lines)
        assert lines[0].startswith("Syria ")
    assert timeline_lines({"Iran": []}, 80) == ["No dated articles match."]
