"""`filmtui import FILE`: bring a collection in, and say what it did.

The file is read (`tui.transfer.sources`: Letterboxd, IMDb, any CSV or JSON)
and planned against the library (`tui.transfer.merging`) before anything is
written; then the films are stored in one write. The report on standard
error is a summary: added, updated, unchanged, skipped with the reasons
counted, and the first few of each (all with `--verbose`); a dry run shows
what an update would change, field by field, and writes nothing at all.
Exit status 2 when the file cannot be read or nothing in it can be imported.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tui.cli.import_progress import Stages, import_progress
from tui.cli.status import EXIT_OK, say
from tui.safe_text import clean_line
from tui.store.library import Library, StoreWriteError
from tui.transfer.merging import Change, Plan, Planned, plan_import
from tui.transfer.sources import BadImportFile, Source, read_source

SHOWN = 5  # lines of each kind in the report, without --verbose


def run_import(
    library: Library,
    path: Path,
    *,
    dry_run: bool,
    mapping: Mapping[str, str | None] | None = None,
    verbose: bool = False,
) -> int:
    with import_progress(sys.stderr) as stages:  # a bar on a terminal, gone before the report
        done = _imported(library, path, stages, dry_run=dry_run, mapping=mapping)
    if isinstance(done, str):
        return say(done)
    source, plan = done
    _report(source, plan, dry_run, verbose)
    if not _importable(source, plan):
        return say(f"{path}: no film in it could be imported; nothing was imported.")
    return EXIT_OK


def _imported(
    library: Library,
    path: Path,
    stages: Stages,
    *,
    dry_run: bool,
    mapping: Mapping[str, str | None] | None,
) -> tuple[Source, Plan] | str:
    """The file read and planned, and written unless a dry run; or why it could not be."""
    try:
        source = read_source(path, mapping, stages.stage(f"reading {path.name}"))
    except BadImportFile as error:
        return f"{error}; nothing was imported."
    records = len(source.records)
    planning = stages.stage(f"planning {records:,} records", records)
    plan = plan_import(library.films, library.all_marks(), source.records, planning)
    if not dry_run and plan.entries and _importable(source, plan):
        stages.stage(f"writing {len(plan.entries):,} films")
        try:
            library.import_entries(plan.entries)
        except StoreWriteError as error:
            return f"could not save the import: {error}; nothing was imported."
    return source, plan


def _importable(source: Source, plan: Plan) -> bool:
    return bool(source.records) and len(plan.skipped) < len(source.records)


def _say(text: str) -> None:
    print(f"filmtui: {clean_line(text)}", file=sys.stderr)


def _list(kind: str, lines: list[str], verbose: bool) -> None:
    shown = lines if verbose else lines[:SHOWN]
    for line in shown:
        print(f"  {kind} {clean_line(line)}", file=sys.stderr)
    if len(lines) > len(shown):
        print(f"  … and {len(lines) - len(shown):,} more (--verbose for all)", file=sys.stderr)


def _report(source: Source, plan: Plan, dry_run: bool, verbose: bool) -> None:
    would = "would be " if dry_run else ""
    _say(f"{source.kind}: {len(source.records):,} records read")
    _say(
        f"{len(plan.added):,} {would}added, {len(plan.updated):,} {would}updated, "
        f"{len(plan.unchanged):,} unchanged, {len(plan.skipped):,} skipped"
        + (f", {len(plan.folded):,} folded into an earlier record" if plan.folded else "")
        + (" (dry run: nothing was changed)" if dry_run else "")
    )
    _list("added", [_film(p) for p in plan.added], verbose)
    _list("updated", [f"{_film(p)}: {_changes(p.changes, verbose)}" for p in plan.updated], verbose)
    _list("skipped", [f"{label}: {reason}" for label, reason in plan.skipped], verbose)
    _list("folded", [f"{label} into {earlier}" for label, earlier in plan.folded], verbose)
    if plan.skipped:
        _say("skipped because: " + _counted(reason for _, reason in plan.skipped))
    if plan.warnings:
        _say(f"{len(plan.warnings):,} values did not fit and were left out (the films were kept):")
        _list("", [f"{label}: {warning}" for label, warning in plan.warnings], verbose)
    if source.ignored:
        _say("left out: " + ", ".join(source.ignored))
    if source.own_fields:
        _say("kept as the films' own fields: " + ", ".join(source.own_fields))


def _film(planned: Planned) -> str:
    return f"{planned.film.title} ({planned.film.year_text})"


def _changes(changes: list[Change], verbose: bool) -> str:
    shown = changes if verbose else changes[:4]
    text = "; ".join(f"{c.name} {_value(c.before)} → {_value(c.after)}" for c in shown)
    return text + (f"; and {len(changes) - len(shown)} more" if len(changes) > len(shown) else "")


def _value(value: Any) -> str:
    if value in (None, "", [], (), False, 0):
        return "—" if value in (None, "", [], ()) else str(value).lower()
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _counted(reasons: Iterable[str]) -> str:
    return ", ".join(f"{reason} ×{count:,}" for reason, count in Counter(reasons).most_common())
