"""The bundled sample library: a dozen articles, written for Broadsheet, in the formats users have.

Saved HTML pages with their site chrome, plain-text page dumps and one RSS file, dated
2023-2025. On first run with an empty library they are imported so that there is
something to read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from reader.models import ImportOutcome

if TYPE_CHECKING:
    from reader.library.store import Library

_SAMPLE_SUFFIXES = frozenset({".html", ".htm", ".txt", ".xml", ".rss"})


def sample_dir() -> Path:
    """The folder holding the sample files (installed as package data)."""
    return Path(str(resources.files(__name__)))


def sample_paths() -> list[Path]:
    """Every sample file, sorted by name."""
    return sorted(
        path
        for path in sample_dir().rglob("*")
        if path.is_file() and path.suffix.lower() in _SAMPLE_SUFFIXES
    )


def import_samples(library: Library) -> Iterator[ImportOutcome]:
    """Import the sample files into ``library``, one outcome per article."""
    from reader.ingest import import_sources

    yield from import_sources(library, [str(path) for path in sample_paths()])


def library_is_empty(library: Library) -> bool:
    """True when the library holds no article and no feed (a first run)."""
    return library.total() == 0 and not library.feeds()


#: Set (to anything but "" or "0") to start with an empty library instead of the samples.
NO_SAMPLES_ENV = "BROADSHEET_NO_SAMPLES"


def import_samples_if_empty(library: Library) -> int | None:
    """On a first run (an empty library) import the samples; the number added, else None.

    ``$BROADSHEET_NO_SAMPLES`` turns this off (scripts, tests, people who know what they want).
    """
    if os.environ.get(NO_SAMPLES_ENV, "") not in {"", "0"}:
        return None
    if not library_is_empty(library):
        return None
    return sum(1 for outcome in import_samples(library) if outcome.status == "added")


__all__ = ["import_samples", "import_samples_if_empty", "library_is_empty", "sample_paths"]
