"""Where filmtui's files live: the bundled catalog and the user's library."""

from __future__ import annotations

import hashlib
import time
from importlib import resources
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

APP_NAME = "filmtui"
CATALOG_NAME = "films.json"


def bundled_catalog_bytes() -> bytes:
    """The catalog shipped with filmtui, as stored in the wheel.

    In a wheel it is `tui/data/films.json`; in a source checkout (an editable
    install) it is the repository's `data/films.json`.
    """
    packaged = resources.files("tui").joinpath("data", CATALOG_NAME)
    if packaged.is_file():
        return packaged.read_bytes()
    return (Path(__file__).resolve().parents[2] / "data" / CATALOG_NAME).read_bytes()


def default_library_path() -> Path:
    """The user's own library, in the platform's data directory.

    `platformdirs` honours `XDG_DATA_HOME` on Linux.
    """
    return user_data_path(APP_NAME) / CATALOG_NAME


def kept_index_path(catalog: Path) -> Path:
    """Where the search index of a catalog is kept between runs: the user's cache
    directory (`XDG_CACHE_HOME` on Linux), one file per catalog, named after its path."""
    name = hashlib.sha256(str(library_path(catalog)).encode()).hexdigest()[:24]
    return user_cache_path(APP_NAME) / "index" / f"{name}.index"


def personal_data_path(catalog: Path) -> Path:
    """The file beside a catalog that holds the user's favourites.

    Kept apart from the catalog so that marking a favourite never rewrites
    the catalog, and so that two catalogs never share favourites.
    """
    return catalog.with_name(f"{_stem(catalog)}.user.json")


def edits_path(catalog: Path) -> Path:
    """The file beside a catalog of the films the user added, imported or edited."""
    return personal_data_path(catalog).with_name(f"{_stem(catalog)}.edits.json")


def recent_marks_path(catalog: Path) -> Path:
    """The small file of the user's latest marks, once their marks file is big."""
    return personal_data_path(catalog).with_name(f"{_stem(catalog)}.user.recent.json")


def _stem(catalog: Path) -> str:
    return catalog.stem if catalog.suffix == ".json" else catalog.name


def library_path(catalog: Path) -> Path:
    """The one path of a catalog however it is spelled: absolute, links resolved.

    Two spellings of one library (`films.json`, `./films.json`, a link to it)
    then share one user file and one lock.
    """
    return catalog.expanduser().resolve()


def lock_path(catalog: Path) -> Path:
    """The sidecar file locked while a library's files are being written.

    Named after the user's file, so that two catalogs sharing a user file
    (`--db films` and `--db films.json`) share the lock too. Never one of the
    data files themselves: those are swapped by `os.replace`, and a lock held
    on a file that has just been replaced locks nothing.
    """
    personal = personal_data_path(catalog)
    return personal.with_name(f"{personal.name}.lock")


def backup_path(path: Path) -> Path:
    """The rolling backup of a data file, taken before a session's first write."""
    return path.with_name(f"{path.name}.bak")


def kept_backup_path(path: Path) -> Path:
    """Where a copy of `path` is kept that no rolling backup ever overwrites.

    For a lone backup whose file is made anew, or a settings file that could
    not be read and is about to be written over.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.{stamp}.bak")
