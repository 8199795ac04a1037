"""Child process for the hostile suite: import files through the real ingest path, one by one.

Run as ``python ingest_worker.py LIBRARY``. Reads one path per line on stdin; for each, writes
``START <n>`` before it begins and one JSON line when it ends, so that the parent can tell a
hang (no answer within its watchdog) from a crash (an ``internal error`` outcome, an
exception escaping ``import_sources``, or the process dying). Memory figures are this
process's peak RSS (``ru_maxrss``) and the peak Python allocation of each file (tracemalloc,
only with ``--trace``, because it slows parsing several times).
"""

from __future__ import annotations

import json
import resource
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

INTERNAL = "internal error"


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def classify(path: str, library: object, trace: bool) -> dict[str, object]:
    """Import one path; say how many articles were stored and how it failed, if it did."""
    import tracemalloc

    from reader.ingest import import_sources

    imported = 0
    errors: list[str] = []
    crash: str | None = None
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        for outcome in import_sources(library, [path]):  # type: ignore[arg-type]
            if outcome.status == "failed":
                reason = outcome.error or ""
                if reason.startswith(INTERNAL):
                    crash = reason
                errors.append(reason)
            else:
                imported += 1
    except BaseException as exc:  # everything counts here: MemoryError, RecursionError, ...
        crash = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:500]
    seconds = time.perf_counter() - started
    traced = 0.0
    if trace:
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return {
        "path": path,
        "imported": imported,
        "errors": errors[:3],
        "crash": crash,
        "seconds": round(seconds, 4),
        "traced_mb": round(traced, 1),
        "rss_mb": round(peak_rss_mb(), 1),
    }


def main(argv: list[str]) -> int:
    """Serve paths from stdin until it closes."""
    from reader.library.store import Library

    trace = "--trace" in argv
    library = Library(argv[1])
    # Warm the heavy imports before the first timed file so that it is not charged for them.
    import reader.annotate.pipeline
    import reader.extract.html
    import reader.sources.feeds  # noqa: F401

    print("READY", flush=True)
    for number, raw in enumerate(sys.stdin):
        path = raw.rstrip("\n")
        if not path:
            continue
        print(f"START {number}", flush=True)
        print(json.dumps(classify(path, library, trace)), flush=True)
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
