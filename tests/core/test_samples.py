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

#: What each page's own headline is (the samples are written for Broadsheet, so we know).
TITLES = {
    "2023-05-10-moscow-quartet-roadmap.html": "Four foreign ministers meet in Moscow and agree to draft a Syria-Turkey roadmap",
    "2023-06-21-kazakhstan-ends-astana-hosting.txt": "Kazakhstan says it will no longer host the Astana talks on Syria",
    "2023-04-25-defence-ministers-moscow.html": "Defence ministers of Russia, Turkey, Syria and Iran hold four-way talks in Moscow",
    "2023-01-05-erdogan-open-to-meeting-assad.txt": "Erdogan says he could meet Assad after Moscow security talks",
    "2024-11-12-astana-22nd-round.html": "Astana talks resume with a call to revive Syria-Turkey normalisation",
    "2024-12-22-fidan-in-damascus.txt": "Turkish foreign minister Fidan visits Damascus after the fall of Assad",
    "2025-01-28-bogdanov-in-damascus.html": "Russian envoys hold first talks in Damascus with Syria's new leaders",
    "2024-10-07-kazakhstan-nuclear-referendum.html": "Kazakhstan votes yes to its first nuclear power plant",
    "2024-04-22-erdogan-in-baghdad.txt": "Erdogan's Baghdad visit produces water deal and backing for Development Road",
    "2025-01-09-lebanon-elects-aoun.html": "Lebanon's parliament elects army chief Joseph Aoun as president",
    "2025-02-18-riyadh-us-russia-talks.html": "US and Russian diplomats meet in Riyadh and agree to work towards Ukraine talks",
}
OUTLETS = {
    "moscow-quartet": "The Caspian Ledger",
    "kazakhstan-ends": "Steppe Wire",
    "erdogan-open": "Northern Dispatch",
    "fidan-in-damascus": "Gulf & Levant Monitor",
    "lebanon-elects": "Levant Ledger",
}


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


@pytest.mark.parametrize("name", sorted(TITLES))
def test_each_sample_page_yields_its_own_headline_and_outlet(name: str) -> None:
    path = next(p for p in sample_paths() if p.name == name)
    (article,) = load_file(path)
    assert article.extracted.title == TITLES[name]
    outlet = next((o for key, o in OUTLETS.items() if key in name), None)
    if outlet:
        assert article.extracted.outlet == outlet
    assert article.extracted.byline
    body = article.extracted.body
    for chrome in ("Share", "Sign up", "Most Read", "Related", "All Rights Reserved", "Menu"):
        assert chrome not in body, (name, chrome)


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


def test_no_samples_environment_variable_keeps_the_library_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROADSHEET_NO_SAMPLES", "1")
    with Library(tmp_path / "lib.sqlite3") as library:
        assert import_samples_if_empty(library) is None
        assert library.total() == 0
    monkeypatch.setenv("BROADSHEET_NO_SAMPLES", "0")
    with Library(tmp_path / "lib.sqlite3") as library:
        assert import_samples_if_empty(library)
