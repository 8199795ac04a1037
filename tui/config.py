"""The TUI's config file: key remapping and the theme, read from TOML.

```toml
[keys]
"library.query" = "f"              # one key
"list.down" = ["down", "ctrl+n"]   # or several

[ui]
theme = "textual-light"
```

A bad file never stops the app: every problem becomes a message the app shows as a
notification, and the parts that were fine still apply.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ConfigError


@dataclass(slots=True)
class TuiConfig:
    """What the config file asks for, and what was wrong with it."""

    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    errors: list[ConfigError] = field(default_factory=list)


def load_config(path: Path, known_ids: Iterable[str], themes: Iterable[str]) -> TuiConfig:
    """Read ``path`` (missing is fine) and check it against the binding ids and themes."""
    config = TuiConfig()
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as error:
        config.errors.append(ConfigError(f"cannot read the config file ({error.strerror})", source))
        return config
    try:
        data = tomllib.loads(raw.decode("utf-8", errors="replace"))
    except tomllib.TOMLDecodeError as error:
        config.errors.append(ConfigError(f"not valid TOML: {error}", source))
        return config
    known = set(known_ids)
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        config.errors.append(ConfigError("[keys] must be a table of binding id = key", source))
        keys = {}
    for binding_id, value in keys.items():
        if binding_id not in known:
            config.errors.append(ConfigError(f"[keys] unknown binding id {binding_id!r}", source))
            continue
        key_list = [value] if isinstance(value, str) else value
        if (
            not isinstance(key_list, list)
            or not key_list
            or not all(isinstance(key, str) and _valid_key(key) for key in key_list)
        ):
            config.errors.append(
                ConfigError(f"[keys] {binding_id}: expected a key or a list of keys", source)
            )
            continue
        config.keymap[binding_id] = ",".join(key.strip() for key in key_list)
    ui = data.get("ui", {})
    if isinstance(ui, dict) and "theme" in ui:
        theme = ui["theme"]
        if isinstance(theme, str) and theme in set(themes):
            config.theme = theme
        else:
            config.errors.append(ConfigError(f"[ui] unknown theme {theme!r}", source))
    return config


def _valid_key(key: str) -> bool:
    """A key name Textual can bind: non-empty, no spaces or commas."""
    key = key.strip()
    return bool(key) and "," not in key and " " not in key
