"""Shared pieces of the hostile suite: hostile strings, a hostile library, a watched importer.

Imported by the tests in this folder and by ``tests/benchmarks/hostile_report.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
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


# -- running inputs through the real ingest path in a watched child process ----------------


@dataclass
class InputResult:
    """How one input fared: "imported", "error" (a clear, declared error), "crash" or "hang"."""

    path: str
    status: str
    imported: int = 0
    detail: str = ""
    seconds: float = 0.0
    rss_mb: float = 0.0
    traced_mb: float = 0.0


@dataclass
class RunSummary:
    """Counts for the report table."""

    name: str
    results: list[InputResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        """How many inputs ended with ``status``."""
        return sum(r.status == status for r in self.results)

    @property
    def peak_mb(self) -> float:
        """The highest peak RSS seen in any worker."""
        return max((r.rss_mb for r in self.results), default=0.0)

    @property
    def failures(self) -> list[InputResult]:
        """Crashes and hangs: what must never happen."""
        return [r for r in self.results if r.status in {"crash", "hang"}]


class _Lines:
    """Line reader over a pipe with a timeout (select on the raw fd, no hidden buffering)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""

    def readline(self, timeout: float) -> str | None:
        """The next line, or None on timeout or end of file."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace")


def _limit_memory(limit_mb: int) -> None:
    import resource

    size = limit_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (size, size))


class _Worker:
    def __init__(self, library: Path, *, trace: bool, memory_limit_mb: int | None) -> None:
        args = [PYTHON, str(WORKER), str(library)] + (["--trace"] if trace else [])
        env = {**os.environ, "PYTHONPATH": str(ROOT), "BROADSHEET_NO_SAMPLES": "1"}
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            preexec_fn=(lambda: _limit_memory(memory_limit_mb)) if memory_limit_mb else None,
        )
        assert self.proc.stdout is not None
        self.lines = _Lines(self.proc.stdout.fileno())
        ready = self.lines.readline(120)
        if ready != "READY":
            self.kill()
            raise RuntimeError(f"the ingest worker did not start (said {ready!r})")

    def run(self, path: str, timeout: float) -> InputResult:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(path.encode("utf-8", "surrogateescape") + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            return InputResult(path, "crash", detail="worker died before the input")
        started = time.monotonic()
        if self.lines.readline(30) is None:
            return InputResult(path, "crash", detail="worker died before the input")
        line = self.lines.readline(timeout)
        if line is None:
            spent = time.monotonic() - started
            alive = self.proc.poll() is None
            self.kill()
            if alive:
                return InputResult(
                    path, "hang", detail=f"no answer in {spent:.1f} s", seconds=spent
                )
            return InputResult(
                path, "crash", detail=f"worker died (exit {self.proc.returncode})", seconds=spent
            )
        data = json.loads(line)
        crash = data["crash"]
        if crash:
            status = "crash"
        elif data["imported"]:
            status = "imported"
        else:
            status = "error"
        return InputResult(
            path,
            status,
            imported=int(data["imported"]),
            detail=str(crash or "; ".join(data["errors"]))[:300],
            seconds=float(data["seconds"]),
            rss_mb=float(data["rss_mb"]),
            traced_mb=float(data["traced_mb"]),
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def close(self) -> None:
        if self.proc.stdin:
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()


def run_inputs(
    paths: Iterable[str | Path],
    library: Path,
    *,
    timeout: float = 10.0,
    fresh_process: bool = False,
    trace: bool = False,
    memory_limit_mb: int | None = 2048,
    name: str = "inputs",
) -> RunSummary:
    """Import each path through ``reader.ingest.import_sources`` in a watched child process.

    A path that takes longer than ``timeout`` seconds is a "hang" (the child is killed and a
    new one serves the rest); the child dying is a "crash". With ``fresh_process`` each
    input gets its own child, so that its peak RSS is its own.
    """
    summary = RunSummary(name)
    started = time.monotonic()
    worker: _Worker | None = None
    for raw in paths:
        path = str(raw)
        if worker is None or not worker.alive():
            worker = _Worker(library, trace=trace, memory_limit_mb=memory_limit_mb)
        result = worker.run(path, timeout)
        summary.results.append(result)
        if fresh_process or not worker.alive():
            worker.close()
            worker = None
    if worker is not None:
        worker.close()
    summary.seconds = time.monotonic() - started
    return summary


def describe_failures(results: Sequence[InputResult], limit: int = 10) -> str:
    """A readable list of the first few crashes and hangs, for an assertion message."""
    return "\n".join(f"{r.status}: {r.path}: {r.detail}" for r in results[:limit])


# -- the feedparser corpus --------------------------------------------------------------


class CorpusUnavailable(Exception):
    """The feedparser sdist could not be downloaded (network off)."""


def feedparser_corpus(cache: Path) -> Path:
    """The ``tests`` folder of the installed feedparser's sdist, downloaded once into ``cache``.

    Raises:
        CorpusUnavailable: pip could not download it (the message says why).
    """
    import tarfile
    from importlib.metadata import version

    release = version("feedparser")
    target = cache / f"feedparser-{release}"
    tests = target / "tests"
    if (tests / "wellformed").is_dir():
        return tests
    cache.mkdir(parents=True, exist_ok=True)
    archive = cache / f"feedparser-{release}.tar.gz"
    if not archive.exists():
        command = [
            PYTHON,
            "-m",
            "pip",
            "download",
            f"feedparser=={release}",
            "--no-binary",
            ":all:",
            "--no-deps",
            "-d",
            str(cache),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not archive.exists():
            tail = " ".join((done.stderr or done.stdout).split()[-40:])
            raise CorpusUnavailable(f"pip download feedparser=={release} failed: {tail}")
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if "/tests/" in m.name]
        tar.extractall(cache, members=members, filter="data")
    if not (tests / "wellformed").is_dir():
        raise CorpusUnavailable(f"{archive} has no tests/wellformed folder")
    return tests


def corpus_files(tests: Path) -> list[Path]:
    """Every feed file of the corpus (the harness script itself is not a feed)."""
    return sorted(p for p in tests.rglob("*") if p.is_file() and p.suffix != ".py")


# -- pathological inputs -------------------------------------------------------------------

_PROSE = (
    "Ministers met at the harbour on Tuesday to argue over shipping fees, and the talks ran "
    "late into the evening before an adjournment was agreed by all sides."
)


def _rss(items: str, *, prolog: str = "", title: str = "Canary feed") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://feed.example.org/</link>{items}</channel></rss>"
    )


def _item(title: str, body: str, n: int = 0) -> str:
    return (
        f"<item><title>{title}</title><link>https://feed.example.org/{n}</link>"
        f"<description>{body}</description></item>"
    )


def _page(title: str, body: str, head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def pathological_inputs(folder: Path, canary: str) -> dict[str, Path]:
    """Write the pathological files into ``folder``; ``canary`` is an http URL that must never be hit.

    Returns name -> path. Each must import or fail clearly, within 10 s and 300 MB.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    prose = "".join(f"<p>{_PROSE} ({n})</p>" for n in range(8))

    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    files["billion-laughs.xml"] = _rss(
        _item("&lol9;", "&lol9;"), prolog=f"<!DOCTYPE rss [{laughs}]>"
    ).encode()
    files["billion-laughs.html"] = (
        f"<!DOCTYPE html [{laughs}]>" + _page("&lol9;", "<p>&lol9;</p>" + prose)
    ).encode()
    big = "x" * 50_000
    files["quadratic-blowup.xml"] = _rss(
        _item("&a;" * 1000, "&a;" * 50_000), prolog=f'<!DOCTYPE rss [<!ENTITY a "{big}">]>'
    ).encode()
    external = (
        '<!DOCTYPE rss [<!ENTITY file SYSTEM "file:///etc/passwd">'
        f'<!ENTITY web SYSTEM "{canary}/entity">'
        f'<!ENTITY % remote SYSTEM "{canary}/parameter"> %remote;]>'
    )
    files["external-entities.xml"] = _rss(
        _item("Leak &file; &web;", f"<p>&file; &web; {_PROSE}</p>"),
        prolog=f'<?xml-stylesheet type="text/xsl" href="{canary}/xsl"?>{external}',
    ).encode()
    files["external-dtd.xml"] = _rss(
        _item("Remote DTD", _PROSE), prolog=f'<!DOCTYPE rss SYSTEM "{canary}/dtd">'
    ).encode()
    files["xinclude.xml"] = _rss(
        _item("XInclude", _PROSE)
        + f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{canary}/xinclude"/>'
    ).encode()
    files["external-entities.html"] = (
        '<!DOCTYPE html [<!ENTITY file SYSTEM "file:///etc/passwd">'
        f'<!ENTITY web SYSTEM "{canary}/html-entity">]>'
        + _page(
            "Leak &file;",
            f'<img src="{canary}/img"><iframe src="{canary}/iframe"></iframe>'
            f'<script src="{canary}/script"></script><p>&file; &web;</p>' + prose,
            head=f'<link rel="stylesheet" href="{canary}/css"><base href="{canary}/">'
            f'<meta http-equiv="refresh" content="0; url={canary}/refresh">',
        )
    ).encode()
    files["five-mb-title.html"] = _page("T" * 5_000_000, prose).encode()
    files["five-mb-title.xml"] = _rss(_item("T" * 5_000_000, _PROSE)).encode()
    files["five-mb-title.txt"] = ("T" * 5_000_000 + "\n\n" + "\n\n".join([_PROSE] * 8)).encode()
    files["five-mb-word.txt"] = ("W" * 5_000_000).encode()
    files["100k-empty-items.xml"] = _rss("<item></item>" * 100_000).encode()
    files["100k-empty-entries.atom"] = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        + "<entry></entry>" * 100_000
        + "</feed>"
    ).encode()
    files["100k-empty-items-doctype.xml"] = _rss(
        "<item></item>" * 100_000, prolog="<!DOCTYPE rss>"
    ).encode()
    files["deep-10000.html"] = _page(
        "Deep page", "<div>" * 10_000 + prose + "</div>" * 10_000
    ).encode()
    files["deep-10000-unclosed.html"] = _page(
        "Deep unclosed", "<div><b><i>" * 3_400 + prose
    ).encode()
    files["deep-10000.xml"] = _rss(
        _item("Deep", "<![CDATA[" + "<div>" * 10_000 + _PROSE + "</div>" * 10_000 + "]]>")
    ).encode()
    files["deep-10000-xml-elements.xml"] = _rss(
        "<item><title>Deep</title>" + "<x>" * 10_000 + "</x>" * 10_000 + "</item>"
    ).encode()
    surrogate = "\ud800".encode("utf-8", "surrogatepass")  # ED A0 80: invalid UTF-8
    files["lone-surrogates.html"] = _page("Lone " + "\ud800", prose + "<p>a\udfffb</p>").encode(
        "utf-8", "surrogatepass"
    )
    files["lone-surrogate-refs.html"] = _page(
        "Ref &#xD800; &#55296;", prose + "<p>&#xDFFF;</p>"
    ).encode()
    files["lone-surrogate-refs.xml"] = _rss(
        _item("Ref &#xD800;", f"&lt;p&gt;{_PROSE} &amp;#xD800;&lt;/p&gt;")
    ).encode()
    files["lone-surrogates.txt"] = (
        b"Title " + surrogate + b"\n\n" + (_PROSE.encode() + surrogate + b"\n\n") * 6
    )
    files["utf16-lone-surrogate.txt"] = (
        b"\xff\xfe"
        + ("Title\n\n" + (_PROSE + "\n\n") * 6).encode("utf-16-le")
        + b"\x00\xd8"
        + "tail".encode("utf-16-le")
    )
    files["nul-bytes.html"] = _page(
        "Nul\x00title", prose.replace("harbour", "har\x00bour")
    ).encode()
    files["nul-bytes.txt"] = ("Nul\x00title\n\n" + ("\x00".join(_PROSE) + "\n\n") * 6).encode()
    files["nul-bytes.xml"] = _rss(_item("Nul\x00title", _PROSE.replace(" ", "\x00 "))).encode()
    files["utf16-no-bom.txt"] = ("Title\n\n" + (_PROSE + "\n\n") * 6).encode("utf-16-le")
    lying = _page(
        "Caf\u00e9 na\u00efve \u2014 r\u00e9sum\u00e9", prose.replace("harbour", "h\u00e2rbour")
    )
    files["says-utf8-is-cp1252.html"] = lying.replace(
        "<head>", '<head><meta charset="utf-8">'
    ).encode("cp1252")
    files["says-latin1-is-utf8.html"] = lying.replace(
        "<head>", '<head><meta charset="iso-8859-1">'
    ).encode("utf-8")
    files["says-shift-jis-is-utf8.html"] = lying.replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis">'
    ).encode("utf-8")
    files["says-utf16-is-utf8.html"] = lying.replace(
        "<head>", '<head><meta charset="utf-16">'
    ).encode("utf-8")
    files["says-utf7.html"] = (
        lying.replace("<head>", '<head><meta charset="utf-7">')
        .replace("Caf", "+ADw-script+AD4-alert(1)+ADw-/script+AD4-Caf")
        .encode("utf-8")
    )
    files["unknown-charset.html"] = lying.replace(
        "<head>", '<head><meta charset="x-no-such-charset-\x1b[2J">'
    ).encode("utf-8")
    files["utf8-bom-says-latin1.xml"] = b"\xef\xbb\xbf" + _rss(_item("Caf\u00e9", _PROSE)).replace(
        'encoding="utf-8"', 'encoding="iso-8859-1"'
    ).encode("utf-8")
    files["says-utf16-is-utf8.xml"] = (
        _rss(_item("Caf\u00e9", _PROSE))
        .replace('encoding="utf-8"', 'encoding="utf-16"')
        .encode("utf-8")
    )
    files["says-ebcdic.xml"] = (
        _rss(_item("Caf\u00e9", _PROSE))
        .replace('encoding="utf-8"', 'encoding="cp500"')
        .encode("utf-8")
    )
    files["random-bytes.html"] = bytes((n * 2654435761) % 251 for n in range(200_000))
    files["control-soup.txt"] = "".join(
        chr(c) for c in list(range(32)) * 2000 + list(range(0x80, 0xA0)) * 2000
    ).encode("utf-8")
    files["many-paragraphs.txt"] = ("\n\n".join(f"{_PROSE} {n}" for n in range(40_000))).encode()
    files["one-huge-line.html"] = _page("Huge", "<p>" + (_PROSE + " ") * 30_000 + "</p>").encode()
    files["many-attributes.html"] = _page(
        "Attrs", "<div " + " ".join(f'a{n}="{n}"' for n in range(100_000)) + ">" + prose + "</div>"
    ).encode()
    files["eighteen-mb-text.txt"] = "\n\n".join(f"{_PROSE} {n}" for n in range(120_000)).encode()
    files["eighteen-mb-page.html"] = _page(
        "Big", "".join(f"<p>{_PROSE} {n}</p>" for n in range(115_000))
    ).encode()
    # Just under each cap: the worst a page may cost and still be cleaned.
    files["just-under-text-cap.txt"] = "\n\n".join(
        f"{_PROSE} {n}" for n in range(3_900_000 // (len(_PROSE) + 8))
    ).encode()
    files["just-under-tag-cap.html"] = _page("Breaks", prose + "<br>" * 249_000).encode()
    files["just-under-line-cap.txt"] = ("Home\n" * 99_000 + "\n\n".join([_PROSE] * 8)).encode()
    files["just-under-page-cap.html"] = _page(
        "Big", "".join(f"<p>{_PROSE} {n}</p>" for n in range(7_900_000 // (len(_PROSE) + 16)))
    ).encode()
    files["over-tag-cap.html"] = _page("Breaks", prose + "<br>" * 300_000).encode()
    inlined = "A" * 3_000_000  # a single-file save: images inlined as base64 data URIs
    files["single-file-save.html"] = _page(
        "Saved whole",
        "".join(
            f'<p>{_PROSE} {n}</p><img src="data:image/png;base64,{inlined}">' for n in range(4)
        ),
    ).encode()
    files["brackets-and-ansi.txt"] = (
        "[/] \x1b]2;pwned\x07 [@click=app.quit]x[/]\n\n" + (_PROSE + " [b]x \x1b[2J\n\n") * 8
    ).encode()
    paths: dict[str, Path] = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths


class Canary:
    """An HTTP server on 127.0.0.1 that records every request; no input may ever reach it."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        hits: list[str] = []
        self.hits = hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                body = b'<!ENTITY leak "CANARY-LEAKED">'
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
