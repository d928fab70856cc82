"""build and validate: turn data/raw into the served Parquet file, or check any dataset."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard import config
from dashboard.data.build import build
from dashboard.data.contract import Problem
from dashboard.data.store import DataLoadError, Dataset
from dashboard.userdata.reading import read_user_file, validate_user_dataset


def register(subparsers: argparse._SubParsersAction) -> None:
    build_parser = subparsers.add_parser(
        "build", help="validate data/raw and write the Parquet file"
    )
    build_parser.add_argument(
        "--raw", type=Path, default=config.RAW_DIR, help="dataset folder or XLSX"
    )
    build_parser.add_argument(
        "--out", type=Path, default=config.DATA_FILE, help="Parquet file to write"
    )
    build_parser.set_defaults(handler=run_build)

    validate_parser = subparsers.add_parser(
        "validate", help="check a dataset folder, workbook, CSV or built Parquet file"
    )
    validate_parser.add_argument("path", type=Path)
    validate_parser.set_defaults(handler=run_validate)


def report_problems(problems: list[Problem], what: str) -> None:
    print(f"{what}: {len(problems)} problem(s); nothing was written.", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


def run_build(arguments: argparse.Namespace) -> int:
    problems = build(arguments.raw, arguments.out)
    if problems:
        report_problems(problems, f"build of {arguments.raw} failed")
        return 1
    dataset = Dataset.load(arguments.out)
    print(f"wrote {arguments.out}: {summary(dataset)}")
    return 0


def run_validate(arguments: argparse.Namespace) -> int:
    path: Path = arguments.path
    if path.suffix.lower() == ".parquet":
        try:
            dataset = Dataset.load(path)
        except DataLoadError as error:
            print(f"invalid: {error}", file=sys.stderr)
            return 1
        print(f"valid: {summary(dataset)}")
        return 0
    # The same reader as imports and uploads: encodings, Excel cell formats, Chinese headers.
    read = read_user_file(path)
    problems = read.problems
    if not problems:
        result = validate_user_dataset(read.raw, embedded_catalogue(), origin="embedded")
        problems = result.problems
    if problems:
        report_problems(problems, f"{path} is invalid")
        return 1
    dataset = Dataset(result.observations, result.catalogue)
    print(f"valid: {summary(dataset)}")
    return 0


def embedded_catalogue():
    """The built-in catalogue that users' files may refer to, if the Parquet file is built."""
    try:
        return Dataset.load(config.DATA_FILE).catalogue
    except DataLoadError:
        return None


def summary(dataset: Dataset) -> str:
    frame = dataset.observations
    years = sorted(int(year) for year in frame["year"].unique())
    span = f"{years[0]}–{years[-1]}" if years else "none"
    return (
        f"{len(frame)} observations, {frame['indicator'].nunique()} indicators, "
        f"{frame['area'].nunique()} areas, years {span}, {frame['source'].nunique()} sources"
    )
