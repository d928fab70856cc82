"""template, import, versions, rollback, diff: users' own data on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from dashboard import config
from dashboard.data.contract import Problem
from dashboard.data.store import DataLoadError, Dataset
from dashboard.userdata import versions
from dashboard.userdata.diff import count_changes, diff_observations

MAX_LISTED = 200  # changes printed by diff and --dry-run (the counts cover all)


def register(subparsers: argparse._SubParsersAction) -> None:
    template = subparsers.add_parser(
        "template", help="write the data template workbook (sheets, notes, examples, id lists)"
    )
    template.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    template.add_argument("--data", type=Path, default=None, help="built data (default: served)")
    template.set_defaults(handler=run_template)

    importing = subparsers.add_parser(
        "import", help="merge a user dataset into the served data, keeping the previous version"
    )
    importing.add_argument("path", type=Path, help="a .csv, .xlsx or dataset folder")
    importing.add_argument("--into", type=Path, default=None, help="served file (DATA_FILE)")
    importing.add_argument(
        "--dry-run", action="store_true", help="print what would change, write nothing"
    )
    importing.set_defaults(handler=run_import_command)

    listing = subparsers.add_parser("versions", help="list the kept versions of the served data")
    listing.add_argument("--into", type=Path, default=None, help="served file (DATA_FILE)")
    listing.set_defaults(handler=run_versions)

    rollback = subparsers.add_parser(
        "rollback", help="serve a kept version again (default: the one before the current)"
    )
    rollback.add_argument("version", nargs="?", default=None, help="a version id, e.g. v0002")
    rollback.add_argument("--into", type=Path, default=None, help="served file (DATA_FILE)")
    rollback.set_defaults(handler=run_rollback)

    diff = subparsers.add_parser(
        "diff", help="values added, removed and changed between two data files or versions"
    )
    diff.add_argument("before", help="a .parquet file, a version id, or 'current'")
    diff.add_argument("after", help="a .parquet file, a version id, or 'current'")
    diff.add_argument("--csv", type=Path, default=None, help="also write every change to a CSV")
    diff.add_argument("--into", type=Path, default=None, help="the file 'current' means")
    diff.set_defaults(handler=run_diff)


def _served(arguments: argparse.Namespace) -> Path:
    return Path(arguments.into or config.DATA_FILE)


def _problems(problems: list[Problem], what: str) -> None:
    print(f"{what}: {len(problems)} problem(s); nothing was written.", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


# ---------------------------------------------------------------- template


def run_template(arguments: argparse.Namespace) -> int:
    from dashboard.userdata.template import write_template

    try:
        dataset = Dataset.load(arguments.data or config.DATA_FILE)
    except DataLoadError as error:
        print(f"cannot write the template: {error}", file=sys.stderr)
        return 2
    out: Path = arguments.out
    if out.suffix.lower() != ".xlsx":
        print("the template is a workbook: give --out a name ending in .xlsx", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    write_template(out, dataset)
    print(f"wrote {out}")
    return 0


# ---------------------------------------------------------------- import


def run_import_command(arguments: argparse.Namespace) -> int:
    from dashboard.userdata.importing import run_import

    served = _served(arguments)
    try:
        plan = run_import(arguments.path, served, dry_run=arguments.dry_run)
    except versions.VersionError as error:
        print(f"import of {arguments.path} failed: {error}", file=sys.stderr)
        return 2
    if not plan.ok:
        _problems(plan.problems, f"import of {arguments.path} refused")
        return 1
    assert plan.changes is not None and plan.catalogue_changes is not None
    print(_summary_line(plan.counts(), plan.catalogue_changes))
    for line in change_lines(plan.changes, Dataset(plan.observations, plan.catalogue)):
        print(f"  {line}")
    for line in catalogue_lines(plan.catalogue_changes):
        print(f"  {line}")
    if arguments.dry_run:
        print("dry run: nothing was written.")
    elif plan.entry is None:
        print("nothing to import: the served data already has these values.")
    else:
        print(
            f"imported as {plan.entry.version} into {served} "
            f"(previous: {plan.entry.previous}; undo with: python -m dashboard rollback)"
        )
    return 0


def _summary_line(counts: dict[str, int], catalogue_changes: pd.DataFrame) -> str:
    definitions = len(catalogue_changes)
    return (
        f"{counts.get('added', 0)} added, {counts.get('changed', 0)} changed, "
        f"{counts.get('removed', 0)} removed, {counts.get('preferred', 0)} preferred reading(s) "
        f"switched, {counts.get('corrected', 0)} quote(s) or note(s) corrected; "
        f"{definitions} definition(s) added or changed; "
        f"{counts.get('observations', 0)} observations after the import."
    )


def change_lines(changes: pd.DataFrame, dataset: Dataset) -> list[str]:
    """One readable line per change: what, where, when, from -> to, and the source."""
    lines = []
    for row in changes.head(MAX_LISTED).itertuples(index=False):
        area = str(row.area)
        try:
            area = f"{area} {dataset.area_name(area, 'zh')}"
        except KeyError:
            pass
        breakdown = f" [{row.dimension}={row.category}]" if row.dimension else ""
        where = f"{row.indicator}{breakdown} · {area} · {row.year}"
        before = exact_value(row.value_before, row.unit)
        after = exact_value(row.value_after, row.unit)
        source = f"(source: {row.source or 'none'})"
        if row.change == "added":
            text = f"added      {where}: {after} {source}"
        elif row.change == "removed":
            text = f"removed    {where}: {before} {source}"
        elif row.change == "changed":
            text = f"changed    {where}: {before} -> {after} {source}"
        elif row.change == "corrected":
            text = f"corrected  {where}: {after} {source}: quote or note corrected"
        else:
            now = "now preferred" if row.preferred_after else "no longer preferred"
            text = f"preferred  {where}: {after} {source} {now}"
        lines.append(text)
    if len(changes) > MAX_LISTED:
        lines.append(f"... and {len(changes) - MAX_LISTED} more")
    return lines


def exact_value(value: float, unit: str) -> str:
    """Every digit (a dry run must show a change of 5 in 215,005,000): "215,005,000 元"."""
    from dashboard.i18n import format_number

    return f"{format_number(value, 'en', decimals=None)} {unit}".strip()


def catalogue_lines(catalogue_changes: pd.DataFrame) -> list[str]:
    lines = []
    for row in catalogue_changes.itertuples(index=False):
        if not row.field and row.value_after:
            lines.append(f"defined    {row.table[:-1]} {row.id}: {row.value_after}")
        elif not row.field:
            lines.append(f"removed    {row.table[:-1]} {row.id}")
        else:
            lines.append(
                f"redefined  {row.table[:-1]} {row.id}.{row.field}: "
                f"'{row.value_before}' -> '{row.value_after}'"
            )
    return lines


# ---------------------------------------------------------------- versions


def run_versions(arguments: argparse.Namespace) -> int:
    served = _served(arguments)
    try:
        listed = versions.list_versions()
        current = versions.current_version(served)
    except versions.VersionError as error:
        print(str(error), file=sys.stderr)
        return 2
    if not listed:
        print(f"no versions kept yet in {versions.versions_dir()} (the first import keeps one)")
        return 0
    print(f"versions in {versions.versions_dir()} (* = served by {served}):")
    for entry in listed:
        mark = "*" if entry.version == current else " "
        rows = entry.rows.get("observations", "?")
        changes = ""
        if entry.action == "import":
            changes = (
                f" +{entry.rows.get('added', 0)} ~{entry.rows.get('changed', 0)}"
                f" -{entry.rows.get('removed', 0)}"
            )
        print(
            f"{mark} {entry.version}  {entry.time}  {entry.action:<8}  {rows:>6} rows{changes}"
            f"  {entry.file}  sha256:{entry.sha256[:12]}"
        )
    if current is None:
        print("  the served file is not one of these (rebuilt since, e.g. by `make data`)")
    return 0


def run_rollback(arguments: argparse.Namespace) -> int:
    served = _served(arguments)
    try:
        with versions.locked():
            entry = versions.rollback(served, arguments.version)
    except (versions.VersionError, DataLoadError) as error:
        print(f"rollback refused: {error}", file=sys.stderr)
        return 1
    print(
        f"restored {entry.version} to {served} (was {entry.previous}); "
        f"sha256 {entry.sha256[:12]} matches the kept copy"
    )
    return 0


# ---------------------------------------------------------------- diff


def run_diff(arguments: argparse.Namespace) -> int:
    from dashboard.userdata.diff import load_for_diff

    served = _served(arguments)
    try:
        before = load_for_diff(arguments.before, served=served)
        after = load_for_diff(arguments.after, served=served)
        changes = diff_observations(before.observations, after.observations)
    except (versions.VersionError, DataLoadError) as error:
        print(f"cannot diff: {error}", file=sys.stderr)
        return 2
    counts = count_changes(changes)
    print(
        f"{arguments.before} -> {arguments.after}: {counts['added']} added, "
        f"{counts['removed']} removed, {counts['changed']} changed, "
        f"{counts['preferred']} preferred reading(s) switched, "
        f"{counts['corrected']} quote(s) or note(s) corrected"
    )
    for line in change_lines(changes, after):
        print(f"  {line}")
    if arguments.csv is not None:
        changes.to_csv(arguments.csv, index=False, encoding="utf-8-sig")
        print(f"wrote {arguments.csv}")
    return 0
