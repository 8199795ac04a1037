"""Importing batches: read -> extract -> annotate -> store, one outcome per article or failure."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.errors import BroadsheetError
from reader.ingest import import_sources, is_url
from reader.library.store import Library
from reader.models import Filter

GOOD = [
    "good-utf8-bom.txt",
    "good-utf16-bom.html",
    "good-cp1252.txt",
    "good-meta-latin1.html",
    "good-meta-windows1251.html",
    "good-html-saved-as.txt",
    "good-extensionless",
    "good-undecodable-bytes.txt",
    "good-xhtml-with-prolog.xhtml",
]
BAD = ["bad-pdf.pdf", "bad-image.png", "bad-empty.txt", "bad-binary.dat", "bad-pdf-saved-as.html"]

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Tram line extension opens to the airport | Riverside Post</title>
<meta property="og:site_name" content="Riverside Post">
<meta property="article:published_time" content="2024-09-03T08:00:00+02:00">
</head><body><nav><a href="/">Home</a></nav><article>
<h1>Tram line extension opens to the airport</h1>
<p>The extension of tram line 4 to the airport opened on Tuesday, two years after work began
on the six new stops between the ring road and the terminal building.</p>
<p>"The airport is now twenty minutes from the cathedral," said the city's transport
councillor, Marta Ibsen, as the first tram left the depot in Aldborough.</p>
<p>Trams will run every ten minutes during the day and every half hour at night, the city
transport company said in its new timetable published on Monday.</p>
</article><footer>Riverside Post, a fictional paper for Broadsheet's tests</footer></body></html>
"""


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


@pytest.fixture
def sources(fixtures_dir: Path) -> Path:
    return fixtures_dir / "sources"


def test_a_mixed_batch_imports_the_good_and_reports_each_bad_file_once(
    library: Library, sources: Path
) -> None:
    names = [*BAD[:2], *GOOD, *BAD[2:]]
    outcomes = list(import_sources(library, [str(sources / n) for n in names]))
    failed = [o for o in outcomes if o.status == "failed"]
    added = [o for o in outcomes if o.status == "added"]
    assert sorted(Path(o.source).name for o in failed) == sorted(BAD)
    assert all(o.error and "\n" not in o.error for o in failed)
    assert len(added) == len(GOOD)
    assert library.total() == len(GOOD)
    assert all(o.article_id is not None and o.title for o in added)


def test_missing_files_fail_without_stopping_the_batch(
    library: Library, sources: Path, tmp_path: Path
) -> None:
    missing = str(tmp_path / "gone.html")
    outcomes = list(import_sources(library, [missing, str(sources / GOOD[0])]))
    assert outcomes[0].status == "failed"
    assert outcomes[0].source == missing
    assert outcomes[0].error == "No such file or directory"
    assert outcomes[1].status == "added"


def test_importing_the_same_file_twice_keeps_one_article(library: Library, sources: Path) -> None:
    path = str(sources / "good-meta-latin1.html")
    first = list(import_sources(library, [path]))
    second = list(import_sources(library, [path]))
    assert [o.status for o in first] == ["added"]
    assert second[0].status in {"updated", "duplicate"}
    assert second[0].article_id == first[0].article_id
    assert library.total() == 1


def test_bookmarks_survive_a_reimport(library: Library, sources: Path) -> None:
    path = str(sources / "good-cp1252.txt")
    (outcome,) = import_sources(library, [path])
    assert outcome.article_id is not None
    library.set_bookmarked(outcome.article_id, True)
    list(import_sources(library, [path]))
    assert library.get(outcome.article_id).bookmarked


def test_a_folder_is_imported_recursively(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "deeper").mkdir(parents=True)
    (folder / "deeper" / "tram.html").write_text(PAGE, encoding="utf-8")
    (folder / ".draft.html").write_text(PAGE.replace("Tram", "Bus"), encoding="utf-8")
    outcomes = list(import_sources(library, [str(folder)]))
    assert [(Path(o.source).name, o.status) for o in outcomes] == [("tram.html", "added")]


def test_articles_are_annotated_at_import(library: Library, tmp_path: Path) -> None:
    page = tmp_path / "tram.html"
    page.write_text(PAGE, encoding="utf-8")
    (outcome,) = import_sources(library, [str(page)])
    assert outcome.article_id is not None
    article = library.get(outcome.article_id)
    assert article.title == "Tram line extension opens to the airport"
    assert article.outlet == "Riverside Post"
    assert article.quotes and article.quotes[0].text.startswith('"The airport')
    assert any(p.text == "Marta Ibsen" for p in article.people)
    body = article.body
    for span in (*article.people, *article.places, *article.quotes):
        assert body[span.start : span.end] == span.text


def test_cancel_stops_between_items(library: Library, sources: Path) -> None:
    cancel = threading.Event()
    seen = []
    for outcome in import_sources(library, [str(sources / n) for n in GOOD], cancel=cancel):
        seen.append(outcome)
        cancel.set()
    assert len(seen) == 1
    assert library.total() == 1


def test_urls_are_recognised_and_other_schemes_refused(library: Library) -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://x") and is_url("file:///etc")
    assert not is_url("/tmp/page.html") and not is_url("notes/page.txt")
    (outcome,) = import_sources(library, ["file:///etc/passwd"])
    assert outcome.status == "failed"
    assert outcome.error == "only http and https URLs can be imported"
    (outcome,) = import_sources(library, ["ftp://example.org/page.html"])
    assert outcome.status == "failed"


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/tram":
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_fetched_cleaned_and_stored_once(library: Library, server: str) -> None:
    pytest.importorskip("reader.sources.web")
    url = f"{server}/tram"
    (first,) = import_sources(library, [url])
    assert first.status == "added", first.error
    (again,) = import_sources(library, [url])
    assert again.status in {"updated", "duplicate"}
    assert library.total() == 1
    assert library.get(first.article_id or 0).url == url
    (missing,) = import_sources(library, [f"{server}/nope"])
    assert missing.status == "failed" and missing.source == f"{server}/nope"
    assert "404" in (missing.error or "")


def test_a_saved_feed_imports_each_item_and_reimports_as_updates(
    library: Library, tmp_path: Path
) -> None:
    from reader.samples import sample_paths

    feed = next(p for p in sample_paths() if p.suffix == ".xml")
    first = list(import_sources(library, [str(feed)]))
    assert [o.status for o in first] == ["added"] * 4
    again = list(import_sources(library, [str(feed)]))
    assert {o.status for o in again} <= {"updated", "duplicate"}
    assert library.total() == 4


@pytest.mark.seeds
def test_seed_dump_and_its_clean_copy_are_one_article(library: Library, seeds_dir: Path) -> None:
    raw = next(seeds_dir.glob("000_*.txt"))
    clean = next(seeds_dir.glob("001_*.txt"))
    outcomes = list(import_sources(library, [str(raw), str(clean)]))
    assert outcomes[0].status == "added"
    assert outcomes[1].status in {"duplicate", "updated"}
    assert library.total() == 1
    article = library.get(outcomes[0].article_id or 0)
    assert article.title == "Syria, Turkey agree to Russia's roadmap normalization initiative"
    assert {"Syria", "Turkey"} <= set(article.countries)


@pytest.mark.seeds
def test_all_seeds_import(library: Library, seeds_dir: Path) -> None:
    outcomes = list(import_sources(library, [str(seeds_dir)]))
    assert [o.status for o in outcomes if o.status == "failed"] == []
    assert library.count(Filter()) == 4  # 000 and 001 are one article


def test_extract_sources_cleans_urls_and_files_without_storing(
    library: Library, server: str, sources: Path
) -> None:
    pytest.importorskip("reader.sources.web")
    from reader.ingest import extract_sources

    results = list(
        extract_sources([f"{server}/tram", str(sources / "bad-pdf.pdf"), f"{server}/gone"])
    )
    name, article = results[0]  # type: ignore[misc]
    assert name == f"{server}/tram"
    assert article.extracted.title == "Tram line extension opens to the airport"
    assert article.url == f"{server}/tram"
    assert [type(r).__name__ for r in results[1:]] == ["NotAnArticleError", "FetchError"]
    assert library.total() == 0


def test_a_cleaner_bug_on_a_url_is_one_failure_and_the_batch_goes_on(
    library: Library, server: str, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("reader.sources.web")
    import importlib

    from reader.ingest import extract_sources

    # `reader.extract` the attribute is the function; patch the module's own name.
    extract_module = importlib.import_module("reader.extract")
    real_extract = extract_module.extract

    def buggy(data: bytes, url: str | None = None, **kwargs: object) -> object:
        if url and url.endswith("/tram"):
            raise ValueError("cleaner bug")
        return real_extract(data, url, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_module, "extract", buggy)
    good = str(sources / "good-meta-latin1.html")
    results = list(extract_sources([f"{server}/tram", good]))
    assert isinstance(results[0], BroadsheetError)
    assert "internal error (ValueError: cleaner bug)" in results[0].message
    assert results[0].title == f"{server}/tram"
    assert not isinstance(results[1], BroadsheetError)
    outcomes = list(import_sources(library, [f"{server}/tram", good]))
    assert [o.status for o in outcomes] == ["failed", "added"]
    assert "ValueError" in (outcomes[0].error or "")
