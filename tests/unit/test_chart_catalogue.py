"""Charts declared as data: the charts table, its contract rules, derived defaults for a
programme without charts, the one renderer, the programme pages and the grouped menu."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import config
from dashboard.components.navigation import THEMES, grouped_programs
from dashboard.data.build import build
from dashboard.data.contract import Catalogue, RawDataset, check_charts, validate_dataset
from dashboard.data.store import Dataset
from dashboard.state import FilterState
from dashboard.userdata.template import template_bytes
from dashboard.userdata.upload import validate_bytes
from dashboard.views import build_view
from dashboard.views.chart_specs import default_specs, program_specs, programs_with_pages

FIXTURE = Path(__file__).parents[1] / "fixtures" / "userdata" / "test_upload_new_programme.xlsx"
NEW_PROGRAMME = "test_vocational_aid"
LHASA, SHIGATSE = "540100", "540200"
# The twelve charts the dropout, aid and teachers pages had as Python code, now declared.
PAGE_CHARTS = {
    "dropout": [
        "dropout-found-returned",
        "dropout-return-rate",
        "dropout-retention",
        "dropout-area-check",
    ],
    "aid": ["aid-free-education", "aid-funds-parts", "aid-sanbao-standard", "aid-recipients"],
    "teachers": [
        "teachers-allowance",
        "teachers-added",
        "teachers-training-funds",
        "teachers-headcount",
    ],
}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    if not config.DATA_FILE.exists():
        pytest.skip(f"{config.DATA_FILE} is not built: run `python -m dashboard build`")
    return Dataset.load(config.DATA_FILE)


def upload(dataset: Dataset, data: bytes) -> Dataset:
    report, validated = validate_bytes(data, "upload.xlsx", dataset)
    assert not validated.problems, validated.problems
    return dataset.merged_with(validated.observations, validated.catalogue)


def with_charts_sheet(rows: list[dict]) -> bytes:
    book = openpyxl.load_workbook(FIXTURE)
    sheet = book.create_sheet("charts")
    columns = ["chart", "program", "kind", "indicators", "dimension", "title_zh", "title_en"]
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column, "") for column in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------ the declared catalogue


def test_the_catalogue_declares_charts_for_every_embedded_programme(dataset):
    programs = list(dataset.catalogue.programs.index)
    assert len(programs) >= 12
    declared = set(dataset.catalogue.charts["program"])
    assert set(programs) <= declared
    for lang in ("zh", "en"):
        for program in programs:
            view = build_view("programme", dataset, FilterState(lang=lang, program=program))
            drawn = [chart for chart in view.charts if not chart.empty]
            assert drawn, f"{program} ({lang}) has no chart with data"
            assert all(chart.title for chart in view.charts)


@pytest.mark.parametrize("page", sorted(PAGE_CHARTS))
def test_the_old_pages_show_their_declared_charts_in_order(dataset, page):
    view = build_view(page, dataset, FilterState(lang="en"))
    assert [chart.name for chart in view.charts] == PAGE_CHARTS[page]
    assert all(not chart.empty for chart in view.charts)


def test_declared_charts_reproduce_the_paired_bars_of_found_and_returned(dataset):
    view = build_view("dropout", dataset, FilterState(lang="zh", year=2019))
    found = view.charts[0]
    bars = [trace for trace in found.figure.data if trace.type == "bar"]
    assert [trace.name for trace in bars] == [
        "失学辍学适龄儿童少年(排查数)",
        "失学辍学儿童已劝返复学人数",
    ]
    assert list(bars[0].y) == [12062, 1542] and list(bars[1].y) == [11860, 1542]
    assert "建档立卡儿童包含在全部儿童之中" in found.subtitle
    assert found.frame["indicator"].nunique() == 2


def test_declared_charts_keep_their_looks_steps_notes_and_parts(dataset):
    charts = {c.name: c for c in build_view("aid", dataset, FilterState(lang="en")).charts}
    sanbao = charts["aid-sanbao-standard"].figure
    assert sanbao.layout.height == 560 and sanbao.layout.meta["step"] is True
    region = [t for t in sanbao.data if t.name == "Region-wide standard (average)"]
    assert region and region[0].line.color == "#000000"
    parts = charts["aid-funds-parts"].figure
    assert [trace.meta["role"] for trace in parts.data][0] == "total"
    assert any("list only some parts" in (a.text or "") for a in parts.layout.annotations)
    recipients = charts["aid-recipients"]
    assert "Multi-year totals" in recipients.summary
    assert set(recipients.frame["kind"]) >= {"outcome", "cumulative"}


def test_a_region_figure_shown_for_a_prefecture_is_marked_by_the_builder(dataset):
    view = build_view("dropout", dataset, FilterState(lang="en", areas=(SHIGATSE,)))
    found = view.charts[0]
    assert "region-wide figures shown" in found.subtitle
    assert any(a.name == "region-fallback" for a in found.figure.layout.annotations)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_region_wide_note_fits_a_phones_chart_above_the_bars(dataset, lang):
    """Plotly never wraps an annotation: the note comes in lines short enough for a chart
    ~350 px wide, and the value axis leaves room above the bars for all of them."""
    import plotly.graph_objects as go

    from dashboard.figures.readings import FALLBACK_WIDTH

    view = build_view("dropout", dataset, FilterState(lang=lang, areas=("540600",), year=2019))
    figure = view.charts[0].figure
    (note,) = [a for a in figure.layout.annotations if a.name == "region-fallback"]
    lines = note.text.split("<br>")
    assert len(lines) >= 2 and all(len(line) <= FALLBACK_WIDTH[lang] for line in lines)
    low, high = figure.layout.yaxis.range
    tallest = max(max(trace.y) for trace in figure.data)
    assert (high - low) >= (tallest - low) * (1.12 + 0.13 * len(lines)) * 0.999
    go.Figure(figure.to_dict())  # written as a dict: still a valid figure


def test_bars_of_a_few_years_show_the_selected_year_only(dataset):
    view = build_view("teachers", dataset, FilterState(lang="en", year=2019))
    allowance = view.charts[0]
    assert set(allowance.frame["year"]) == {2019}
    notes = [a.text for a in allowance.figure.layout.annotations if a.text]
    assert not any("2016" in text for text in notes)


# ------------------------------------------------------------------ contract rules


def raw_with_charts(rows: list[dict]) -> RawDataset:
    charts = pd.DataFrame(rows).fillna("").astype(str)
    observations = pd.DataFrame(
        [{"indicator": "sanbao_standard", "area": "540000", "year": "2019", "value": "3720"}]
    )
    return RawDataset(
        {"observations": observations, "charts": charts},
        {"observations": "observations.csv", "charts": "charts.csv"},
    )


def test_a_spec_with_an_unknown_indicator_kind_dimension_or_option_is_refused(dataset):
    rows = [
        {
            "chart": "bad-one",
            "program": "student_aid",
            "kind": "barz",
            "indicators": "sanbao_standart",
            "dimension": "school_typ",
            "options": "seriez=year; height=9000",
        }
    ]
    result = validate_dataset(raw_with_charts(rows), dataset.catalogue)
    problems = {(p.column, p.value): p for p in result.problems}
    assert problems[("kind", "barz")].suggestion == "did you mean kind 'bars'?"
    assert problems[("indicators", "sanbao_standart")].suggestion == (
        "did you mean indicator 'sanbao_standard'?"
    )
    assert problems[("dimension", "school_typ")].rule == "unknown dimension"
    assert problems[("options", "seriez")].suggestion == "did you mean option 'series'?"
    assert ("options", "height=9000") in problems
    assert all(p.file == "charts.csv" and p.row == 2 for p in problems.values())


def test_build_writes_nothing_when_a_chart_spec_is_wrong(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for table in ("observations", "indicators", "programs", "sources", "dimensions"):
        (raw / f"{table}.csv").write_bytes(
            (config.REPO_ROOT / "data/raw" / f"{table}.csv").read_bytes()
        )
    charts = pd.read_csv(config.REPO_ROOT / "data/raw/charts.csv", dtype=str).fillna("")
    charts.loc[0, "indicators"] = "no_such_indicator"
    charts.to_csv(raw / "charts.csv", index=False)
    out = tmp_path / "out.parquet"
    problems = build(raw, out)
    assert [p.column for p in problems] == ["indicators"]
    assert problems[0].row == 2 and problems[0].value == "no_such_indicator"
    assert not out.exists()


def test_the_catalogue_keeps_its_charts_through_the_parquet_metadata(dataset):
    again = Catalogue.from_json(dataset.catalogue.to_json("test"))
    assert list(again.charts["chart"]) == list(dataset.catalogue.charts["chart"])
    assert not check_charts(dataset.catalogue.charts, "charts", dataset.catalogue)


# ------------------------------------------------------------------ defaults and uploads


def test_a_new_programme_without_charts_is_charted_in_its_units(dataset):
    merged = upload(dataset, FIXTURE.read_bytes())
    assert NEW_PROGRAMME in programs_with_pages(merged)
    specs = program_specs(merged, NEW_PROGRAMME)
    assert specs == default_specs(merged, NEW_PROGRAMME)
    for lang, money in (("zh", "万元"), ("en", "CNY million")):
        view = build_view("programme", merged, FilterState(lang=lang, program=NEW_PROGRAMME))
        drawn = [chart for chart in view.charts if not chart.empty]
        assert len(drawn) >= 2
        axes = [chart.figure.layout.yaxis.title.text for chart in drawn]
        assert money in axes
    kinds = [spec.kind for spec in specs]
    assert "trend" in kinds and "bars" in kinds


def test_defaults_keep_targets_and_cumulative_totals_out_of_lines(dataset):
    specs = default_specs(dataset, "student_aid")
    kinds = {
        indicator: dataset.indicator(indicator).kind for s in specs for indicator in s.indicators
    }
    for spec in specs:
        if spec.kind == "trend":
            assert all(kinds[i] == "outcome" for i in spec.indicators)


def test_a_declared_charts_sheet_gives_exactly_the_declared_charts(dataset):
    data = with_charts_sheet(
        [
            {
                "chart": "vocational-funds",
                "program": NEW_PROGRAMME,
                "kind": "bars",
                "indicators": "test_vocational_funds",
                "title_zh": "帮扶资金",
                "title_en": "Support funds",
            }
        ]
    )
    merged = upload(dataset, data)
    view = build_view("programme", merged, FilterState(lang="en", program=NEW_PROGRAMME))
    assert [chart.name for chart in view.charts] == ["vocational-funds"]
    assert view.charts[0].title == "Support funds"
    # The embedded programmes keep their declared charts.
    assert [c.name for c in build_view("dropout", merged, FilterState()).charts] == (
        PAGE_CHARTS["dropout"]
    )


# ------------------------------------------------------------------ navigation and template


def test_the_menu_groups_every_embedded_programme_and_lists_new_ones_under_other(dataset):
    programs = programs_with_pages(dataset)
    groups = grouped_programs([*programs, NEW_PROGRAMME])
    listed = [program for _, members in groups for program in members]
    assert sorted(listed) == sorted([*programs, NEW_PROGRAMME])
    assert groups[-1] == ("other", [NEW_PROGRAMME])
    assert set(programs) <= {p for members in THEMES.values() for p in members}
    assert all(len(members) <= 6 for _, members in groups)


def test_the_template_has_a_charts_sheet_with_an_example_and_the_kinds(dataset):
    sheets = pd.read_excel(io.BytesIO(template_bytes(dataset)), sheet_name=None, dtype=str)
    assert {"charts", "list_chart_kinds", "list_chart_options"} <= set(sheets)
    assert len(sheets["charts"]) >= 1
    assert set(sheets["charts"]["program"]) <= set(dataset.catalogue.programs.index)
    assert list(sheets["list_chart_kinds"]["kind"]) == [
        "trend",
        "steps",
        "bars",
        "paired",
        "composition",
        "map",
    ]
