"""A catalog of hostile text: markup, huge words, right-to-left, emoji, controls.

Shared by the hostile-text tests and the terminal (pty) test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MARKUP = [
    "[/]",
    "[/",
    "[REC] 2",
    "[TODO]",
    "a[/b]",
    "[bold]not bold[/bold]",
    "[$accent]x",
    "[@click=app.quit]x[/]",
    "[link=https://example.com]link[/link]",
    "[on red]$variable ${x}",
]

LONG_WORD = "Ы" + "w" * 4998 + "!"

UNICODE = [
    "שלום עולם",  # Hebrew, right to left
    "مرحبا بالعالم",  # Arabic
    "🎬 🚀 👩‍🚀 👨‍👩‍👧",  # emoji and ZWJ sequences
    "zero\u200bwidth\u200cnon\u200djoiner\ufeffbom",
    "e\u0301\u0301\u0301 combining",
    "lone \ud800 surrogate",  # valid JSON ("\\ud800"), not encodable as UTF-8
]

# Control sequences that must never reach the terminal. Each leaves a visible
# marker word behind once its control characters are stripped.
CONTROLS = [
    "Window\x1b]0;PWNED-TITLE\x07",
    "Clear\x1b[2J\x1b[HSCREEN-CLEARED",
    "C1\x9b31mCSI-RED",
    "Bidi\u202eDESREVER\u202c done",
    "Isolate\u2066ISOLATED\u2069 done",
    "Nul\x00Bel\x07Bs\x08Vt\x0bFf\x0cCr\rDel\x7fCONTROLS",
    "Osc8\x1b]8;;https://evil.example\x1b\\LINK-TEXT\x1b]8;;\x1b\\",
]
CONTROL_MARKERS = [
    "PWNED-TITLE",
    "SCREEN-CLEARED",
    "CSI-RED",
    "DESREVER",
    "ISOLATED",
    "CONTROLS",
    "LINK-TEXT",
]


def hostile_documents() -> list[dict[str, Any]]:
    documents = []
    for number, title in enumerate([*MARKUP, *UNICODE, *CONTROLS, LONG_WORD]):
        documents.append(
            {
                "id": f"hostile-{number}",
                "title": title,
                "year": 1960 + number,
                "description": f"About {title} — {title}",
                "fact": f"Fact: {title}",
            }
        )
    return documents


def write_hostile_catalog(path: Path) -> Path:
    """The hostile catalog, written with ASCII escapes (a lone surrogate needs them)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = {str(number): doc for number, doc in enumerate(hostile_documents(), 1)}
    path.write_text(json.dumps({"films": table}, ensure_ascii=True), encoding="ascii")
    return path
