"""The text-dump cleaner on the real pages in ../shared/seeds (skipped on a bare clone).

Self-contained siblings of every check here are in test_extract_text.py.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from reader.extract.text import extract_text


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p]


def _seed(seeds_dir: Path, number: str) -> str:
    return next(seeds_dir.glob(f"{number}_*.txt")).read_text("utf-8")


def test_seed_000_gives_the_text_of_001(seeds_dir: Path) -> None:
    clean = [line.strip() for line in _seed(seeds_dir, "001").splitlines() if line.strip()]
    result = extract_text(_seed(seeds_dir, "000"))
    assert result.title == clean[0]
    # Exact paragraph equality (standfirst first), not a token-overlap threshold.
    assert _paragraphs(result.body) == clean[1:]
    assert result.standfirst == clean[1]
    assert result.outlet == "Al Mayadeen English"
    assert result.byline == "Al Mayadeen English"
    assert result.published == datetime(2023, 6, 22, 8, 38)
    assert result.tags == ["Syria", "Turkey", "Russia", "Iran"]


def test_seed_001_clean_copy_reads_sensibly(seeds_dir: Path) -> None:
    clean = [line.strip() for line in _seed(seeds_dir, "001").splitlines() if line.strip()]
    result = extract_text(_seed(seeds_dir, "001"))
    assert result.title == clean[0]
    assert _paragraphs(result.body) == clean[1:]


def test_seed_002_title_outlet_no_date(seeds_dir: Path) -> None:
    result = extract_text(_seed(seeds_dir, "002"))
    assert result.title == "Russia Says Roadmap in the Works to Mend Syria-Turkey Ties"
    assert result.outlet == "The Moscow Times"
    assert result.published is None
    body = result.body
    assert body.startswith("Russia said on Wednesday")
    assert "Valery Sharifulin" not in body
    assert "newsletter" not in body and "Dear readers" not in body


def test_seed_003_dash_separated(seeds_dir: Path) -> None:
    result = extract_text(_seed(seeds_dir, "003"))
    assert result.title.startswith("Pushing Towards Reconciliation")
    assert (result.standfirst or "").startswith("Moscow appears to be seeking")
    assert _paragraphs(result.body)[0] == result.standfirst
    assert "Levant" not in result.body
    assert "Subscribe to our mailing list" not in result.body
    assert "Popular Posts" not in result.body


def test_seed_004_title_date_outlet(seeds_dir: Path) -> None:
    result = extract_text(_seed(seeds_dir, "004"))
    assert result.title == "Russia, Iran, Turkey, Syria to possibly meet for Ankara-Damascus talks"
    assert result.published == datetime(2024, 8, 31, 23, 45)
    assert isinstance(result.published, date)
    assert result.outlet == "Al Mayadeen English"
    assert "Related News" not in result.body
    assert "Cautious calm in Sweida" not in result.body
    assert result.tags[:4] == ["Russia", "Iran", "Turkey", "Syria"]


def test_raw_dump_and_clean_copy_extract_to_the_same_article(seeds_dir: Path) -> None:
    from reader.extract import extract

    raw = extract(next(seeds_dir.glob("000_*.txt")).read_bytes(), source="000")
    clean = extract(next(seeds_dir.glob("001_*.txt")).read_bytes(), source="001")
    assert (raw.title, raw.body) == (clean.title, clean.body)
