"""What the app remembers between runs (the sort, …): a small JSON key/value file.

The file lives in the user's state directory
(`platformdirs.user_state_path("filmtui")/settings.json`, which honours
`XDG_STATE_HOME`). It holds one JSON object. Reading never fails: a missing,
unreadable or malformed file reads as no settings, and callers check each
value they get. Writing replaces the file atomically (a temporary file, then
a rename), so a crash mid-write leaves the old settings. Knows nothing of
Textual.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs

from tui.store.atomic_json import write_atomically

FILE_NAME = "settings.json"


def settings_path() -> Path:
    """Where the settings are kept for this user."""
    return platformdirs.user_state_path("filmtui") / FILE_NAME


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """Every remembered value; {} when the file is missing or cannot be read."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(values: Mapping[str, Any], path: Path | None = None) -> bool:
    """Write `values` as the whole settings file; False when it could not be written."""
    path = path or settings_path()
    try:
        text = json.dumps(dict(values), ensure_ascii=False, indent=2, sort_keys=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text + "\n")
    except (OSError, TypeError, ValueError):
        return False
    return True


def remember(key: str, value: Any, path: Path | None = None) -> bool:
    """Set one value, keeping the others; False when it could not be saved."""
    values = load_settings(path)
    values[key] = value
    return save_settings(values, path)
