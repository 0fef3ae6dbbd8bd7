"""Text in the form searching compares, and the way back to the original text.

Folding decomposes (NFKD: `ｃａｆé` → `cafe` plus an accent, `ﬁ` → `fi`), drops
the combining marks and case-folds (`ß` → `ss`). It works character by
character, so a match found in folded text can be mapped back to the
characters of the original that produced it: that is how highlights are
placed on the text as the user wrote it. Knows nothing of Textual.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import compress
from operator import not_

WORD = re.compile(r"\w+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")

Span = tuple[int, int]


def fold(text: str) -> str:
    """`text` without accents or case, NFKD-normalised: `Café` → `cafe`."""
    if text.isascii():
        return text.lower()  # the same as casefold() for ASCII, and much faster
    decomposed = unicodedata.normalize("NFKD", text)
    # Marks are dropped from the runs of non-ASCII characters only (much less
    # to look at than the whole text).
    return _NOT_ASCII.sub(_without_marks, decomposed).casefold()


def _without_marks(run: re.Match[str]) -> str:
    """A run of characters without its combining marks (the loop runs in C)."""
    return "".join(compress(run[0], map(not_, map(unicodedata.combining, run[0]))))


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """What one character folds to; `fold(text)` is these joined."""
    return fold(char)


def fold_with_origins(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each folded character the index it came from."""
    pieces: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char) if not char.isascii() or char.isupper() else char
        pieces.append(folded)
        origins.extend([index] * len(folded))
    return "".join(pieces), origins


def words(folded: str) -> list[str]:
    """The words of folded text: runs of letters and digits."""
    return WORD.findall(folded)


def find_all(haystack: str, needle: str) -> list[Span]:
    """Every (start, end) of `needle` in `haystack`, overlapping ones merged later."""
    spans: list[Span] = []
    if not needle:
        return spans
    start = haystack.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans


def merge_spans(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlapping and touching ones joined."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def spans_in_original(folded_spans: list[Span], origins: list[int]) -> list[Span]:
    """Folded-text spans mapped back onto the original text, merged."""
    mapped = [
        (origins[start], origins[end - 1] + 1)
        for start, end in folded_spans
        if 0 <= start < end <= len(origins)
    ]
    return merge_spans(mapped)
