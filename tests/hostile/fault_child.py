"""Child process for the kill -9 tests: write to a library and acknowledge each commit.

``python fault_child.py import LIBRARY FOLDER`` imports a folder, printing ``ACK <id>`` after
each article is stored (the commit has returned). ``python fault_child.py flags LIBRARY SEED``
bookmarks and marks read/unread random articles in a burst, printing ``B <id>`` after each
bookmark commit, until it is killed. The parent kills it with SIGKILL at a random moment.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    """Run one mode until done or killed."""
    from reader.library.store import Library

    mode, path = argv[1], argv[2]
    library = Library(path)
    print("READY", flush=True)
    if mode == "import":
        from reader.ingest import import_sources

        for outcome in import_sources(library, [argv[3]]):
            if outcome.status in {"added", "updated", "duplicate"} and outcome.article_id:
                print(f"ACK {outcome.article_id}", flush=True)
    elif mode == "flags":
        rng = random.Random(int(argv[3]))
        ids = library.ids()
        while True:
            number = rng.choice(ids)
            library.set_bookmarked(number, True)
            print(f"B {number}", flush=True)
            library.set_read(rng.choice(ids), rng.random() < 0.5)
    library.close()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
