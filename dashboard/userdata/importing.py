"""Import a user's dataset into the served data file: validate, merge, then write a new version.

Merge rules (docs/USER_DATA.md):

- a reading for an existing key (indicator, area, year, breakdown) from the SAME source
  replaces the served one (reported as changed when its value differs);
- a reading from a different source is added beside it: conflicts are kept, and exactly one
  reading per key stays preferred;
- which one: a row marked preferred=true in the file wins; otherwise a new reading becomes
  preferred only when its source was published after every served reading of that key (the
  contract's rule: later reports correct earlier ones); otherwise the served choice stands,
  since it may be a curator's explicit choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.data.contract import (
    KEY,
    TRUE_WORDS,
    Catalogue,
    Problem,
    RawDataset,
    check_observations,
    finalise_observations,
    parse_year,
)
from dashboard.data.gazetteer import Gazetteer
from dashboard.data.store import DataLoadError, Dataset
from dashboard.userdata import versions
from dashboard.userdata.diff import count_changes, diff_catalogues, diff_observations
from dashboard.userdata.reading import read_user_file, validate_user_dataset

READING_KEY = [*KEY, "source"]


@dataclass
class ImportPlan:
    """What an import would do; `problems` empty means it can be written."""

    file: str
    into: str
    problems: list[Problem] = field(default_factory=list)
    observations: pd.DataFrame | None = None
    catalogue: Catalogue | None = None
    changes: pd.DataFrame | None = None  # diff.CHANGE_COLUMNS
    catalogue_changes: pd.DataFrame | None = None
    entry: versions.Entry | None = None  # set once written
    served_sha256: str = ""  # of the served file the plan was made against

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes_nothing(self) -> bool:
        return (
            self.changes is not None
            and self.changes.empty
            and self.catalogue_changes is not None
            and self.catalogue_changes.empty
        )

    def counts(self) -> dict[str, int]:
        counts = count_changes(self.changes) if self.changes is not None else {}
        if self.observations is not None:
            counts["observations"] = len(self.observations)
        return counts


def plan_import(path: Path, into: Path) -> ImportPlan:
    """Read and validate `path` against the served file `into`, and merge in memory."""
    plan = ImportPlan(file=str(path), into=str(into))
    try:
        plan.served_sha256 = versions.sha256_file(Path(into))
        served = Dataset.load(into)
    except OSError as error:
        plan.problems = [Problem(str(into), None, None, None, f"cannot read: {error.strerror}")]
        return plan
    except DataLoadError as error:
        plan.problems = [Problem(str(into), None, None, None, str(error))]
        return plan
    read = read_user_file(Path(path))
    if read.problems:
        plan.problems = read.problems
        return plan
    validated = validate_user_dataset(read.raw, served.catalogue, origin="embedded")
    plan.problems = validated.problems + _unsourced_rows(read.raw)
    if plan.problems:
        return plan
    marks = _preferred_marks(read.raw, validated.catalogue)
    merged = merge_readings(served.observations, validated.observations, marks, validated.catalogue)
    plan.problems = check_observations(merged, validated.catalogue, str(path))
    if plan.problems:
        return plan
    plan.problems = derived_view_problems(Dataset(merged, validated.catalogue), str(path))
    if plan.problems:
        return plan
    plan.observations = merged
    plan.catalogue = validated.catalogue
    plan.changes = diff_observations(served.observations, merged)
    plan.catalogue_changes = diff_catalogues(served.catalogue, validated.catalogue)
    return plan


def run_import(
    path: Path, into: Path, *, dry_run: bool = False, versions_dir: Path | None = None
) -> ImportPlan:
    """Plan the import; unless dry_run or a problem, write it as a new served version.

    The plan (every check, and every page's view of the merged data) is made before the lock
    is taken, so a refused import writes nothing, not even the versions folder or its lock;
    it is made again under the lock if another import changed the served file meanwhile."""
    plan = plan_import(path, into)
    if dry_run or not plan.ok or plan.changes_nothing:
        return plan  # nothing to write: no version for an import that changes nothing
    with versions.locked(versions_dir):
        if versions.sha256_file(Path(into)) != plan.served_sha256:
            plan = plan_import(path, into)
            if not plan.ok or plan.changes_nothing:
                return plan
        assert plan.observations is not None and plan.catalogue is not None
        plan.entry = versions.commit(
            plan.observations,
            plan.catalogue,
            Path(into),
            file=str(Path(path).resolve()),
            rows=plan.counts(),
            directory=versions_dir,
        )
        return plan


# ---------------------------------------------------------------- rules


def derived_view_problems(dataset: Dataset, label: str) -> list[Problem]:
    """Every page's view of the merged data, built in memory in both languages before the
    import commits: a value that passes the contract but breaks a page (the Sources page, an
    overview, the map, an export) refuses the import instead of blanking the site."""
    from dashboard import views
    from dashboard.state import FilterState

    views.load_all_views()
    problems = []
    for page in sorted(views.VIEWS):
        for lang in ("zh", "en"):
            try:
                views.VIEWS[page](dataset, FilterState(lang=lang))
            except Exception as error:  # noqa: BLE001  # any failure of a page refuses the import
                rule = f"the {page} page cannot be built from the merged data ({error!r})"
                problems.append(Problem(label, None, None, None, rule[:300]))
                break
    return problems


def _unsourced_rows(raw: RawDataset) -> list[Problem]:
    """Every value the dashboard serves names its source (a preview may go without)."""
    frame = raw.tables["observations"]
    label = raw.labels["observations"]
    sources = frame["source"] if "source" in frame.columns else pd.Series("", index=frame.index)
    return [
        Problem(
            label,
            int(index) + 2,  # type: ignore[arg-type]
            "source",
            "",
            "an imported value needs a source",
            "give the source id, defined in the 'sources' sheet or already served",
        )
        for index in frame.index[sources == ""][:50]
    ]


def _preferred_marks(raw: RawDataset, catalogue: Catalogue) -> dict[tuple, str]:
    """(key, source) -> "true" / "false" / "" as the file's preferred column says."""
    frame = raw.tables["observations"]
    if "preferred" not in frame.columns:
        return {}
    gazetteer = Gazetteer(catalogue.areas)
    marks: dict[tuple, str] = {}
    for row in frame.itertuples(index=False):
        text = str(row.preferred).strip().lower()
        if not text:
            continue
        reading = (
            row.indicator,
            gazetteer.resolve(row.area),
            parse_year(row.year),
            row.dimension,
            row.category,
            row.source,
        )
        marks[reading] = "true" if text in TRUE_WORDS else "false"
    return marks


def merge_readings(
    served: pd.DataFrame,
    incoming: pd.DataFrame,
    marks: dict[tuple, str],
    catalogue: Catalogue,
) -> pd.DataFrame:
    """The served readings with the incoming ones merged in (module docstring for the rules)."""
    served_rows = _records(served)
    incoming_rows = _records(incoming)
    dates = {str(source): str(row["date"]) for source, row in catalogue.sources.iterrows()}

    def date(row: dict) -> str:
        return dates.get(row["source"], "")

    by_reading = {_reading(row): row for row in served_rows}
    served_by_key: dict[tuple, list[dict]] = {}
    for row in served_rows:
        served_by_key.setdefault(_key(row), []).append(row)
    incoming_by_key: dict[tuple, list[dict]] = {}
    for row in incoming_rows:
        incoming_by_key.setdefault(_key(row), []).append(row)

    result = [row for row in served_rows if _key(row) not in incoming_by_key]
    for key, new_rows in incoming_by_key.items():
        old_rows = served_by_key.get(key, [])
        if not old_rows:
            result += new_rows  # a new key: the contract already chose among the file's rows
            continue
        replaced = {_reading(row) for row in new_rows if _reading(row) in by_reading}
        readings = [row for row in old_rows if _reading(row) not in replaced] + new_rows
        chosen = _choose(old_rows, new_rows, marks, date)
        for row in readings:
            row["preferred"] = row is chosen
        result += readings
    frame = pd.DataFrame(result)
    return finalise_observations(frame.drop(columns=["obs_id"]))


def _choose(old_rows: list[dict], new_rows: list[dict], marks: dict, date) -> dict:  # noqa: ANN001
    marked = [row for row in new_rows if marks.get(_reading(row)) == "true"]
    if marked:
        return marked[0]
    refused = {_reading(row) for row in new_rows if marks.get(_reading(row)) == "false"}
    old_sources = {row["source"] for row in old_rows}
    newest_served = max(date(row) for row in old_rows)
    challengers = [
        row
        for row in new_rows
        if row["source"] not in old_sources
        and _reading(row) not in refused
        and date(row) > newest_served
    ]
    if challengers:
        # Latest source first; among equals, the one the contract preferred within the file.
        return max(challengers, key=lambda row: (date(row), bool(row["preferred"])))
    current = next(row for row in old_rows if row["preferred"])
    replacement = next((row for row in new_rows if _reading(row) == _reading(current)), None)
    keeper = replacement or current
    if _reading(keeper) not in refused:
        return keeper
    candidates = [
        row for row in old_rows + new_rows if _reading(row) not in refused and row is not current
    ] or new_rows
    return max(candidates, key=lambda row: date(row))


def _records(frame: pd.DataFrame) -> list[dict]:
    data = frame.astype(object).to_dict("records")
    for row in data:
        for column in READING_KEY:
            row[column] = str(row[column]) if column != "year" else int(row[column])
    return data


def _key(row: dict) -> tuple:
    return tuple(row[column] for column in KEY)


def _reading(row: dict) -> tuple:
    return tuple(row[column] for column in READING_KEY)
