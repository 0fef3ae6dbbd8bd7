"""The byte-vector helpers of the search agree with the obvious loops."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.search import masks
from tui.search.masks import and_not, flipped, gathered, inverse, mask_of, pick, put

flags = st.binary(max_size=40).map(lambda raw: bytes(b & 1 for b in raw))


@st.composite
def mask_and_positions(draw: st.DrawFn) -> tuple[bytes, list[int] | range]:
    mask = draw(st.binary(min_size=1, max_size=40))
    size = len(mask)
    positions: list[int] | range
    if draw(st.booleans()):
        start = draw(st.integers(0, size))
        positions = range(start, draw(st.integers(start, size)))
    else:
        positions = draw(st.lists(st.integers(0, size - 1), max_size=30))
    return mask, positions


@given(mask_and_positions())
def test_pick_reads_the_bytes_at_the_positions_in_their_order(
    case: tuple[bytes, list[int] | range],
) -> None:
    mask, positions = case
    assert pick(mask, positions) == bytes(mask[p] for p in positions)
    assert pick(bytearray(mask), positions) == bytes(mask[p] for p in positions)


@given(mask_and_positions(), st.integers(0, 255))
def test_put_writes_each_value_at_its_position(
    case: tuple[bytes, list[int] | range], value: int
) -> None:
    mask, positions = case
    expected = bytearray(mask)
    for offset, position in enumerate(positions):
        expected[position] = (value + offset) % 256
    written = bytearray(mask)
    put(written, positions, ((value + offset) % 256 for offset in range(len(positions))))
    assert written == expected


@given(flags)
def test_flipped_swaps_zeros_and_ones(mask: bytes) -> None:
    assert flipped(mask) == bytes(1 - b for b in mask)


@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), max_size=40))
def test_and_not_is_one_where_only_the_first_is_one(pairs: list[tuple[int, int]]) -> None:
    a, b = bytes(x for x, _ in pairs), bytes(y for _, y in pairs)
    assert and_not(a, b) == bytes(int(x == 1 and y == 0) for x, y in pairs)


@given(st.integers(0, 40), st.integers(0, 50), st.integers(0, 50))
def test_mask_of_a_range_is_cut_at_the_size(size: int, start: int, stop: int) -> None:
    positions = range(start, stop)
    assert mask_of(positions, size) == bytes(int(p in positions) for p in range(size))


@given(st.integers(1, 40).flatmap(lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n - 1)))))
def test_mask_of_positions_is_one_exactly_there(case: tuple[int, set[int]]) -> None:
    size, positions = case
    assert mask_of(positions, size) == bytes(int(p in positions) for p in range(size))


@given(st.permutations(list(range(45))), st.integers(1, 50))
def test_inverse_of_an_order_says_where_each_position_is(order: list[int], run: int) -> None:
    saved = masks.RUN
    masks.RUN = run  # several runs, or one
    try:
        found = inverse(order)
    finally:
        masks.RUN = saved
    assert [found[p] for p in order] == list(range(len(order)))
    assert inverse([0, 0, 2]) == [1, -1, 2]  # a position twice: another is nowhere


@given(st.lists(st.text(max_size=3), min_size=1, max_size=20), st.data())
def test_gathered_is_the_items_in_that_order(items: list[str], data: st.DataObject) -> None:
    order = data.draw(st.lists(st.integers(0, len(items) - 1), max_size=30))
    start, stop = data.draw(st.integers(0, 30)), data.draw(st.integers(0, 30))
    assert gathered(items, order)(slice(start, stop)) == [items[p] for p in order[start:stop]]


@given(st.integers(-5, 50), st.integers(-5, 50), st.sampled_from([1, 2, 7, -1, -3]))
def test_highest_is_the_max_of_the_positions(start: int, stop: int, step: int) -> None:
    positions = range(start, stop, step)
    if positions:
        assert masks.highest(positions) == max(positions) == masks.highest(list(positions))


@given(st.lists(st.integers(-(2**63), 2**63 - 1), max_size=20), st.integers(1, 4))
def test_an_int_array_made_in_runs_is_the_array(values: list[int], run: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(masks, "RUN", run)
        assert masks.int_array(values) == array("q", values)
        assert masks.int_array(array("q", values)) == array("q", values)


@given(
    st.lists(st.text(max_size=3), max_size=20), st.sampled_from(["", "\0", ", "]), st.integers(1, 4)
)
def test_texts_joined_in_runs_are_the_texts_joined(
    texts: list[str], separator: str, run: int
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(masks, "RUN", run)
        assert masks.joined(separator, texts) == separator.join(texts)
