"""Programme charts on a big GENERATED table (random values, benchmarks/generate.py): each chart
draws a bounded number of areas, lines and bar years, and says in words what it left out;
on the real embedded data nothing is left out."""

from __future__ import annotations

import pytest

from benchmarks.generate import generate
from dashboard import config
from dashboard.data.build import write_parquet
from dashboard.data.store import Dataset
from dashboard.i18n import t
from dashboard.state import FilterState
from dashboard.views import build_view
from dashboard.views.programs_common import (
    MAX_BAR_YEARS,
    MAX_CHART_AREAS,
    MAX_SERIES,
    select,
    subtitle,
)

LHASA = "540100"
SHIGATSE = "540200"
NOT_DRAWN = {"zh": "未画出", "en": "not drawn"}


@pytest.fixture(scope="module")
def embedded() -> Dataset:
    if not config.DATA_FILE.exists():
        pytest.skip(f"{config.DATA_FILE} is not built: run `python -m dashboard build`")
    return Dataset.load(config.DATA_FILE)


@pytest.fixture(scope="module")
def generated(embedded, tmp_path_factory) -> Dataset:
    """60,000 generated observations over Tibet's 82 areas and 30 years (not real data)."""
    frame, catalogue, _ = generate(60_000, embedded.catalogue, embedded.observations, seed=3)
    path = tmp_path_factory.mktemp("generated") / "generated-scale-test.parquet"
    write_parquet(frame, catalogue, path, built_from="generated-benchmark: scale test")
    return Dataset.load(path)


def chart(dataset: Dataset, page: str, name: str, **state):
    view = build_view(page, dataset, FilterState(**state))
    return next(c for c in view.charts if c.name == name)


def test_region_selection_keeps_the_region_and_prefectures_first(generated):
    state = FilterState(lang="en")
    selection = select(generated, state, ["sanbao_standard"], snapshot=False)
    every_area = set(generated.query(indicators=["sanbao_standard"])["area"].astype(str))
    assert len(every_area) > MAX_CHART_AREAS  # the generated table spreads over counties

    shown = set(selection.rows["area"].astype(str))
    assert len(shown) == MAX_CHART_AREAS
    levels = {generated.gazetteer.area(code).level for code in shown}
    assert levels <= {"region", "prefecture"}
    assert set(selection.hidden_areas) == every_area - shown
    words = subtitle(generated, selection, state)
    assert f"{len(selection.hidden_areas)} more areas with data not drawn" in words


def test_selected_prefecture_keeps_itself_then_its_counties(generated):
    state = FilterState(lang="zh", areas=(SHIGATSE,))
    selection = select(generated, state, ["sanbao_standard"], snapshot=False)
    shown = set(selection.rows["area"].astype(str))
    assert SHIGATSE in shown
    assert len(shown) <= MAX_CHART_AREAS
    parents = {generated.gazetteer.area(code).parent for code in shown - {SHIGATSE}}
    assert parents == {SHIGATSE}
    if selection.hidden_areas:
        assert NOT_DRAWN["zh"] in subtitle(generated, selection, state)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_line_chart_draws_at_most_max_series_and_says_how_many_more(generated, lang):
    sanbao = chart(generated, "aid", "aid-sanbao-standard", lang=lang)
    drawn = {
        trace.meta["series"]
        for trace in sanbao.figure.data
        if isinstance(trace.meta, dict) and "series" in trace.meta
    }
    assert 0 < len(drawn) <= MAX_SERIES
    assert NOT_DRAWN[lang] in sanbao.subtitle
    every_key = sanbao.frame[["area", "dimension", "category"]].drop_duplicates()
    assert len(every_key) > MAX_SERIES  # the rows behind the chart are all still there


def test_bars_over_years_draw_the_latest_years_and_name_the_others(generated):
    allowance = chart(generated, "teachers", "teachers-allowance", lang="en")
    drawn = sorted({int(year) for year in allowance.frame["year"]})
    # the years of the chart's indicators in the areas it draws (other areas are named apart)
    named = allowance.subtitle.split(" · ")[0].split(", ")
    drawn_areas = [area.code for area in generated.gazetteer if area.name_en in named]
    everything = generated.query(
        indicators=sorted({str(i) for i in allowance.frame["indicator"]}), areas=drawn_areas
    )
    years = sorted({int(year) for year in everything["year"]})
    assert len(years) > MAX_BAR_YEARS
    assert drawn[-MAX_BAR_YEARS:] == years[-MAX_BAR_YEARS:]
    assert f"{len(years) - MAX_BAR_YEARS} earlier years" in allowance.subtitle

    one_year = chart(generated, "teachers", "teachers-allowance", lang="en", year=years[0])
    assert {int(year) for year in one_year.frame["year"]} <= {years[0]}
    assert "earlier years" not in one_year.subtitle


@pytest.mark.parametrize("page", ["dropout", "aid", "teachers"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_embedded_data_is_drawn_whole(embedded, page, lang):
    view = build_view(page, embedded, FilterState(lang=lang))
    for each in view.charts:
        assert NOT_DRAWN[lang] not in each.subtitle, each.name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notes_under_a_chart_list_a_few_readings_and_count_the_rest(generated, lang):
    from dashboard.views.programs_common import MAX_NOTE_ITEMS

    recipients = chart(generated, "aid", "aid-recipients", lang=lang)
    heading = t("programs.cumulative_note", lang)
    notes = [
        note.text for note in recipients.figure.layout.annotations if heading in (note.text or "")
    ]
    cumulative = generated.query(
        indicators=["sanbao_recipients_cumulative", "student_aid_recipients_cumulative"]
    )
    assert len(cumulative) > MAX_NOTE_ITEMS
    assert notes, [note.text for note in recipients.figure.layout.annotations]
    more = {"zh": "另有", "en": "more (see the data table)"}[lang]
    assert any(more in text for text in notes)
    assert all(text.count("<br>") <= 2 * (MAX_NOTE_ITEMS + 2) for text in notes)


def test_a_capped_line_chart_keeps_the_regions_lines_first(generated):
    sanbao = chart(generated, "aid", "aid-sanbao-standard", lang="en")
    drawn = {
        trace.meta["series"]
        for trace in sanbao.figure.data
        if isinstance(trace.meta, dict) and "series" in trace.meta
    }
    region = generated.area_name(config.REGION_CODE, "en")
    region_rows = sanbao.frame[sanbao.frame["area"].astype(str) == config.REGION_CODE]
    region_keys = region_rows[["dimension", "category"]].drop_duplicates()
    region_drawn = sum(series.startswith(f"{region} · ") for series in drawn)
    assert region_drawn == min(len(region_keys), MAX_SERIES) > 0


def test_a_legend_of_many_lines_moves_beside_the_plot_when_a_note_is_under_it(generated, embedded):
    recipients = chart(generated, "aid", "aid-recipients", lang="en")
    heading = t("programs.cumulative_note", "en")
    assert any(heading in (note.text or "") for note in recipients.figure.layout.annotations)
    legend = recipients.figure.layout.legend
    assert (legend.orientation, legend.x, legend.xanchor) == ("v", 1.02, "left")

    sanbao = chart(generated, "aid", "aid-sanbao-standard", lang="en")  # no note under it
    assert sanbao.figure.layout.legend.orientation == "h"
    # four lines: legend stays (since issue 15 the whole span has more series: bases split)
    few = chart(embedded, "aid", "aid-recipients", lang="en", year_range=(2019, 2021))
    assert few.figure.layout.legend.orientation != "v"
