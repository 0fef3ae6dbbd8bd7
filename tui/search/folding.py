"""Text in the form searching compares, and the way back to the original text.

Folding writes typeset quotes and dashes as they are typed (`’` → `'`, `—` →
`-`), decomposes (NFKD: `ｃａｆé` → `cafe` plus an accent, `ﬁ` → `fi`), drops
the combining marks, case-folds (`ß` → `ss`) and writes the letters of every
other script in Latin with `anyascii` (`Солярис` → `solyaris`, `Ελλάδα` →
`ellada`), so that a query in one script finds a title in the other
(`solyaris` finds *Солярис*, `сталкер` finds *Stalker*). Cyrillic is written
as anyascii writes it (`й` → `y`, `ё` → `e`, `щ` → `shch`, `х` → `kh`,
`Тарковский` → `tarkovskiy`), except that the hard and soft signs (`ъ`, `ь`)
are dropped, not made apostrophes (which would split a word in two).

It works character by character, so a match found in folded text can be mapped
back to the characters of the original that produced it: that is how highlights
are placed on the text as the user wrote it. A text's other common romanisation
(`other_spelling`: `Андрей Рублёв` → `andrei rublyov`, `Тарковский` →
`tarkovsky`) is not: the searchable text holds it besides, after a new line, so
that it matches, but it is never highlighted. Knows nothing of Textual.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import compress
from operator import not_

from anyascii import anyascii

FOLDING_VERSION = 3
"""Bumped whenever what `fold` or `fold_searched` gives for some text changes: a kept
index of folded text is good only for the version it was built with."""

WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SIGNS = frozenset("ъьЪЬ")

Span = tuple[int, int]


class _Folds(dict[int, str]):
    """What each character folds to, worked out when first met (`str.translate`
    then folds a text in C)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_one(chr(code))
        return folded


# Typeset quotes and dashes, as a keyboard types them: `don't` finds *Don’t Look
# Now*, `spider-man` *Spider‐Man*. (It also keeps most folded text ASCII, at one
# byte a character.)
_TYPED = dict.fromkeys("‘’‚‛′", "'") | dict.fromkeys("“”„‟″«»", '"') | dict.fromkeys("‐‑‒–—―−", "-")


def _fold_one(char: str) -> str:
    if char.isascii():
        return char.lower()
    if char in _TYPED:
        return _TYPED[char]
    if CYRILLIC.match(char):  # before NFKD, which would make `й` an `и`
        return "" if char in _SIGNS else anyascii(char).lower()
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(compress(decomposed, map(not_, map(unicodedata.combining, decomposed))))
    return "".join(map(_in_latin, kept.casefold()))


def _in_latin(char: str) -> str:
    """A letter or digit of another script in Latin; anything else as it is."""
    if char.isascii() or unicodedata.category(char)[0] not in "LN":
        return char
    return anyascii(char).lower() or char


FOLDS = _Folds()
"""What each character folds to (`str.translate` a text with them)."""


def fold(text: str) -> str:
    """`text` without accents or case, in Latin letters: `Café` → `cafe`, `Ёлка` → `elka`."""
    if text.isascii():
        return text.lower()  # the same as casefold() for ASCII, and much faster
    return text.translate(FOLDS)


def fold_char(char: str) -> str:
    """What one character folds to; `fold(text)` is these joined."""
    return FOLDS[ord(char)]


def fold_with_origins(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each folded character the index it came from."""
    pieces: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char) if not char.isascii() or char.isupper() else char
        pieces.append(folded)
        origins.extend([index] * len(folded))
    return "".join(pieces), origins


# The other common way of writing Russian in Latin letters, by what it changes:
# `-ий`/`-ый` at the end of a word as `y` (Tarkovsky, Bely), `ё` as `yo`
# (`o` after ж, ч, ш, щ: Rublyov, Khrushchov), `й` as `i` (Andrei).
_OTHER_WAYS = (
    (re.compile(r"[иы]й(?!\w)"), "y"),
    (re.compile(r"(?<=[жчшщ])ё"), "o"),
    (re.compile(r"ё"), "yo"),
    (re.compile(r"й"), "i"),
)


def other_spelling(text: str) -> str:
    """`text` folded with the other common romanisation of its Cyrillic (see
    `_OTHER_WAYS`); "" when it has none that differs from `fold(text)`."""
    if text.isascii() or not CYRILLIC.search(text):
        return ""
    other = text.lower()
    for pattern, latin in _OTHER_WAYS:
        other = pattern.sub(latin, other)
    folded = fold(other)
    return "" if folded == fold(text) else folded


def with_other_spelling(folded: str, text: str) -> str:
    """`folded` (which is `fold(text)`), and the other spelling of `text` on a new line
    after it if it has one: what the searchable text holds of `text`."""
    other = other_spelling(text)
    return f"{folded}\n{other}" if other else folded


def fold_searched(text: str) -> str:
    """`text` as the searchable text holds it: `with_other_spelling(fold(text), text)`."""
    return with_other_spelling(fold(text), text)


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
