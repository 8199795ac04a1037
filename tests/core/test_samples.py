"""The bundled sample library: present, in every format, dated 2023-2025, our own words."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from reader.ingest import import_sources
from reader.library.store import Library
from reader.samples import import_samples_if_empty, sample_paths
from reader.sources.files import load_file


def test_samples_ship_in_every_format() -> None:
    paths = sample_paths()
    suffixes = Counter(p.suffix for p in paths)
    assert suffixes[".html"] >= 5 and suffixes[".txt"] >= 3 and suffixes[".xml"] == 1
    assert all(p.is_file() for p in paths)


def test_every_sample_cleans_to_a_dated_article_with_an_outlet() -> None:
    articles = [a for p in sample_paths() for a in load_file(p)]
    assert 12 <= len(articles) <= 15
    years = Counter(a.extracted.published.year for a in articles if a.extracted.published)
    assert sum(years.values()) == len(articles)
    assert set(years) == {2023, 2024, 2025}
    for item in articles:
        found = item.extracted
        assert found.outlet, item.source
        assert len(found.body.split()) >= 80, item.source
        assert '"' in found.body or "\u201c" in found.body, item.source  # quotes to highlight


def test_samples_import_once_into_an_empty_library(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as library:
        added = import_samples_if_empty(library)
        assert added is not None and 12 <= added <= 15
        assert library.total() == added
        assert import_samples_if_empty(library) is None
        countries = dict(library.countries())
        for name in ("Syria", "Turkey", "Russia", "Iran"):
            assert countries.get(name, 0) >= 4, name
        for name in ("Kazakhstan", "Iraq", "Lebanon", "Ukraine", "United States"):
            assert name in countries, name
        quoted = [a for a in library.iter_articles() if any(q.speaker for q in a.quotes)]
        assert len(quoted) >= 10


def test_reimporting_the_samples_adds_nothing(tmp_path: Path) -> None:
    paths = [str(p) for p in sample_paths()]
    with Library(tmp_path / "lib.sqlite3") as library:
        first = list(import_sources(library, paths))
        again = list(import_sources(library, paths))
        assert {o.status for o in first} == {"added"}
        assert "added" not in {o.status for o in again}
        assert library.total() == len(first)


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.seeds
def test_samples_do_not_copy_the_seed_pages(seeds_dir: Path) -> None:
    seeds = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in seeds_dir.iterdir()))
    for path in sample_paths():
        shared = _shingles(path.read_text(encoding="utf-8")) & seeds
        assert not shared, (path.name, sorted(shared)[:3])
