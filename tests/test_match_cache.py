"""What is known of which film holds which text (`tui.search.match_cache`): the same
answers however the films are asked about, and a run of films asked as one."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from tui.search.match_cache import MatchCache
from tui.search.query import Field

TEXTS = ["star", "starry", "venus", "", "a star", "mars", "stars", "vast"] * 5


def cache(asked: list[list[int]]) -> MatchCache:
    """A cache of `TEXTS`, whose tests are recorded in `asked`."""

    def test(field: Field | None, text: str, positions: list[int]) -> bytes:
        asked.append(list(positions))
        return bytes(text in TEXTS[p] for p in positions)

    return MatchCache(len(TEXTS), test)


def truth(text: str, positions: Sequence[int]) -> bytes:
    return bytes(text in TEXTS[p] for p in positions)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["st", "star", "stars", "a", "v", "mars"]),
            st.integers(0, len(TEXTS)),
            st.integers(0, len(TEXTS)),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_the_answers_are_the_texts_however_the_films_are_asked(
    questions: list[tuple[str, int, int, bool]],
) -> None:
    known = cache([])
    for text, start, stop, as_range in questions:
        positions: Sequence[int] = range(start, stop)
        if not as_range:
            positions = list(positions)
        assert known.flags(None, text, positions) == truth(text, positions)


def test_a_run_of_films_mostly_unknown_is_tested_as_one() -> None:
    """The films of a range, most of them not known, are tested all at once (a few
    again) and written as one slice: not one position at a time."""
    asked: list[list[int]] = []
    known = cache(asked)
    assert known.flags(None, "star", [3]) == truth("star", [3])
    asked.clear()
    assert known.flags(None, "star", range(0, 20)) == truth("star", range(0, 20))
    assert asked == [list(range(0, 20))]
    asked.clear()
    assert known.flags(None, "star", range(10, 30)) == truth("star", range(10, 30))
    assert asked == [list(range(20, 30))]  # half known: only the others
