"""The user's own keys: `keymap.toml` in the config directory, binding id → key.

```toml
"list.favourite" = "space"
"list.redo" = "ctrl+y,U"
```

Applied with `App.set_keymap`. An entry that cannot be used is reported in one
line and that binding keeps its default key.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from platformdirs import user_config_path
from textual.keys import Keys

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_KEY_NAMES = {key.value.rsplit("+", 1)[-1] for key in Keys} | {"space", "tab", "enter"}


def keymap_path() -> Path:
    return user_config_path("filmtui") / "keymap.toml"


def _is_key(text: str) -> bool:
    """True for a key Textual can bind: `x`, `?`, `f5`, `ctrl+r`, `question_mark`."""
    *modifiers, name = text.strip().split("+")
    if not name or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    if (len(name) == 1 and name.isprintable()) or name in _KEY_NAMES:
        return True
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def _not_read(path: Path, error: Exception) -> str:
    return f"{path}: not read ({error}); the default keys apply."


def read_keymap(path: Path, binding_ids: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """The usable entries of the keymap at `path`, and a line for each problem.

    A missing file is no problem: the defaults apply. `binding_ids` is iterated
    only when the file exists: the app's (`tui.app.binding_ids`) imports every
    screen that owns a binding.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as error:
        return {}, [_not_read(path, error)]
    import tomllib  # only when there is a keymap: most runs have none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return {}, [_not_read(path, error)]
    known = set(binding_ids)
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in data.items():
        if binding_id not in known:
            problems.append(f"{path}: no binding is called “{binding_id}”; it is ignored.")
        elif not isinstance(keys, str) or not all(map(_is_key, keys.split(","))):
            problems.append(f"{path}: “{binding_id}” = {keys!r} is not a key; its default is kept.")
        else:
            keymap[binding_id] = keys
    return keymap, problems
