"""Fuzz the query parser, the opening of damaged catalogs and the importers.

    python -m benchmarks.fuzz [--seconds 60] [--seed N]

Hypothesis makes the inputs; each goes through `filmtui`'s own entry point
(`tui.cli.main.main`, in this process, standard output and error captured),
so the harness holds whatever shape the store and transfer packages take.
What must hold, for every input:

- query: `parse_query` never raises, and `list -q TEXT` ends with status 0
  or 1 and prints JSON;
- catalog: `list` of a random or damaged catalog ends with 0, 1 or 2, says
  why in one line when it is 2, and never changes the file;
- import: `import --dry-run` of a random JSON or CSV file or random bytes
  ends with 0 or 2 in one line and changes nothing; a real import leaves a
  library that still lists.

Nowhere a traceback, nor the CLI's "unexpected …" line for a bug. Everything
happens in a temporary folder (XDG_* point there and every command gets
`--db`): the user's real library is never touched. It prints what it tried
and what held; like the other benchmarks it never fails a build.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning

SYNTAX = [
    "year:", "rating:", "title:", "desc:", "fact:", "note:", "is:", "is:fav", "is:watched",
    '"', "-", "..", ">", ">=", "<", "<=", "=", "1961", "0", "9" * 5000, "\ud800", "\x1b[2J",
    "\u202e", "\u200f", " ", "\t", "\n", "ё", "İ", "ß", "ﬁ", "\u0301", "[/]", "*", "\\",
]  # fmt: skip
# Fragments that have broken JSON readers: huge numbers, deep nesting, surrogates, NaN.
POISON = [
    "1" * 5000, '"' + "2" * 5000 + '"', "[" * 100_000, "{" * 50_000, '"\\ud800"', "NaN",
    "1e400", "-0", "null", '"\\u0000"', "\ufeff", "\x00", '{"films": []}', '"films"',
    '{"1": {"title": 1}}', ",", "}", "]",
]  # fmt: skip
FIELDS = ["id", "title", "year", "description", "fact", "favourite", "rating", "watched", "notes"]

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(SYNTAX)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
documents = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), json_values, max_size=9)


@dataclass
class Target:
    """One thing fuzzed: how many inputs it got, their outcomes, what did not hold."""

    name: str
    tried: int = 0
    outcomes: collections.Counter[str] = field(default_factory=collections.Counter)
    failures: dict[str, str] = field(default_factory=dict)  # first line -> the whole


@dataclass(frozen=True)
class Ran:
    status: int
    stdout: str
    stderr: str


class Harness:
    def __init__(self, home: Path) -> None:
        from tui.store.locations import bundled_catalog_bytes

        self.home = home
        self.bundled = bundled_catalog_bytes()
        self.library = home / "library" / "films.json"
        self.library.parent.mkdir()
        self.library.write_bytes(self.bundled)
        self.count = 0

    def filmtui(self, *args: str) -> Ran:
        from tui.cli.main import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(args))
            except SystemExit as stop:  # argparse
                status = stop.code if isinstance(stop.code, int) else 2
        return Ran(status, out.getvalue(), err.getvalue())

    def fresh(self, name: str) -> Path:
        self.count += 1
        folder = self.home / f"{name}-{self.count}"
        folder.mkdir()
        return folder


def held(ran: Ran, statuses: set[int]) -> None:
    """What every command must do: a known status, and no bug on stderr."""
    assert ran.status in statuses, (ran.status, ran.stderr[-500:])
    assert "Traceback (most recent call last)" not in ran.stderr, ran.stderr[-2000:]
    assert not ran.stderr.startswith("filmtui: unexpected "), ran.stderr[-500:]
    if ran.status == 2:
        assert len(ran.stderr.splitlines()) == 1, ran.stderr[-1000:]


def query_check(harness: Harness, target: Target) -> Callable[[], None]:
    from tui.search.query import parse_query

    @given(st.lists(st.sampled_from(SYNTAX) | st.text(max_size=12), max_size=8).map("".join))
    def check(text: str) -> None:
        target.tried += 1
        parse_query(text)
        # --query=TEXT: as a separate argument, "-word" would be taken for an option.
        ran = harness.filmtui(
            "--db", str(harness.library), "list", f"--query={text}", "--format", "json"
        )
        target.outcomes[f"status {ran.status}"] += 1
        held(ran, {0, 1})
        json.loads(ran.stdout or "[]")

    return check


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate as a careless writer leaves it


def damaged(bundled: bytes) -> st.SearchStrategy[bytes]:
    """A catalog as a careless or hostile hand leaves it."""
    cut = st.integers(min_value=0, max_value=len(bundled))
    truncated = cut.map(lambda at: bundled[:at])
    poisoned = st.tuples(cut, st.sampled_from(POISON)).map(
        lambda pair: (
            bundled[: pair[0]] + pair[1].encode("utf-8", "surrogatepass") + bundled[pair[0] :]
        )
    )
    flipped = st.tuples(cut, st.integers(0, 255)).map(
        lambda pair: bundled[: pair[0]] + bytes([pair[1]]) + bundled[pair[0] + 1 :]
    )
    built = st.dictionaries(st.text(max_size=4), documents, max_size=6).map(
        lambda films: json.dumps({"films": films}).encode()
    )
    anything = json_values.map(lambda value: json.dumps(value).encode())
    return truncated | poisoned | flipped | built | anything | st.binary(max_size=200)


def catalog_check(harness: Harness, target: Target) -> Callable[[], None]:
    @given(damaged(harness.bundled))
    def check(raw: bytes) -> None:
        target.tried += 1
        path = harness.fresh("catalog") / "films.json"
        path.write_bytes(raw)
        ran = harness.filmtui("--db", str(path), "list", "--format", "json")
        target.outcomes[f"status {ran.status}"] += 1
        held(ran, {0, 1, 2})
        assert path.read_bytes() == raw, "list changed the catalog"

    return check


def import_files() -> st.SearchStrategy[tuple[str, bytes]]:
    cell = st.sampled_from(SYNTAX + POISON[:3] + ["", "true", "5", '"', "a,b", "\r"]) | st.text(
        max_size=10
    )
    header = st.lists(st.sampled_from(FIELDS) | st.text(max_size=5), min_size=1, max_size=6)
    csv_text = st.tuples(header, st.lists(st.lists(cell, max_size=7), max_size=6)).map(
        lambda parts: "\n".join(",".join(row) for row in [parts[0], *parts[1]])
    )
    as_csv = csv_text.map(lambda text: ("in.csv", text.encode("utf-8", "surrogatepass")))
    as_json = st.lists(documents, max_size=6).map(
        lambda docs: ("in.json", json.dumps(docs).encode())
    )
    poisoned = st.sampled_from(POISON).map(
        lambda text: ("in.json", text.encode("utf-8", "surrogatepass"))
    )
    raw = st.binary(max_size=200).map(lambda data: ("in.csv", data))
    return as_csv | as_json | poisoned | raw


def import_check(harness: Harness, target: Target) -> Callable[[], None]:
    @given(import_files(), st.booleans())
    def check(named: tuple[str, bytes], for_real: bool) -> None:
        target.tried += 1
        folder = harness.fresh("import")
        library = folder / "films.json"
        library.write_bytes(harness.bundled)
        source = folder / named[0]
        source.write_bytes(named[1])
        before = library.read_bytes()
        ran = harness.filmtui("--db", str(library), "import", "--dry-run", str(source))
        target.outcomes[f"dry run {ran.status}"] += 1
        held(ran, {0, 2})
        assert library.read_bytes() == before, "a dry run changed the library"
        if for_real and ran.status == 0:
            ran = harness.filmtui("--db", str(library), "import", str(source))
            target.outcomes[f"import {ran.status}"] += 1
            held(ran, {0, 2})
            listed = harness.filmtui("--db", str(library), "list", "--format", "json")
            held(listed, {0, 1})
            json.loads(listed.stdout or "[]")

    return check


MAX_FAILURES = 3  # distinct ones per target; then the next target gets the time
CHECKS = {"query": query_check, "catalog": catalog_check, "import": import_check}


def run(seconds: float, seed: int | None) -> list[Target]:
    targets = []
    with tempfile.TemporaryDirectory(prefix="filmtui-fuzz-") as home:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            os.environ[name] = str(Path(home) / name.lower())
        harness = Harness(Path(home))
        for name, make in CHECKS.items():
            target = Target(name)
            targets.append(target)
            check = make(harness, target)
            configured = settings(
                max_examples=25,
                deadline=None,
                database=None,
                derandomize=False,
                suppress_health_check=list(HealthCheck),
                # No shrinking: it walks every failure to the first sample that fails
                # (one bug then hides the others), and these inputs are small anyway.
                phases=[Phase.generate],
            )(check)
            if seed is not None:
                from hypothesis import seed as with_seed

                configured = with_seed(seed)(configured)
            ends = time.monotonic() + seconds / len(CHECKS)
            while time.monotonic() < ends and len(target.failures) < MAX_FAILURES:
                try:
                    configured()
                except Exception as failure:  # Hypothesis re-raises the shrunk one
                    said = f"{type(failure).__name__}: {failure}"
                    notes = "\n".join(getattr(failure, "__notes__", []))
                    target.failures.setdefault(said[:200], f"{said[:1000]}\n{notes[:1000]}")
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.fuzz", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=float, default=60, help="total time (default: 60)")
    parser.add_argument("--seed", type=int, help="repeat a run")
    args = parser.parse_args(argv)
    sys.set_int_max_str_digits(4300)  # the default: as a user's Python has it
    warnings.simplefilter("ignore", HypothesisWarning)  # "overly large repr": we cut it
    started = time.monotonic()
    targets = run(args.seconds, args.seed)
    print(f"filmtui fuzz: {time.monotonic() - started:.0f} s, in a temporary folder")
    print(f"{'target':<10}{'tried':>8}  {'held':<9}outcomes")
    for target in targets:
        outcomes = ", ".join(f"{key}: {count}" for key, count in sorted(target.outcomes.items()))
        verdict = f"no ({len(target.failures)})" if target.failures else "yes"
        print(f"{target.name:<10}{target.tried:>8}  {verdict:<9}{outcomes}")
    for target in targets:
        for failure in target.failures.values():
            print(f"\n{target.name} did not hold:\n{failure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
