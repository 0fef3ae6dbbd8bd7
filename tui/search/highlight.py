"""Where a query matched in a piece of text, for highlighting. Knows nothing of Textual.

The spans are character offsets into the text as given (not the folded
text), so a widget can style exactly those characters of what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.search.folding import Span, find_all, fold_with_origins, merge_spans, spans_in_original
from tui.search.query import Field


@dataclass(frozen=True, slots=True)
class Highlighter:
    """The folded needles to mark in each field."""

    title: tuple[str, ...] = ()
    desc: tuple[str, ...] = ()
    fact: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.title or self.desc or self.fact or self.notes)

    def spans(self, text: str, field: Field) -> list[Span]:
        """The (start, end) character spans of `text` that matched, merged, in order."""
        needles: tuple[str, ...] = getattr(self, field)
        if not needles or not text:
            return []
        folded, origins = fold_with_origins(text)
        found: list[Span] = []
        for needle in needles:
            found.extend(find_all(folded, needle))
        return spans_in_original(merge_spans(found), origins)
