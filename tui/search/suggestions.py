"""The title nearest to a query that found nothing ("Did you mean …?"). Knows
nothing of Textual."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tui.search.folding import words
from tui.search.query import Query

CUTOFF = 60.0  # rapidfuzz ratio, 0 to 100: how close a title must be to be offered
STEP = 50_000  # titles compared in one call


def title_text(query: Query) -> str:
    """The words of `query` a title could be near: its plain and `title:` words."""
    titled = (term.text for term in query.terms if term.field in (None, "title"))
    return " ".join(words(" ".join(titled)))


def nearest_title(titles: Sequence[str], text: str, stop: Callable[[], bool]) -> int | None:
    """The position of the title in `titles` nearest to `text`, if one is close.

    `stop` is asked between batches of titles (each a short call into C): when
    it says True, the answer is None.
    """
    from rapidfuzz import fuzz, process  # here: the first frame does without it

    best: tuple[float, int] | None = None  # score, position
    for start in range(0, len(titles), STEP):
        if stop():
            return None
        cutoff = CUTOFF if best is None else best[0]
        part = titles[start : start + STEP]
        found = process.extractOne(text, part, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is not None and (best is None or found[1] > best[0]):
            best = (found[1], start + found[2])
    return None if best is None else best[1]
