"""Where Broadsheet keeps its files: platformdirs locations, created lazily.

``BROADSHEET_LIBRARY`` (or ``--library``) overrides the library file. Nothing here touches
the disk at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "broadsheet"
LIBRARY_ENV = "BROADSHEET_LIBRARY"
CONFIG_ENV = "BROADSHEET_CONFIG"
LIBRARY_FILENAME = "library.sqlite3"


def data_dir() -> Path:
    """The per-user data directory (not created)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)


def config_dir() -> Path:
    """The per-user config directory (not created)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME)


def library_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The library file: ``override``, else ``$BROADSHEET_LIBRARY``, else the data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / LIBRARY_FILENAME


def config_path() -> Path:
    """The TOML config file (key bindings, fetch limits); ``$BROADSHEET_CONFIG`` overrides."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return config_dir() / "config.toml"
