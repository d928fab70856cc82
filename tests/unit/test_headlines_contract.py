"""The headlines, events and direction parts of the dataset format."""

from __future__ import annotations

from pathlib import Path

from dashboard.data.build import build
from dashboard.data.store import Dataset
from tests.unit.test_contract import validate_folder, write_dataset

HEADLINES = (
    "program,indicator,dimension,category,order\n"
    "dropout_control,dropouts_returned,,,1\n"
    "dropout_control,return_rate,child_group,registered_poor,2\n"
)
EVENTS = (
    "date,program,title_zh,title_en,source,quote\n"
    "2019-07,dropout_control,排查,Check,cpad,全区12062人失学辍学适龄儿童少年已返学11860人\n"
)


def test_headlines_and_events_are_kept_in_the_catalogue(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "raw")
    (folder / "headlines.csv").write_text(HEADLINES, encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    assert build(folder, tmp_path / "out.parquet") == []
    catalogue = Dataset.load(tmp_path / "out.parquet").catalogue
    assert catalogue.headlines["indicator"].tolist() == ["dropouts_returned", "return_rate"]
    assert catalogue.headlines["category"].tolist() == ["", "registered_poor"]
    assert catalogue.events["date"].tolist() == ["2019-07"]


def test_headline_naming_unknown_indicator_or_category_is_refused(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path)
    (folder / "headlines.csv").write_text(
        "program,indicator,dimension,category,order\n"
        "dropout_control,return_rat,,,1\n"
        "dropout_control,return_rate,child_group,registered_pour,2\n"
        "dropout_control,return_rate,,,x\n",
        encoding="utf-8",
    )
    problems = validate_folder(folder).problems
    found = {(p.file, p.row, p.column): p for p in problems}
    assert (
        found["headlines.csv", 2, "indicator"].suggestion == "did you mean indicator 'return_rate'?"
    )
    assert "registered_poor" in found["headlines.csv", 3, "category"].suggestion
    assert found["headlines.csv", 4, "order"].rule.startswith("order is a whole number")


def test_event_with_unknown_source_and_bad_date_is_refused(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path)
    (folder / "events.csv").write_text(
        "date,program,title_zh,title_en,source,quote\n2019/7,dropout_control,排查,Check,cpadd,q\n",
        encoding="utf-8",
    )
    columns = {p.column for p in validate_folder(folder).problems}
    assert {"date", "source"} <= columns


def test_unknown_direction_is_refused(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path)
    text = (folder / "indicators.csv").read_text(encoding="utf-8").splitlines()
    text = [text[0] + ",direction"] + [line + ",up" for line in text[1:-1]] + [text[-1] + ",better"]
    (folder / "indicators.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    problems = validate_folder(folder).problems
    assert [(p.column, p.value) for p in problems] == [("direction", "better")]


def test_embedded_headlines_cover_every_programme_with_data() -> None:
    dataset = Dataset.load(Path(__file__).parents[2] / "data" / "indicators.parquet")
    declared = set(dataset.catalogue.headlines["program"])
    assert set(dataset.catalogue.programs.index) <= declared
