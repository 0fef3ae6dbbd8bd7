"""Typo tolerance: the title words that are spelled close to a query word.

The index keeps one vocabulary of the distinct folded words of all titles,
each with the films it occurs in. A query word is compared with the
vocabulary, not with every film, so the cost depends on how many different
words the titles use, not on how many films there are; the comparison itself
is RapidFuzz's optimal-string-alignment distance (a swap of two neighbouring
letters counts as one typo), which runs in C++.

How many typos a word may have grows with its length: none up to four
letters (so `xyzq` or `star` never match loosely), one for five to seven,
two from eight on. Words made of digits only (years, numbers) never match
loosely.

Close spellings help only when the exact ones are missing or scarce: a word
that more than `FEW_EXACT` titles hold (as a word or part of one) gets none,
so `qk04217`, which ten titles hold, does not bring the titles one typo away
(`Qk047217`, `Qk014217`) after them. Two, not zero: a word one title holds
(`voyagers`, `stars`) may still be meant for the films spelled otherwise
(`Star Voyage`, `Star`), and a transliterated title may be spelled either way
(`solaris`, `solyaris`). Only titles are counted, because only titles match
loosely, and the title words say it without reading a film. Knows nothing of
Textual.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress, repeat
from operator import contains

FEW_EXACT = 2  # a word more titles than this hold finds no close spellings


def max_typos(word: str) -> int:
    """How many edits a query word may be from a title word and still match."""
    if word.isdigit() or not any(c.isalpha() for c in word):
        return 0
    if len(word) <= 4:
        return 0
    if len(word) <= 7:
        return 1
    return 2


class Vocabulary:
    """Distinct title words, by length, and the films each occurs in."""

    def __init__(self) -> None:
        self._added: defaultdict[str, list[int]] = defaultdict(list)
        self._postings: Mapping[str, Sequence[int]] = self._added
        self._by_length: dict[int, list[str]] = {}
        self._words: list[str] = []

    def add(self, position: int, words: Iterable[str]) -> None:
        """Record that the film at `position` has these words in its title."""
        for word in set(words):
            self._added[word].append(position)

    def add_postings(self, postings: Mapping[str, Sequence[int]]) -> None:
        """Take the films of each word at once (as a kept index holds them), instead
        of `add`."""
        self._postings = postings

    @property
    def postings(self) -> Mapping[str, Sequence[int]]:
        """The positions of the films whose titles hold each word (do not change them)."""
        return self._postings

    def freeze(self) -> None:
        """Group the words by length; call once, after the last `add`."""
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._postings:
            if max_typos(word) or len(word) > 3:
                by_length[len(word)].append(word)
        self._by_length = dict(by_length)
        self._words = list(self._postings)

    def films_with(self, word: str) -> Sequence[int]:
        """Positions of the films whose title has exactly this word."""
        return self._postings.get(word, ())

    def films_containing(self, text: str, most: int) -> set[int] | None:
        """The films whose title holds `text`, a word or part of one (letters and
        digits only); None if they are more than `most` (then scan the titles)."""
        found: set[int] = set()
        words = self._words
        lists = list(
            map(self._postings.__getitem__, compress(words, map(contains, words, repeat(text))))
        )
        if sum(map(len, lists)) > most:
            return None
        for films in lists:
            found.update(films)
        return found

    def close_words(self, word: str) -> list[str]:
        """The title words `word` matches loosely: those `spelled_close` to it, unless
        more than `FEW_EXACT` titles hold it."""
        if not max_typos(word) or self.films_containing(word, FEW_EXACT) is None:
            return []
        return self.spelled_close(word)

    def spelled_close(self, word: str) -> list[str]:
        """Title words within `max_typos(word)` edits of `word`, itself excluded."""
        from rapidfuzz import process  # here: the first frame does without it
        from rapidfuzz.distance import OSA

        typos = max_typos(word)
        if not typos:
            return []
        found: list[str] = []
        for length in range(len(word) - typos, len(word) + typos + 1):
            choices = self._by_length.get(length)
            if not choices:
                continue
            for candidate, _distance, _index in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=typos, limit=None
            ):
                if candidate != word:
                    found.append(candidate)
        return found
