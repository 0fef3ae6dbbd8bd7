"""Favourites survive kills, a second writer, a full disk and read-only files: real processes."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks import crash_test
from tests.conftest import write_catalog
from tui.store.atomic_json import encode, stale_temp_files
from tui.store.locations import (
    backup_path,
    bundled_catalog_bytes,
    personal_data_path,
    recent_marks_path,
)
from tui.store.opening import open_library
from tui.store.user_file import PERSONAL_TABLE

REPO = Path(__file__).resolve().parent.parent
NOBODY = 65534


def child(*args: str, as_user: list[str] | None = None, **kwargs: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*(as_user or []), sys.executable, "-m", "tests.children", *args],
        cwd=REPO,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def app_marks_first_film(catalog: Path, **kwargs: Any) -> dict[str, Any]:
    """Run the app in a child process, press `f` on the first film, return what it showed."""
    process = child("favourite", str(catalog), **kwargs)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return json.loads(out)


def personal_file_with(catalog: Path, ids: list[str]) -> Path:
    personal = personal_data_path(catalog)
    documents = {str(n): {"id": film_id, "favourite": True} for n, film_id in enumerate(ids, 1)}
    personal.write_bytes(encode({PERSONAL_TABLE: documents}))
    return personal


def test_writers_killed_with_sigkill_lose_no_saved_favourite(tmp_path: Path) -> None:
    figures = crash_test.run(kills=10, store_bytes=400_000, seed=4, directory=tmp_path)
    assert figures.kills == 10
    assert figures.writes_saved > 0
    assert figures.problems == []
    assert figures.losses == 0
    assert figures.unreadable == 0
    assert figures.temp_files_after_open == 0


def test_temp_file_left_by_a_killed_writer_is_removed_at_the_next_start(tmp_path: Path) -> None:
    catalog = crash_test.make_library(tmp_path, 3_000_000)
    personal = personal_data_path(catalog)
    before = personal.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_WRITE, str(catalog)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"
    process.send_signal(signal.SIGKILL)
    process.wait()
    recent = recent_marks_path(catalog)  # where a mark goes once the marks file is big
    temp_files = [
        *stale_temp_files(personal),
        *stale_temp_files(backup_path(personal)),
        *stale_temp_files(recent),
        *stale_temp_files(backup_path(recent)),
    ]
    assert temp_files, "the writer was killed before it made its temp file"
    assert personal.read_bytes() == before
    open_library(catalog)
    assert not any(path.exists() for path in temp_files)


# The writer stops itself inside the write (after the temp file is made and
# filled, before it replaces the real file) and waits there to be killed.
KILLED_MID_WRITE = """
import os, sys, time
from pathlib import Path
import tui.store.atomic_json
from tui.store.opening import open_library

def stop_here(*args):
    print("writing", flush=True)
    time.sleep(60)

tui.store.atomic_json.os.replace = stop_here
open_library(Path(sys.argv[1])).set_favourite("never-saved", True)
"""


def test_favourites_marked_by_two_processes_at_once_all_survive(catalog_path: Path) -> None:
    count = 60
    writers = [
        child("mark", str(catalog_path), prefix, str(count), stdin=subprocess.PIPE)
        for prefix in ("first", "second")
    ]
    for writer in writers:  # both are open before either writes
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
    favourites = open_library(catalog_path).favourites
    for prefix in ("first", "second"):
        assert {f"{prefix}-{n}" for n in range(count)} <= favourites
    assert len(favourites) == 2 * count


def test_file_size_limit_during_a_write_keeps_the_old_store_and_the_app_running(
    catalog_path: Path,
) -> None:
    personal = personal_file_with(catalog_path, [f"old-{n}" for n in range(20)])
    before = personal.read_bytes()
    limit = len(before) + 8  # room for the backup, not for the bigger new file

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail with EFBIG, do not die
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    shown = app_marks_first_film(catalog_path, preexec_fn=limit_file_size)
    assert [notice["title"] for notice in shown["notices"]] == ["Not saved"]
    assert "file-size limit" in shown["notices"][0]["message"]
    assert str(personal) in shown["notices"][0]["message"]
    assert shown["running"]
    assert not shown["star_in_list"]
    assert not shown["detail_says_favourite"]
    assert personal.read_bytes() == before
    assert backup_path(personal).read_bytes() == before
    assert stale_temp_files(personal) == []


# -- read-only files, as a user the file modes apply to ---------------------------


def unprivileged() -> tuple[int, int, list[str]]:
    """The uid/gid to test as, and the command prefix that becomes it.

    Root ignores file modes, so as root the test runs the app as `nobody`
    through `setpriv`; it is skipped where that is impossible.
    """
    if os.geteuid() != 0:
        return os.getuid(), os.getgid(), []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root (file modes do not apply) and setpriv is not installed")
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import tui.app"], cwd=REPO, check=False)
    if probe.returncode != 0:
        pytest.skip("running as root, and user 'nobody' cannot run this checkout")
    return NOBODY, NOBODY, prefix


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="filmtui-ro-"))
    path.chmod(0o755)
    yield path
    for folder in (path, *path.rglob("*")):
        if folder.is_dir():
            folder.chmod(0o755)
    shutil.rmtree(path)


def user_env(folder: Path, uid: int, gid: int) -> dict[str, str]:
    """XDG folders the unprivileged user can write, for the app's own settings."""
    env = dict(os.environ)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        home = folder / name.lower()
        home.mkdir()
        if os.geteuid() == 0:
            os.chown(home, uid, gid)
        env[name] = str(home)
    return env


def library_owned_by(folder: Path, uid: int, gid: int) -> tuple[Path, Path]:
    folder.mkdir()
    catalog = write_catalog(folder / "films.json", [])
    catalog.write_bytes(bundled_catalog_bytes())
    personal = personal_file_with(catalog, ["solaris-1972"])
    for path in (folder, catalog, personal):
        if os.geteuid() == 0:
            os.chown(path, uid, gid)
    return catalog, personal


def assert_not_saved_and_says_why(shown: dict[str, Any], why: str) -> None:
    assert [notice["title"] for notice in shown["notices"]] == ["Not saved"]
    assert why in shown["notices"][0]["message"]
    assert shown["running"]
    assert not shown["star_in_list"]
    assert not shown["detail_says_favourite"]
    assert shown["library_favourites"] == ["solaris-1972"]


def test_read_only_store_file_browses_and_says_why_a_favourite_is_not_saved(
    shared_dir: Path,
) -> None:
    uid, gid, become = unprivileged()
    catalog, personal = library_owned_by(shared_dir / "library", uid, gid)
    catalog.chmod(0o444)
    personal.chmod(0o444)
    before = personal.read_bytes()
    env = user_env(shared_dir, uid, gid)
    shown = app_marks_first_film(catalog, as_user=become, env=env)
    assert_not_saved_and_says_why(shown, f"the file is read-only ({personal})")
    assert personal.read_bytes() == before
    assert not backup_path(personal).exists()


def test_read_only_folder_browses_and_says_why_a_favourite_is_not_saved(
    shared_dir: Path,
) -> None:
    uid, gid, become = unprivileged()
    catalog, personal = library_owned_by(shared_dir / "library", uid, gid)
    catalog.parent.chmod(0o555)
    before = personal.read_bytes()
    env = user_env(shared_dir, uid, gid)
    shown = app_marks_first_film(catalog, as_user=become, env=env)
    assert_not_saved_and_says_why(shown, f"the folder is read-only ({catalog.parent})")
    assert personal.read_bytes() == before
    assert sorted(path.name for path in catalog.parent.iterdir()) == [
        "films.json",
        "films.user.json",
    ]


def test_a_library_opens_where_memory_is_not_over_committed(tmp_path: Path) -> None:
    """Reading a file asks for a buffer of its size, not of the most filmtui reads
    (4 GB): a process allowed 1.5 GB of address space opens a library and its marks."""
    catalog = write_catalog(tmp_path / "films.json", [{"id": "a", "title": "A", "year": 1}])
    open_library(catalog).update_personal("a", {"favourite": True})
    script = (
        "import pathlib, resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (3 << 29, resource.RLIM_INFINITY))\n"
        "from tui.store.opening import open_library\n"
        "print(sorted(open_library(pathlib.Path(sys.argv[1])).favourites))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(catalog)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "['a']\n", "")
