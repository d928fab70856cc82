"""Data: the filtered observations as a sortable, filterable table, and what data exists."""

from __future__ import annotations

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    dcc,
    html,
)
from dash.exceptions import PreventUpdate

from dashboard import config, ids, shell
from dashboard.components.card_refresh import card_parts, drawn_key, parts_store, register
from dashboard.components.chart_card import chart_card, source_links
from dashboard.components.widgets import grid_locale_text
from dashboard.data.store import Dataset
from dashboard.i18n import check_lang, t
from dashboard.state import FilterState, parse_query, replace_table, to_query
from dashboard.views.changes import column_labels, latest_changes
from dashboard.views.data import (
    coverage_chart,
    coverage_selection,
    grid_block,
    sort_model_of,
    table_selection,
    table_words,
)

# "within": include the areas inside the chosen ones; "all_years": the year choice has
# "every year"; "table": the grid's column sort and filters are in the URL (sort=, filter=).
FILTERS = ("area", "within", "year", "all_years", "year_range", "program", "indicator", "table")
DATA_GRID = "data-grid"
DATA_ALL_READINGS = "data-all-readings"
DATA_ROW_COUNT = "data-row-count"
DATA_TABLE_SUMMARY = "data-table-summary"
DATA_COVERAGE = "data-coverage-body"
DATA_CHANGES_SLOT = "data-changes-slot"
DATA_GRID_PURGED = "data-grid-purged"  # when the grid last reloaded its rows (page-only output)
DATA_GRID_FIRST = "data-grid-first"  # a selection's first block of rows, sent with its count
DATA_GRID_ASKED = "data-grid-asked"  # the grid's latest request, with its ticket
DATA_GRID_ANSWER = "data-grid-answer"  # the server's answer, with the ticket it answers
MAX_CHANGES_SHOWN = 50
DATA_CARD_PARTS = "data-card-parts"  # the coverage card's new links or parts (card_refresh)
DATA_DRAWN = "data-drawn"  # what the columns and the coverage card were drawn for
GRID_BLOCK_ROWS = 100  # rows per request of the grid's infinite row model
GRID_BLOCKS_KEPT = 10  # blocks the browser keeps; scrolling back asks the server again
# AG Grid's own words (filter menus, empty table) in Chinese; English is AG Grid's default.
GRID_WORDS_ZH = {
    "noRowsToShow": "没有符合条件的数据",
    "loadingOoo": "正在加载…",
    "filterOoo": "筛选…",
    "contains": "包含",
    "notContains": "不包含",
    "equals": "等于",
    "notEqual": "不等于",
    "startsWith": "开头是",
    "endsWith": "结尾是",
    "blank": "为空",
    "notBlank": "不为空",
    "lessThan": "小于",
    "lessThanOrEqual": "小于或等于",
    "greaterThan": "大于",
    "greaterThanOrEqual": "大于或等于",
    "inRange": "介于",
    "inRangeStart": "从",
    "inRangeEnd": "到",
    "andCondition": "且",
    "orCondition": "或",
    "applyFilter": "应用",
    "resetFilter": "重置",
    "clearFilter": "清除",
    "cancelFilter": "取消",
    "page": "页",
    "of": "共",
    "to": "至",
    "more": "更多",
    "next": "下一页",
    "previous": "上一页",
    "first": "第一页",
    "last": "最后一页",
    "ariaFilterInput": "筛选输入",
    "ariaFilterValue": "筛选值",
}

dash.register_page(__name__, path="/data", order=5, title=t("page.data.name"), filters=FILTERS)


def layout(**query):
    state = parse_query(query)[0]
    lang = state.lang
    return html.Div(
        [
            html.H1(t("data.title", lang), className="h3 mb-1"),
            html.P(t("data.intro", lang), className="text-muted mb-2"),
            # What the latest import changed (empty until data is imported; see USER_DATA.md).
            html.Section(id=DATA_CHANGES_SLOT, className="data-changes mb-3"),
            dbc.Card(
                [
                    dbc.CardHeader(
                        [
                            html.H2(t("data.table_title", lang), className="h6 mb-0"),
                            html.P(id=DATA_ROW_COUNT, className="small text-muted mb-0"),
                        ],
                        className="bg-white border-0 pb-0",
                    ),
                    dbc.CardBody(
                        [
                            dbc.Switch(
                                id=DATA_ALL_READINGS,
                                label=t("data.all_readings", lang),
                                value=False,
                                className="small mb-1",
                            ),
                            html.P(t("data.all_readings_hint", lang), className="small text-muted"),
                            # Rows come block by block from the server (serve_rows): only
                            # the rows on screen and near it are ever sent to the browser.
                            dag.AgGrid(
                                id=DATA_GRID,
                                rowModelType="infinite",
                                columnDefs=column_defs(lang, state.table_sort),
                                # The URL's column filters apply from the first request.
                                filterModel=state.table_filter_model,
                                defaultColDef={
                                    # Text stays text: no date or number guessing from values.
                                    "cellDataType": "text",
                                    "sortable": True,
                                    "filter": True,
                                    "floatingFilter": True,
                                    "resizable": True,
                                    "wrapHeaderText": True,
                                    "autoHeaderHeight": True,
                                    "minWidth": 90,
                                },
                                dashGridOptions=grid_options(lang),
                                getRowId="params.data.row_id",
                                columnSize="responsiveSizeToFit",
                                style={"height": "560px", "width": "100%"},
                            ),
                            html.P(id=DATA_TABLE_SUMMARY, className="visually-hidden"),
                            dcc.Store(id=DATA_GRID_PURGED),
                            dcc.Store(id=DATA_GRID_FIRST),
                            dcc.Store(id=DATA_GRID_ASKED),
                            dcc.Store(id=DATA_GRID_ANSWER),
                        ]
                    ),
                ],
                id=ids.chart_anchor("data-table"),
                className="shadow-sm mb-3",
            ),
            html.H2(t("data.coverage_heading", lang), className="h5 mt-4 mb-2"),
            html.Div(id=DATA_COVERAGE),
            dcc.Store(id=DATA_DRAWN),
            parts_store(DATA_CARD_PARTS),
        ],
        className="page-data",
    )


def column_defs(lang: str, sort: tuple[tuple[str, str], ...] = ()) -> list[dict]:
    """The table's columns with headers in lang, sorted as the URL says; every cell is plain
    text: the source is a link drawn by SourceCell, the note and quote are text in a span
    that says its language (assets/grid_cells.js)."""
    sorted_by = {column: (way, index) for index, (column, way) in enumerate(sort)}

    def column(field: str, name: str, flex: float, **options) -> dict:
        definition = {"field": field, "headerName": t(f"data.col.{name}", lang), "flex": flex}
        if field in sorted_by:
            definition["sort"], definition["sortIndex"] = sorted_by[field]
        return {**definition, **options}

    numbers = {"filter": "agNumberColumnFilter", "cellDataType": "number"}
    return [
        column("preferred_text", "preferred", 0, width=90),
        # One line a row (the infinite row model has fixed row heights); the tooltip has all.
        column("indicator_name", "indicator", 3, tooltipField="indicator_name"),
        column("area_name", "area", 1.3),
        column("year", "year", 0, width=100, **numbers),
        column("breakdown", "breakdown", 1.5, tooltipField="breakdown"),
        column(
            "value",
            "value",
            1.5,
            type="rightAligned",
            valueFormatter={"function": "params.data ? params.data.value_text : ''"},
            tooltipField="quote",
            **numbers,
        ),
        column("kind", "kind", 1),
        column(
            "source_link",
            "source",
            2,
            cellRenderer="SourceCell",
            filterValueGetter={"function": "params.data.source_name"},
            tooltipField="source_name",
        ),
        column("source_date", "date", 1),
        # The note in the reader's language, else the other one, marked with its language
        # (NoteCell, assets/grid_cells.js; note_lang in views.data.display_table).
        column("note", "note", 2, tooltipField="note", cellRenderer="NoteCell"),
        column("quote", "quote", 3, tooltipField="quote", cellRenderer="QuoteCell"),
    ]


def grid_options(lang: str) -> dict:
    options = {
        "theme": "themeBalham",
        "tooltipShowDelay": 300,
        "enableCellTextSelection": True,
        "ensureDomOrder": True,
        "animateRows": False,
        "rowClassRules": {"text-muted fst-italic": "params.data && !params.data.preferred"},
        "cacheBlockSize": GRID_BLOCK_ROWS,
        "maxBlocksInCache": GRID_BLOCKS_KEPT,
        # One request at a time: each answer fills the block the grid asked for last.
        "maxConcurrentDatasourceRequests": 1,
    }
    if lang == "zh":
        options["localeText"] = {**grid_locale_text(lang), **GRID_WORDS_ZH}
    return options


@callback(
    output={
        "columns": Output(DATA_GRID, "columnDefs"),
        "options": Output(DATA_GRID, "dashGridOptions"),
        "count": Output(DATA_ROW_COUNT, "children"),
        "summary": Output(DATA_TABLE_SUMMARY, "children"),
        "coverage": Output(DATA_COVERAGE, "children"),
        # The coverage card's new links, or parts (card_refresh), instead of a new card.
        "coverage_parts": Output(DATA_CARD_PARTS, "data"),
        "drawn": Output(DATA_DRAWN, "data"),
        "first": Output(DATA_GRID_FIRST, "data"),
    },
    inputs={
        **shell.page_inputs(),
        "all_readings": Input(DATA_ALL_READINGS, "value"),
        "drawn": State(DATA_DRAWN, "data"),
    },
)
def update_data(filter_data, upload, all_readings, drawn=None):
    """Headers, row count and summary of the table (after the grid's column filters), and
    the coverage chart; the rows themselves go to the grid block by block (serve_rows).

    The grid's column sort and filters are set once, by the layout from the URL; after that
    the grid is their home and serve_rows copies them into the URL. Sending them back here
    would race the reader: a second click on a header, made before the URL of the first
    came back, was undone when the first's sort arrived here and was sent to the grid.
    Column definitions without a sort keep the grid's sort (AG Grid: absent state is kept).
    """
    dataset, state = shell.read(filter_data, upload, FILTERS)
    lang = state.lang
    all_readings = bool(all_readings)
    rows = table_selection(dataset, state, all_readings=all_readings)
    row_count, summary = table_words(rows, lang)
    coverage = coverage_chart(dataset, state, with_rows=False)
    coverage_sources = [dataset.source(s) for s in coverage.sources]
    # What the browser has drawn: the grid's columns depend on the language, the coverage
    # chart on the selection without the year (coverage_chart). A year change then sends
    # only the chart's source links (they carry the state), not its ~190 KB figure again;
    # another selection sends the card's parts into the card drawn (card_refresh) when it has
    # the same shape. Neither as a new (or patched) card, which would mount its chart again.
    language = f"{lang} {dataset.token()}"  # as Sources and the shell name what they drew
    now = {
        "language": language,
        "coverage": to_query(coverage_selection(state)),
        "card": drawn_key([coverage], state, dataset),
    }
    before = drawn if isinstance(drawn, dict) else {}
    same_language = before.get("language") == language
    if before == now:
        card = dash.no_update
        parts = [
            [ids.chart_source(coverage.name), {"children": source_links(coverage_sources, state)}]
        ]
    elif before.get("card") == now["card"]:
        card = dash.no_update
        parts = card_parts([coverage], state, {s: dataset.source(s) for s in coverage.sources})
    else:
        card, parts = chart_card(coverage, state=state, sources=coverage_sources), dash.no_update
    return {
        "columns": dash.no_update if same_language else column_defs(lang),
        "options": dash.no_update if same_language else grid_options(lang),
        "count": row_count,
        "summary": summary,
        "coverage": card,
        "coverage_parts": parts,
        "drawn": now,
        "first": first_block(dataset, state, all_readings, initial=not before),
    }


def rows_key(dataset: Dataset, state: FilterState, all_readings: bool) -> str:
    """What decides the grid's rows: the data, the whole state (with the grid's sort and
    filters, and the language of its words) and the readings switch."""
    return f"{dataset.token()} {int(all_readings)} {to_query(state)}"


def first_request(state: FilterState) -> dict:
    """The request the grid makes for its first block when its sort and filters are the
    state's (assets/grid_rows.js compares them)."""
    return {
        "startRow": 0,
        "endRow": GRID_BLOCK_ROWS,
        "sortModel": sort_model_of(state),
        "filterModel": state.table_filter_model,
    }


def first_block(dataset: Dataset, state: FilterState, all_readings: bool, *, initial: bool) -> dict:
    """The selection's first block of rows, sent with its row count. The grid then draws the
    new selection once, when it is here, instead of emptying itself at the change and asking
    the server for the block in another round trip (assets/grid_rows.js: refresh, ask).
    `initial`: the page has just been drawn, and the grid asks for its first block itself."""
    request = first_request(state)
    return {
        "key": rows_key(dataset, state, all_readings),
        "request": request,
        "rows": grid_block(dataset, state, request, all_readings=all_readings),
        "initial": initial,
    }


register(DATA_CARD_PARTS)

# Each request of the grid gets a ticket, and only the answer to the latest reaches the grid
# and the URL (assets/grid_rows.js says why).
clientside_callback(
    ClientsideFunction("dataGrid", "ask"),
    Output(DATA_GRID_ASKED, "data"),
    Output(DATA_GRID, "getRowsResponse", allow_duplicate=True),
    Input(DATA_GRID, "getRowsRequest"),
    State(DATA_GRID_FIRST, "data"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction("dataGrid", "answer"),
    Output(DATA_GRID, "getRowsResponse"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(DATA_GRID_ANSWER, "data"),
    prevent_initial_call=True,
)


@callback(
    Output(DATA_GRID_ANSWER, "data"),
    Input(DATA_GRID_ASKED, "data"),
    State(ids.FILTER_STATE, "data"),
    State(DATA_ALL_READINGS, "value"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call=True,
)
def serve_rows(asked, filter_data, all_readings, upload):
    """One block of rows for the grid, sorted and filtered by its columns on the server,
    with the ticket of the request it answers.

    A sort or column filter that differs from the URL's goes into the URL (the state's one
    home), so that a copied link, the row count and every export follow the grid.
    """
    request = asked.get("request") if isinstance(asked, dict) else None
    if not isinstance(request, dict):
        raise PreventUpdate
    dataset, state = shell.read(filter_data, upload, FILTERS)
    table = replace_table(state, request.get("sortModel"), request.get("filterModel"))
    block = grid_block(dataset, state, request, all_readings=bool(all_readings))
    search = None if table == state else to_query(table)
    return {
        "ticket": asked.get("ticket"),
        "rows": block,
        "search": search,
        "key": rows_key(dataset, table, bool(all_readings)),
    }


# A new selection (filters, language, readings or upload) comes with its first block of
# rows (update_data): the grid loads its blocks again, and its request for the first one is
# answered in the browser (assets/grid_rows.js). Its column sort and filters stay
# as they are. The output lives on this page only, so the callback does not run on others.
clientside_callback(
    ClientsideFunction("dataGrid", "refresh"),
    Output(DATA_GRID_PURGED, "data"),
    Input(DATA_GRID_FIRST, "data"),
    State(DATA_GRID, "id"),
    prevent_initial_call=True,
)


@callback(Output(DATA_CHANGES_SLOT, "children"), Input(ids.LANGUAGE, "data"))
def show_latest_changes(language):
    """What the latest import (or rollback) changed in the served data; nothing if none."""
    lang = check_lang(language)
    changes = latest_changes(config.DATA_FILE, lang)
    if changes.empty:
        return None
    labels = column_labels(lang)
    shown = changes[list(labels)].head(MAX_CHANGES_SHOWN).rename(columns=labels)
    more = len(changes) - len(shown)
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("changes.title", lang), className="h6"),
                html.P(changes.attrs.get("caption", ""), className="small text-muted mb-2"),
                dbc.Table.from_dataframe(shown, striped=True, size="sm", className="mb-0 small"),
                html.P(t("data.changes_more", lang, count=more), className="small mt-1")
                if more > 0
                else None,
            ]
        ),
        className="shadow-sm border-warning",
    )
