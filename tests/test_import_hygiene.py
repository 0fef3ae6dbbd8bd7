"""At run time, the plain-Python packages load neither Textual nor Rich.

The import-linter contracts (`[tool.importlinter]` in pyproject.toml) read
the static graph of filmtui's own imports; they cannot see a library we use
that pulls Textual or Rich in itself. This test imports every module of
those packages (found by walking them, so a new module is covered) in a
fresh interpreter and looks at `sys.modules`.
"""

from __future__ import annotations

import subprocess
import sys

PLAIN = ["tui.model", "tui.store", "tui.search", "tui.transfer"]
PLAIN_MODULES = ["tui.finder", "tui.safe_text", "tui.gc_paused"]
FORBIDDEN = ("textual", "rich")

PROGRAM = f"""
import importlib, pkgutil, sys
names = {PLAIN_MODULES!r}
for package in {PLAIN!r}:
    names.append(package)
    path = importlib.import_module(package).__path__
    names += [info.name for info in pkgutil.walk_packages(path, package + ".")]
for name in names:
    importlib.import_module(name)
print(len(names))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {FORBIDDEN!r})
print(" ".join(loaded))
"""


def test_the_plain_packages_load_neither_textual_nor_rich() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True
    )
    count, loaded = done.stdout.split("\n")[:2]
    assert int(count) > 20  # every module was imported, not just the packages
    assert loaded == ""
