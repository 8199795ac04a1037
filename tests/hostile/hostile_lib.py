"""Shared pieces of the hostile suite: hostile strings, a hostile library, CLI helpers.

Imported by the tests in this folder and by ``tests/benchmarks/hostile_report.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORKER = HERE / "ingest_worker.py"
PYTHON = sys.executable

#: What Rich or Textual would read as markup if it were ever given article text as markup.
MARKUP = (
    "[/]",
    "[b]x",
    "[TODO] x",
    "a[b]c",
    "[@click=app.quit]x[/]",
    "[link=file:///etc/passwd]x[/link]",
    "\\[x]",
    "[x=[y]]",
)
#: Terminal control sequences and characters a stranger's article may carry.
CONTROLS = (
    "\x1b]2;pwned\x07",  # OSC: retitle the terminal, BEL-terminated
    "\x1b[2J",  # CSI: clear the screen
    "\x1b]0;pwned\x1b\\",  # OSC, ST-terminated
    "\x1b]8;;file:///etc/passwd\x1b\\",  # OSC 8 hyperlink
    "\x1bP1$r\x1b\\",  # DCS
    "\x1b_apc\x1b\\",  # APC
    "\x1b[6n",  # ask the terminal to type its cursor position back
    "\x9b31m",  # 8-bit CSI
    "\x9d2;c1\x9c",  # 8-bit OSC and ST
    "\x07",  # BEL
    "\x00",  # NUL
    "\x08\x08",  # backspaces over the previous text
    "\x7f",  # DEL
    "\x85",  # C1 NEL
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u200f",  # right-to-left mark
    "\x1b",  # a lone ESC at the end
)
#: Any of these in output means a control reached the terminal.
SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)
CliRunner = Callable[..., "subprocess.CompletedProcess[str]"]


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a `broadsheet` child: this tree on the path, no samples, no colour."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BROADSHEET_NO_SAMPLES": "1", "COLUMNS": "200"}
    for name in ("FORCE_COLOR", "TERM_PROGRAM"):
        env.pop(name, None)
    env.update(extra)
    return env


PWNED_TITLE = "Harbour talks \x1b]2;pwned\x07 resume \x1b[2J today"


def suspects(text: str) -> list[str]:
    """The control characters in ``text`` (tabs and newlines allowed), as escapes."""
    return sorted({repr(ch) for ch in SUSPECT.findall(text)})


def hostile(index: int) -> str:
    """A hostile decoration: one markup string and one control sequence, varied by index."""
    return f"{MARKUP[index % len(MARKUP)]} {CONTROLS[index % len(CONTROLS)]}"


_WORDS = [
    "grain",
    "ferry",
    "customs",
    "tariff",
    "border",
    "convoy",
    "pipeline",
    "drought",
    "census",
    "ballot",
    "harbour",
    "refinery",
    "quarry",
    "orchard",
    "viaduct",
    "tunnel",
    "lighthouse",
    "archive",
    "vaccine",
    "reservoir",
]


def distinct_paragraph(index: int) -> str:
    """A paragraph no other index shares, so that de-duplication keeps every article."""
    words = [_WORDS[(index * 7 + n * (index + 3)) % len(_WORDS)] for n in range(30)]
    return f"Report {index}: " + " ".join(f"{w}{index}" for w in words) + "."


def hostile_article(index: int) -> tuple[object, object]:
    """An Extracted article (hostile in every field) and annotations pointing into its body."""
    from reader.models import Annotations, Extracted, PersonMention, PlaceMention, Quote

    mark = hostile(index)
    name = f"Ali{mark}Demir"
    place = f"Anka{CONTROLS[(index + 3) % len(CONTROLS)]}ra"
    said = (
        f"\u201cWe {MARKUP[(index + 1) % len(MARKUP)]} stay{CONTROLS[index % len(CONTROLS)]}\u201d"
    )
    body = (
        f"Officials met in {place} on Tuesday {mark} to discuss the harbour.\n\n"
        f"{name} said {said} after the meeting {CONTROLS[(index + 5) % len(CONTROLS)]}.\n\n"
        f"Paragraph three {MARKUP[(index + 2) % len(MARKUP)]} ends here.\n\n"
        f"{distinct_paragraph(index)}"
    )
    annotations = Annotations(
        people=(PersonMention(name, body.index(name), body.index(name) + len(name), name),),
        places=(PlaceMention(place, body.index(place), body.index(place) + len(place), "Turkey"),),
        quotes=(Quote(said, body.index(said), body.index(said) + len(said), name),),
        countries=(f"Turkey{CONTROLS[index % len(CONTROLS)]}",),
    )
    extracted = Extracted(
        title=f"{PWNED_TITLE} {mark} #{index}",
        body=body,
        outlet=f"Outlet {hostile(index + 1)}",
        byline=f"By {hostile(index + 2)}",
        published=date(2024, 1 + index % 12, 1 + index % 28),
        tags=[hostile(index + 3), f"tag{CONTROLS[(index + 4) % len(CONTROLS)]}"],
        url=f"https://hostile.example.org/{index}/\x1b[2Jpath",
    )
    return extracted, annotations


def build_hostile_library(path: Path, count: int = 24) -> list[int]:
    """A library of ``count`` hostile articles (every field decorated); returns their ids."""
    from reader.library.store import Library

    ids: list[int] = []
    with Library(path) as library:
        for index in range(count):
            extracted, annotations = hostile_article(index)
            outcome = library.store(
                extracted,  # type: ignore[arg-type]
                annotations,  # type: ignore[arg-type]
                source=f"/tmp/evil\x1b]2;pwned\x07name-{index}.html",
            )
            assert outcome.article_id is not None
            ids.append(outcome.article_id)
        library.set_bookmarked(ids[0])
    return ids
