"""Searching a user's library: the one way the app and `filmtui list` search.

`tui.search.index` knows films and a query; this module hands it what the library
knows besides: the user's notes and tags (searched like the rest of a film's
text), favourites (`is:fav`) and the other marks (`is:watched`,
`is:watchlist`, `rating:`, `watched:`). It also keeps a big library's index
between runs (`tui.search.kept_index`), keyed by the files its films come
from: the catalog and the user's films (`films.edits.json`), each by size,
time and inode. The user's marks file is not in the key: a favourite, a
rating, a note or a tag leaves the kept index as it is. Before a big catalog is
read, its films are listed from the kept index (`kept_preview`) and searched in
it (`preview_index`); once they are read, they take the place of the stand-ins
there (`adopted`). Knows nothing of Textual.
"""

from __future__ import annotations

import contextlib
import marshal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui import __version__
from tui.gc_paused import gc_paused
from tui.search.folding import FOLDING_VERSION
from tui.search.index import SearchIndex, SearchResult
from tui.search.kept_file import KeptFile, KeptFileError, write_kept
from tui.search.kept_index import FORMAT, open_kept
from tui.search.kept_sweep import sweep_kept
from tui.search.orders import Sort
from tui.search.preview import PreviewFilms, read_preview
from tui.search.query import Query
from tui.store.library import Library
from tui.store.locations import edits_path, kept_index_path, library_path
from tui.store.user_file import signature

KEEP_FROM = 10_000
"""Films from which an index is kept between runs (a smaller one is built in a blink)."""


def kept_key(library: Library) -> dict[str, Any]:
    """What a kept index of `library` must have been built from to be used."""
    return _key_of(library.path)


def _key_of(catalog: Path) -> dict[str, Any]:
    """The key of a kept index of the library whose catalog is `catalog` (resolved):
    its files as they are now, and how the index was made. The films need not
    be read (their count is checked once they are)."""
    return {
        "format": FORMAT,
        "folding": FOLDING_VERSION,  # a kept index folded otherwise is outdated
        "filmtui": __version__,
        "python": [*sys.version_info[:2], marshal.version, sys.byteorder],
        "catalog": str(catalog),
        "files": [signature(catalog), signature(edits_path(catalog))],
    }


def kept_preview(catalog: Path) -> PreviewFilms | None:
    """The films in title order, as far as the first screen needs them, of the
    library whose catalog is at `catalog`, read from its kept index while its
    files are the ones the index was kept from; else None. Reads no catalog.
    """
    catalog = library_path(catalog)
    path = kept_index_path(catalog)
    try:
        file = KeptFile(path, _key_of(catalog))
    except (KeptFileError, OSError):
        return None
    try:
        preview = read_preview(file)
    finally:
        file.close()
    if preview is None:  # damaged: thrown away, to be kept anew once the films are read
        with contextlib.suppress(OSError):
            path.unlink()
    return preview


def library_index(library: Library) -> SearchIndex:
    """The search index of a library's films and the user's notes and tags on them
    (index again when those change); read from the kept one when it is of these
    very files (`keep_index`)."""
    notes, tags = _user_texts(library)
    films = library.films
    key = kept_key(library) if len(films) >= KEEP_FROM else None
    kept = None if key is None else open_kept(kept_index_path(library.path), key, len(films))
    with gc_paused(keeps=3 * len(films)):  # in title order, and titles
        return SearchIndex(films, notes=notes, tags=tags, kept=kept, key=key)


def _user_texts(library: Library) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The user's notes and tags, by film id (searched like the films' own text)."""
    marks = library.all_marks()
    notes = {film_id: mine.notes for film_id, mine in marks.items() if mine.notes}
    tags = {film_id: mine.tags for film_id, mine in marks.items() if mine.tags}
    return notes, tags


def preview_index(library: Library, preview: PreviewFilms) -> SearchIndex | None:
    """The index of the `preview` (`kept_preview`) of the library whose catalog
    `library` stands in for, built from the kept index (call it in a thread):
    it finds what the library's index will, but for what needs the films'
    numbers (`tui.search.preview.reads_numbers`). None if the kept index
    cannot be read whole (the library's is then built from its films)."""
    key = _key_of(library.path)
    kept = open_kept(kept_index_path(library.path), key, len(preview))
    if kept is None:
        return None
    notes, tags = _user_texts(library)
    with gc_paused(keeps=4 * len(preview)):  # the titles, words and texts read
        index = SearchIndex(preview, notes=notes, tags=tags, kept=kept, key=key, titled=True)
        index.build()
    return index if index.from_kept else None


def adopted(index: SearchIndex | None, library: Library) -> SearchIndex:
    """The index of `library`, just read: its preview's (`preview_index`) with the
    library's films in, if it was read from these very files; else built anew."""
    if index is None or not index.from_kept or index.key != kept_key(library):
        return library_index(library)
    return index if index.adopt(library.films, *_user_texts(library)) else library_index(library)


def keep_index(library: Library, index: SearchIndex) -> bool:
    """Keep `index` (built, from `library`) for the next runs; False if it is not
    worth it, is read from a kept one, or the library's files have changed since
    it was made (it would be kept under the wrong key). Call it in a thread.

    A kept index that cannot be written is no loss: the next run builds it again.
    """
    if index.key is None or index.from_kept or kept_key(library) != index.key:
        return False
    path = kept_index_path(library.path)
    try:
        write_kept(path, index.key, index.kept_parts(library.films))
    except OSError:
        return False
    sweep_kept(path)  # the indexes of catalogs gone
    return True


def find_in(
    library: Library,
    index: SearchIndex,
    query: str | Query,
    *,
    favourites_only: bool = False,
    sort: Sort = Sort.RELEVANCE,
) -> SearchResult:
    """Search `index` (built from `library`) with the library's personal fields.

    `favourites_only` keeps the favourites whatever the query says (the app's
    favourites view, `filmtui list --favourites`).
    """
    return index.find(
        query,
        favourites=library.favourites,
        favourites_only=favourites_only,
        personal=library.all_marks(),
        sort=sort,
    )


def find_steps_in(
    library: Library,
    index: SearchIndex,
    query: str | Query,
    *,
    favourites_only: bool = False,
    sort: Sort = Sort.RELEVANCE,
    first: int | None = None,
) -> Iterator[SearchResult | None]:
    """`find_in` a step at a time (see `SearchIndex.find_steps`), for a thread.

    What the library knows of the user is read now, not in the thread.
    """
    return index.find_steps(
        query,
        favourites=library.favourites,
        favourites_only=favourites_only,
        personal=library.all_marks(),
        sort=sort,
        first=first,
    )
