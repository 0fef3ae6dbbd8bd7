"""Where a query matched in a piece of text, for highlighting. Knows nothing of Textual.

The spans are character offsets into the text as given (not the folded
text), so a widget can style exactly those characters of what it shows.
Fields are named as the search names them (`tui.search.fields`): `title`,
`desc`, `fact`, `notes`, `directors`, `cast`, `genres`, …, `tags`, and a
film's own field as `own_field(name)`. A list is highlighted in the text
that shows it (`Tarkovsky, Lem`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tui.search.fields import Field
from tui.search.folding import Span, find_all, fold_with_origins, merge_spans, spans_in_original

_UNSEARCHED = frozenset({"letterboxd_uri"})  # fields plain words do not search


@dataclass(frozen=True, slots=True)
class Highlighter:
    """The folded needles to mark: `everywhere` (plain words, in every field plain
    words search) and those of one field (`scoped`)."""

    everywhere: tuple[str, ...] = ()
    scoped: Mapping[Field, tuple[str, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.everywhere) or any(self.scoped.values())

    def spans(self, text: str, field: Field) -> list[Span]:
        """The (start, end) character spans of `text` that matched in `field`,
        merged, in order."""
        needles = self.scoped.get(field, ())
        if field not in _UNSEARCHED:
            needles = self.everywhere + needles
        if not needles or not text:
            return []
        folded, origins = fold_with_origins(text)
        found: list[Span] = []
        for needle in needles:
            found.extend(find_all(folded, needle))
        return spans_in_original(merge_spans(found), origins)
