"""One search over the catalog, in steps of a few milliseconds. Knows nothing of Textual.

`tui.search.index` reads the query and the filters; this module finds the films
and puts them in order, a chunk of films per step, so that a caller in a
thread can drop a search between steps (the user typed again) and can show
the first films before the last ones are looked at.

The index keeps its films in year order, and films are known by their
position in it. The work is done over chunks of consecutive positions: a
film's strings then lie next to those of its neighbours in memory, which
makes the substring tests several times faster than visiting films in any
other order (a million films do not fit in the CPU's caches). Year order and
relevance (tiers, then year) therefore come out as the chunks go; title
order is read out of a byte per film at the end, and its first films are
looked for first, in title order, among the first few thousand.

Relevance looks at the titles first (tiers 0 to 4, `tui.search.orders`), then at
the rest of the text of the films whose titles did not place them. Only the
titles that hold the query's rarest title word need reading when it is in few
titles (the title words say which). The first screen comes as soon as it is
known: at once when the titles that are, or start with, the query's words
fill it, else once the title tiers before it are complete (tiers 0 to 2 come
from the title words, and tier 3 in year order, chunk by chunk).
"""

from __future__ import annotations

from array import array
from collections.abc import Generator, Sequence
from itertools import chain, compress, repeat
from operator import contains, or_
from typing import NamedTuple

from tui.search.fuzzy import Vocabulary
from tui.search.masks import and_not, flipped, items_at, mask_of, pick, put
from tui.search.match_cache import MatchCache
from tui.search.orders import Orders, Tier, padded_words, plain_words, tiers
from tui.search.query import Term

# Films per step: small at first, so that the first screen comes quickly, then
# bigger (a step of 16,000 films holds the GIL for a few milliseconds at a time).
CHUNKS = (1_000, 4_000, 16_000)
# How far into title order the first screen is looked for before the whole
# catalog is searched in year order (films visited out of order cost more).
EARLY_BUDGET = 20_000
# Only the titles holding a term are read for the title tiers when that term
# is in fewer than one title in WORDS_SHARE; else every title is.
WORDS_SHARE = 8

OUT = 6  # a film the query does not match (tiers are 0 to 5)
PENDING = 7  # not in a title tier; tier 5 if the rest of its text matches
_TITLE_TIER = bytes.maketrans(bytes(range(8)), b"\x01" * Tier.ELSEWHERE + b"\x00\x00\x00")
_NOT_PENDING = bytes.maketrans(bytes(range(8)), b"\x01" * PENDING + b"\x00")
_ELSEWHERE_PENDING = bytes.maketrans(bytes([Tier.ELSEWHERE]), bytes([PENDING]))
_IS = [bytes.maketrans(bytes(range(8)), bytes(v == level for v in range(8))) for level in range(8)]

Steps = Generator[Sequence[int] | None, None, Sequence[int]]
"""Yields None after each step, or the first films once they are known; returns them all
(as an array: a million positions in a list would cost 36 MB, and every full
garbage collection would walk them)."""


class Plan(NamedTuple):
    """What a film must satisfy, once the filters (year, favourites, ratings) are applied.

    Each term comes with the films whose title has a word spelled close to it
    (as a set and as a mask, a byte per film; None when there are none).
    (A named tuple, not a dataclass: quicker to import, which every start pays.)
    """

    terms: tuple[tuple[Term, bytes | None], ...]
    excluded: tuple[Term, ...]
    close: dict[Term, set[int]]

    @property
    def ranked(self) -> list[tuple[Term, bytes | None]]:
        """The terms that count for relevance: plain words, phrases and `title:`."""
        return [(term, loose) for term, loose in self.terms if term.field in (None, "title")]

    @property
    def titles_decide(self) -> bool:
        """True when a film with every term in its title (or close) surely matches."""
        return not self.excluded and len(self.ranked) == len(self.terms)


class StepwiseSearch:
    """The steps of one search (see the module docstring)."""

    def __init__(
        self,
        masks: MatchCache,
        orders: Orders,
        vocabulary: Vocabulary,
        title_words: Sequence[str],
        plan: Plan,
        candidates: bytes | None,
        first: int | None,
    ) -> None:
        """`candidates` has a byte per film, 1 for the films the filters keep (None: all);
        `first` is how many films to yield as soon as they are known (None: none)."""
        self._masks = masks
        self._orders = orders
        self._vocabulary = vocabulary
        self._title_words = title_words
        self._plan = plan
        self._candidates = candidates
        self._first = first
        self._size = len(title_words)
        self._starts: tuple[list[int], list[int]] | None = None
        self._start_masks: tuple[bytes, bytes] | None = None

    # -- the three orders ----------------------------------------------------

    def by_year(self) -> Steps:
        found = array("q")  # not a list: the collector never walks an array
        first = self._first
        for chunk in self._chunks(range(self._size)):
            found.extend(self.match(chunk))
            if first is not None and len(found) >= first:
                yield found[:first]
                first = None
            else:
                yield None
        return found

    def by_title(self) -> Steps:
        title_order = self._orders.title_order
        if self._first is not None:
            early, _ = yield from self._matching(title_order[:EARLY_BUDGET], self._first)
            if len(early) >= self._first:
                yield early[: self._first]
        matched = bytearray(self._size)
        for chunk in self._chunks(range(self._size)):
            put(matched, self.match(chunk), repeat(1))
            yield None
        found = array("q")
        for start in range(0, self._size, CHUNKS[-1] * 2):
            part = title_order[start : start + CHUNKS[-1] * 2]
            found.extend(compress(part, map(matched.__getitem__, part)))
            yield None
        return found

    def by_relevance(self) -> Steps:
        first = self._first
        head: list[int] = []
        through_words = False  # True when `head` is the whole of tiers 0 to 2
        if first is not None:
            head, through_words = yield from self._known_head(first)
            if len(head) >= first:
                yield head[:first]
                first = None
        tiered: list[list[int]] = [[] for _ in range(Tier.ELSEWHERE)]
        pending: list[Run] = []  # the films in no title tier, a run at a time
        films = self._title_tier_candidates()
        whole_catalog = isinstance(films, range)
        placed = bytearray(0 if whole_catalog else self._size)
        for chunk in self._chunks(films):
            levels = self._title_tiers(chunk)
            for tier, members in enumerate(tiered):
                if tier in levels:
                    members.extend(compress(chunk, levels.translate(_IS[tier])))
            if whole_catalog:
                pending.append(_run(chunk, levels.translate(_IS[PENDING])))
            else:
                put(placed, compress(chunk, levels.translate(_NOT_PENDING)), repeat(1))
            in_title = tiered[Tier.IN_TITLE]
            if first is not None and through_words and len(head) + len(in_title) >= first:
                # Tier 3 comes in year order, chunk by chunk: its first films are known.
                yield (head + in_title)[:first]
                first = None
            else:
                yield None
        if not whole_catalog:  # the films not looked at are pending too
            pending = yield from self._pending(bytes(placed))
        found = array("q", chain.from_iterable(tiered))
        for chunk, flags in pending:
            if first is not None and len(found) >= first:
                yield found[:first]
                first = None
            if flags is None:
                found.extend(self.match(chunk))
            elif 1 in flags:
                start = chunk[0]
                found.extend(p for p in self.match(chunk) if flags[p - start])
            yield None
        return found

    # -- matching --------------------------------------------------------------

    def match(self, chunk: Sequence[int]) -> list[int]:
        """Those films of `chunk` that every term matches and no excluded term does."""
        alive: Sequence[int] = chunk
        for term, loose in self._plan.terms:
            if not alive:
                return []
            flags = self._masks.flags(term.field, term.text, alive)
            if loose is not None:
                flags = bytes(map(or_, flags, pick(loose, alive)))
            alive = list(compress(alive, flags))
        for term in self._plan.excluded:
            if not alive:
                return []
            flags = self._masks.flags(term.field, term.text, alive)
            alive = list(compress(alive, flipped(flags)))
        return list(alive)

    def _chunks(self, films: Sequence[int]) -> Generator[Sequence[int], None, None]:
        """Those of `films` the filters keep, a chunk at a time (small ones first)."""
        start, sizes = 0, iter(CHUNKS)
        size = next(sizes)
        while start < len(films):
            chunk = films[start : start + size]
            if self._candidates is not None:
                chunk = list(compress(chunk, pick(self._candidates, chunk)))
            if chunk:
                yield chunk
            start += size
            size = next(sizes, size)

    # -- relevance ---------------------------------------------------------------

    def _known_head(self, wanted: int) -> Generator[None, None, tuple[list[int], bool]]:
        """The first films of relevance order that need no title read: those whose title
        is, or starts with, the query's words (tiers 0 and 1), then, when every term
        is a word, those whose title has each as a whole word (tier 2, from the
        title words). Returns them (`wanted` or more, if there are) and whether
        they are all of tiers 0 to 2."""
        exact, starting = self._title_starts()
        head, _ = yield from self._matching(exact, None)
        exact_set = set(exact)
        more, done = yield from self._matching(
            [p for p in starting if p not in exact_set], wanted - len(head)
        )
        head += more
        ranked = [term for term, _ in self._plan.ranked]
        if not done or not all(term.text.isalnum() and not term.phrase for term in ranked):
            return head, False
        postings = sorted((self._vocabulary.films_with(term.text) for term in ranked), key=len)
        whole = set(postings[0]).intersection(*postings[1:])
        whole.difference_update(starting)
        if self._plan.titles_decide:  # a whole word of the title is in the title: a match
            tier = [p for chunk in self._chunks(sorted(whole)) for p in chunk]
        else:
            tier, _ = yield from self._matching(sorted(whole), None)
        return head + tier, True

    def _matching(
        self, films: Sequence[int], wanted: int | None
    ) -> Generator[None, None, tuple[list[int], bool]]:
        """The films of `films` that match, in order: all of them, or the first
        `wanted` or more; and whether all of `films` were looked at."""
        found: list[int] = []
        for chunk in self._chunks(films):
            if wanted is not None and len(found) >= wanted:
                return found, False
            found.extend(self.match(chunk))
            yield None
        return found, True

    def _title_starts(self) -> tuple[list[int], list[int]]:
        """The films whose title is the query's words, and those whose title starts with them."""
        if self._starts is None:
            plain = plain_words([term for term, _ in self._plan.ranked])
            self._starts = (
                self._orders.titles_from(plain, prefix=False),
                self._orders.titles_from(plain, prefix=True),
            )
        return self._starts

    def _title_start_masks(self) -> tuple[bytes, bytes]:
        if self._start_masks is None:
            exact, starting = self._title_starts()
            self._start_masks = (
                mask_of(exact, self._size),
                mask_of(starting, self._size),
            )
        return self._start_masks

    def _title_tier_candidates(self) -> Sequence[int]:
        """The films that may be in a title tier (tiers 0 to 4), in year order.

        Every film (`range`), unless one of the terms is a word that is in
        few titles (fewer than one in WORDS_SHARE, known from the title words
        without reading a title): then the films whose title holds it or a
        word spelled close to it, and those whose title starts with the
        query's words, are all that need looking at.
        """
        fewest: set[int] | None = None
        most = self._size // WORDS_SHARE
        for term, _ in self._plan.ranked:
            if term.phrase or not term.text.isalnum():
                continue
            holding = self._vocabulary.films_containing(term.text, most)
            if holding is not None:
                fewest, most = holding | self._plan.close.get(term, set()), len(holding)
        if fewest is None:
            return range(self._size)
        exact, starting = self._title_starts()
        return sorted(fewest.union(exact, starting))

    def _pending(self, placed: bytes) -> Generator[None, None, list[Run]]:
        """The films (the filters keep) that `placed` does not hold, in year order, a
        run at a time."""
        pending: list[Run] = []
        for chunk in self._chunks(range(self._size)):
            pending.append(_run(chunk, flipped(pick(placed, chunk))))
            yield None
        return pending

    def _title_tiers(self, chunk: Sequence[int]) -> bytes:
        """The level of each film of `chunk`: its title tier if it matches (see
        `tui.search.orders.tiers`), OUT if it does not, PENDING if its title says nothing."""
        ranked = self._plan.ranked
        size = len(chunk)
        in_title = fuzzy = (1 << (8 * size)) - 1  # as ints, every byte 0xff, then ANDed
        for term, loose in ranked:
            flags = self._masks.flags("title", term.text, chunk)
            in_title &= int.from_bytes(flags, "little")
            if loose is not None:
                flags = bytes(map(or_, flags, pick(loose, chunk)))
            fuzzy &= int.from_bytes(flags, "little")
        in_title_flags = in_title.to_bytes(size, "little")
        fuzzy_flags = fuzzy.to_bytes(size, "little")
        exact, starting = self._title_start_masks()
        found = tiers(
            pick(exact, chunk),
            pick(starting, chunk),
            self._whole_words(chunk, in_title_flags, ranked),
            in_title_flags,
            fuzzy_flags,
        )
        # A title tier says how well a film matches, not that it does: check
        # those its title does not vouch for.
        levels = bytearray(found.translate(_ELSEWHERE_PENDING))
        sure = fuzzy_flags if self._plan.titles_decide else bytes(size)
        unsure = list(compress(range(size), and_not(found.translate(_TITLE_TIER), sure)))
        if unsure:
            films = [chunk[i] for i in unsure]
            matched = set(self.match(films))
            failed = [i for i, film in zip(unsure, films, strict=True) if film not in matched]
            put(levels, failed, repeat(OUT))
        return bytes(levels)

    def _whole_words(
        self, chunk: Sequence[int], in_title: bytes, ranked: list[tuple[Term, bytes | None]]
    ) -> bytes:
        """1 for the films of `chunk` whose title has every term as a whole word (or words)."""
        whole = bytearray(len(chunk))
        spots = list(compress(range(len(chunk)), in_title))
        if not spots:
            return bytes(whole)
        padded = list(compress(items_at(self._title_words, chunk), in_title))
        for term, _ in ranked:
            ok = list(map(contains, padded, repeat(padded_words(term.text))))
            spots = list(compress(spots, ok))
            padded = list(compress(padded, ok))
        put(whole, spots, repeat(1))
        return bytes(whole)


Run = tuple[Sequence[int], bytes | None]
"""Films in year order and, when they are a range, which of them are pending (1)."""


def _run(chunk: Sequence[int], pending: bytes) -> Run:
    """The films of `chunk` that `pending` flags: the range and the flags when it is
    a range (which the masks of the texts read and write as one slice, where a list
    of positions costs a call for each), else a list of those films."""
    if isinstance(chunk, range):
        return chunk, pending
    return list(compress(chunk, pending)), None
