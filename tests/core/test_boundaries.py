"""The core stays a core: importing it pulls in no UI library and touches no disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _import_report(tmp_path: Path, code: str) -> dict[str, object]:
    script = (
        f"import json, os, sys\n{code}\nprint(json.dumps({{'modules': sorted(sys.modules)}}))\n"
    )
    env = {
        "BROADSHEET_LIBRARY": str(tmp_path / "lib.sqlite3"),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(out.stdout)


def test_reader_imports_neither_textual_nor_rich(tmp_path: Path) -> None:
    report = _import_report(tmp_path, "import reader")
    modules = report["modules"]
    assert isinstance(modules, list)
    assert not [m for m in modules if m.split(".")[0] in {"textual", "rich"}]


def test_reader_import_is_light_and_writes_nothing(tmp_path: Path) -> None:
    report = _import_report(tmp_path, "import reader")
    modules = report["modules"]
    assert isinstance(modules, list)
    heavy = {"readability", "lxml", "httpx", "feedparser", "charset_normalizer"}
    assert not [m for m in modules if m.split(".")[0] in heavy]
    assert list(tmp_path.iterdir()) == []


def test_extract_name_is_the_function_even_after_subpackage_imports() -> None:
    import reader
    import reader.extract.dates

    assert callable(reader.extract)
    assert reader.extract.__name__ == "extract"
