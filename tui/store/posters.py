"""Where a film's poster is, and reading its bytes safely. Plain Python, no images.

A film's `poster` field names an image file: absolute, or relative to the
folder of the catalog file (`~` is the home folder). A film without the field
may still have a poster: `posters/<id>.jpg` (or `.jpeg`, `.png`, `.webp`)
beside the catalog. Decoding the image is the UI's business (and optional);
this module only finds the file and reads it as `tui.store.atomic_json` reads
the store's files: never a FIFO or a device, never more than `POSTER_LIMIT`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.model.film import Film
from tui.store.atomic_json import read_bytes, reason

POSTER_FOLDER = "posters"
POSTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
POSTER_LIMIT = 20 * 1024**2
"""Bytes: a poster is some hundreds of KB; a bigger file is not read at all."""


class PosterError(Exception):
    """A poster file that exists but cannot be read: the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class PosterFile:
    """A poster's bytes, and the path they were read from."""

    path: Path
    data: bytes


def poster_paths(catalog: Path, film: Film) -> tuple[Path, ...]:
    """The files that may hold `film`'s poster, most likely first.

    The `poster` field's file if it is set; otherwise `posters/<id>.<suffix>`
    beside the catalog, if that folder exists (one `stat`: nothing to read in
    the background for a catalog without posters) and the id could not leave
    it (`../x`, `a/b`).
    """
    folder = catalog.parent
    if film.poster.strip():
        path = Path(film.poster.strip()).expanduser()
        return (path if path.is_absolute() else folder / path,)
    film_id = film.id
    if film_id in ("", ".", "..") or Path(film_id).name != film_id or "\\" in film_id:
        return ()
    if not (folder / POSTER_FOLDER).is_dir():
        return ()
    return tuple(folder / POSTER_FOLDER / f"{film_id}{suffix}" for suffix in POSTER_SUFFIXES)


def read_poster(paths: tuple[Path, ...], limit: int = POSTER_LIMIT) -> PosterFile | None:
    """The first of `paths` that exists, read; None when none exists.

    Raises `PosterError` for one that exists but is not a regular file, is
    over `limit` bytes or cannot be read.
    """
    for path in paths:
        try:
            data = read_bytes(path, limit)
        except ValueError:  # a NUL in the path: no such file can exist
            continue
        except OSError as error:
            raise PosterError(f"{path.name} {_why(error)}") from None
        if data is not None:
            return PosterFile(path, data)
    return None


def _why(error: OSError) -> str:
    """What is wrong with a poster file, as the end of a sentence that names it."""
    text = str(error.args[-1]) if error.args else str(error)  # without "[Errno 27]"
    if text.startswith("is "):
        return text
    return f"cannot be read: {reason(error)}"
