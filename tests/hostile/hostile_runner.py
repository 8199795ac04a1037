"""A watched importer for the hostile suite: inputs through the real ingest path in a child.

Each input is imported by ``ingest_worker.py`` in a child process with a watchdog, so a hang
or a crash is recorded instead of stopping the run; also fetches feedparser's test corpus.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hostile_lib import PYTHON, ROOT, WORKER

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
