"""What every figure shares: the one Plotly template, the empty figure, hover and summaries.

The template is registered once, at import, as "dashboard"; builders start from
`new_figure()` so that screen, image export and slides look alike. Colours are the
Okabe-Ito palette, which stays distinguishable for the common colour-vision deficiencies.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils.utils import is_homogeneous_array, to_typed_array_spec
from plotly.utils import PlotlyJSONEncoder

from dashboard import config
from dashboard.i18n import format_value, format_year, join_list, t

TEMPLATE_NAME = "dashboard"

# Okabe & Ito (2008), ordered so that the first colours keep good contrast on white;
# yellow comes last because thin lines in it are hard to see.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
TEXT_COLOUR = "#212529"
MUTED_COLOUR = "#6c757d"
GRID_COLOUR = "#e5e8eb"
# A graph narrower than this (CSS px, Bootstrap's sm breakpoint: a phone) is laid out anew
# in the browser from its figure's layout.meta.narrow_layout (assets/map_fit.js for maps,
# assets/grid_fit.js for small multiples).
NARROW_GRAPH_PX = 576


def _template() -> go.layout.Template:
    axis = {
        "showgrid": True,
        "gridcolor": GRID_COLOUR,
        "zeroline": False,
        "linecolor": "#adb5bd",
        "ticks": "outside",
        "tickcolor": "#adb5bd",
        "automargin": True,
        "title": {"standoff": 8},
    }
    return go.layout.Template(
        layout={
            "colorway": list(OKABE_ITO),
            "font": {"family": config.CJK_FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
            "title": {"x": 0, "xanchor": "left", "font": {"size": 15}},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "margin": {"l": 56, "r": 16, "t": 40, "b": 40},
            "hoverlabel": {"font": {"family": config.CJK_FONT_FAMILY}, "align": "left"},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
            "xaxis": axis,
            "yaxis": {**axis, "rangemode": "tozero"},
            "separators": ".,",
        }
    )


def register_template() -> str:
    """Register the template under TEMPLATE_NAME (idempotent); returns the name."""
    if TEMPLATE_NAME not in pio.templates:
        pio.templates[TEMPLATE_NAME] = _template()
    return TEMPLATE_NAME


register_template()


_TEMPLATE_CACHE: dict[str, object] = {}


def template_layout() -> dict:
    """The registered template as a plain dict, as a validated figure's `to_dict()` holds it.

    Built once per registered template object and shared: read it, never change it (go.Figure
    copies it on construction, so figures may change theirs). A figure built from
    `{"layout": {"template": template_layout(), ...}}` serialises exactly like one built with
    `layout={"template": TEMPLATE_NAME}`: exports and offline HTML carry the whole template.
    """
    template = pio.templates[TEMPLATE_NAME]
    if _TEMPLATE_CACHE.get("object") is not template:
        _TEMPLATE_CACHE["object"] = template
        _TEMPLATE_CACHE["layout"] = template.to_plotly_json()
    return _TEMPLATE_CACHE["layout"]  # type: ignore[return-value]


def base_layout(*, height: int | None = None, **properties: object) -> dict:
    """A layout dict on the dashboard template (for `figure_from_dict`)."""
    layout: dict[str, object] = {"template": template_layout()}
    if height is not None:
        layout["height"] = height
    layout.update(properties)
    return layout


def new_figure(*, height: int | None = None) -> go.Figure:
    """An empty figure on the dashboard template."""
    return figure_from_dict({"data": [], "layout": base_layout(height=height)})


# Properties plotly's own to_dict leaves as they are (_plotly_utils.utils.is_skipped_key),
# and the template: the dashboard's, plain lists and dicts (template_layout), not walked.
_NOT_TYPED_ARRAYS = frozenset(("geojson", "layer", "layers", "range", "template"))


def figure_json(figure: go.Figure) -> dict:
    """The figure as `figure.to_dict()` gives it (numpy arrays in plotly's base64 form), for
    the browser: read from the figure's own dicts, copying only containers on the way to an
    array (to_dict deep-copies the whole figure first: ~5 ms a trend grid). Read-only: the
    result shares the figure's lists and values."""
    spec = {
        "data": [_json_ready(trace) for trace in figure._data],
        "layout": _json_ready(figure._layout),
    }
    if figure.frames:
        spec["frames"] = [_json_ready(frame.to_plotly_json()) for frame in figure.frames]
    return spec


def with_data_revision(spec: dict) -> dict:
    """A figure dict (figure_json) whose layout says which data it draws: `datarevision`, a
    digest of its traces. Without it, plotly.js `react` takes every data array it is given
    anew (a JSON answer always is) as changed and draws the whole chart again; with it, a
    chart whose traces are what they were (a year change moves only a trend chart's
    highlighted year: a shape and an annotation) gets only its changed parts redrawn.

    A redrawn part does not make plotly.js find an axis range again, so the shapes and
    annotations placed on an axis it ranges itself (no `range` given) count as data: they
    widen that range. Objects of any value type (`template`, `meta`) are still compared by
    identity: the browser gives back the drawn ones when equal (assets/_plotly_react.js).
    The layout is copied at its top level; the rest is shared."""
    layout = spec.get("layout", {})
    drawn = {"data": spec.get("data", []), "ranging": _ranging(layout)}
    text = json.dumps(drawn, cls=PlotlyJSONEncoder, separators=(",", ":"), sort_keys=True)
    revision = hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()
    return {**spec, "layout": {**layout, "datarevision": revision}}


def _ranging(layout: Mapping) -> list:
    """The layout's shapes and annotations placed on an axis without a given range."""
    given = {
        name
        for name, axis in layout.items()
        if name[1:5] == "axis"
        and isinstance(axis, Mapping)
        and axis.get("range") is not None
        and not axis.get("autorange")
    }

    def on_ranged_axis(item: Mapping) -> bool:
        for key in ("xref", "yref"):
            ref = str(item.get(key) or key[0])  # plotly.js's default: the first axis
            if (
                ref != "paper"
                and not ref.endswith(" domain")
                and (f"{ref[0]}axis{ref[1:]}" not in given)
            ):
                return True
        return False

    return [
        item
        for key in ("shapes", "annotations")
        for item in layout.get(key) or ()
        if isinstance(item, Mapping) and on_ranged_axis(item)
    ]


_PLAIN = frozenset((str, int, float, bool, type(None)))  # types sent as they are


_CONTAINERS = frozenset((dict, list, tuple))  # walked; never one of plotly's typed arrays


def _json_ready(node: object) -> object:
    if isinstance(node, dict):
        return {
            key: value
            if key in _NOT_TYPED_ARRAYS or type(value) in _PLAIN
            else _json_ready(value)
            if type(value) in _CONTAINERS  # plotly's array test costs ~4 µs a value
            else to_typed_array_spec(value)
            if is_homogeneous_array(value)
            else _json_ready(value)
            for key, value in node.items()
        }
    if isinstance(node, list | tuple) and not all(type(item) in _PLAIN for item in node):
        return [_json_ready(item) for item in node]
    return node


# Trace properties too large to copy: plotly deep-copies every property on construction
# (a map's boundaries: most of its build time, ~40 ms a figure), and so does it with numpy
# arrays (a heatmap's cells and hover texts). Such properties, and every numpy array at a
# trace's top level, go into the built figure's own trace dicts as they are, shared with
# whoever made them: read-only.
SHARED_TRACE_PROPERTIES = ("geojson",)


def figure_from_dict(spec: dict) -> go.Figure:
    """A go.Figure from a plain {"data": [...], "layout": {...}} dict, without re-validation.

    Plotly validates every property on construction (~15 ms a figure); builders that write
    their figure as a dict skip it at run time, and their unit tests check the same dicts
    with validation on (`go.Figure(figure.to_dict())`). Edits made afterwards (views add
    footnotes, exports titles) are validated as on any figure. SHARED_TRACE_PROPERTIES and
    numpy arrays are not copied.
    """
    traces = [dict(trace) for trace in spec.get("data", [])]
    set_aside = [_set_aside(trace) for trace in traces]
    figure = go.Figure({**spec, "data": traces}, _validate=False)
    for properties, trace in zip(set_aside, figure._data, strict=True):
        trace.update(properties)  # the figure's own trace dicts: what to_dict and JSON read
    # Only the construction skips validation: later update_layout / add_annotation calls
    # check their arguments as usual (a misspelt property still raises).
    figure._validate = True
    figure._layout_obj._validate = True
    for trace in figure.data:
        trace._validate = True
    return figure


class DeferredFigure:
    """A figure kept as the plain {"data": [...], "layout": {...}} dict it was written as,
    made a go.Figure (figure_from_dict) only when something asks for one: an export, a test.

    Even unvalidated, go.Figure's construction builds an object per trace and axis and
    deep-copies every trace: ~12 ms for the overview's grid of 8 panels, six grids a
    change. What the page sends (figure_json, browser_figure), its height (figure_height)
    and the view cache read the dict itself. Any other attribute is the built figure's, and
    once built the figure is the truth (an edit made to it is what is sent). Read-only like
    any view's figure."""

    __slots__ = ("_spec", "_built")

    def __init__(self, spec: dict) -> None:
        self._spec = spec
        self._built: go.Figure | None = None

    def built(self) -> go.Figure:
        if self._built is None:
            self._built = figure_from_dict(self._spec)
        return self._built

    @property
    def _data(self) -> list[dict]:
        return self._spec.get("data", []) if self._built is None else self._built._data

    @property
    def _layout(self) -> dict:
        return self._spec.get("layout", {}) if self._built is None else self._built._layout

    @property
    def frames(self) -> tuple:
        return () if self._built is None else self._built.frames

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):  # copy and pickle probing, before __init__ ran
            raise AttributeError(name)
        return getattr(self.built(), name)

    def __reduce__(self) -> tuple:
        return DeferredFigure, ({"data": self._data, "layout": self._layout},)


def plotly_figure(figure: go.Figure | DeferredFigure) -> go.Figure:
    """The figure as a go.Figure (for code that copies or restyles it)."""
    return figure.built() if isinstance(figure, DeferredFigure) else figure


def figure_height(figure: go.Figure | DeferredFigure) -> int | None:
    """The layout's height, read without building a deferred figure."""
    height = figure._layout.get("height")
    return int(height) if isinstance(height, int | float) else None


def _set_aside(trace: dict) -> dict:
    """Takes the properties not to be copied out of the trace dict and returns them."""
    shared = {
        name: value
        for name, value in trace.items()
        if name in SHARED_TRACE_PROPERTIES or isinstance(value, np.ndarray)
    }
    for name in shared:
        del trace[name]
    return shared


# autoexpand off: a chart redrawn as empty in place (Plotly.react) kept the room its bar
# labels had pushed the margin to (164 px of a phone's 348), and the message hung off the edge.
EMPTY_MARGIN = {"l": 8, "r": 8, "t": 16, "b": 16, "autoexpand": False}


def empty_figure(message: str, lang: str, *, height: int | None = None) -> go.Figure:
    """A figure that says in words that there is nothing to plot (never a bare empty axis)."""
    hint = t("chart.empty_hint", lang)
    note = {
        "text": f"{message}<br><span style='font-size:12px;color:{MUTED_COLOUR}'>{hint}</span>",
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "font": {"size": 15, "color": MUTED_COLOUR},
    }
    layout = base_layout(
        height=height,
        annotations=[note],
        xaxis={"visible": False},
        yaxis={"visible": False},
        margin=EMPTY_MARGIN,  # the message is centred on the plot area: even margins
        meta={"empty": True},
    )
    return figure_from_dict({"data": [], "layout": layout})


def source_note(sources: Sequence[Mapping[str, str]], lang: str, *, limit: int = 2) -> str:
    """ "来源：新华社 2020-03-23、…" for a figure's footnote in exports (plain text)."""
    if not sources:
        return ""
    parts = []
    for source in sources[:limit]:
        publisher = str(source.get("publisher") or source.get("title") or source.get("source"))
        date = str(source.get("date") or "")
        parts.append(f"{publisher} {date}".strip())
    text = t("chart.source_label", lang) + join_list(parts, lang)
    if len(sources) > limit:
        text += " " + t("chart.source_more", lang, count=len(sources) - limit)
    return text


def add_source_note(figure: go.Figure, note: str) -> go.Figure:
    """Write the source note under the plot (for exported images, where there is no card)."""
    if note:
        figure.add_annotation(
            text=note,
            x=0,
            y=-0.18,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font={"size": 11, "color": MUTED_COLOUR},
        )
    return figure


# ------------------------------------------------------------------ hover


def hover_texts(values: Iterable[object], unit: str, lang: str) -> list[str]:
    """Each value formatted as the reader's language writes it (万/亿, million, units)."""
    return [format_value(value, unit, lang) for value in values]


def hovertemplate(*lines: str) -> str:
    """Lines joined for Plotly; "<extra></extra>" hides the trace-name box."""
    return "<br>".join(lines) + "<extra></extra>"


def hover_line(label_key: str, field: str, lang: str) -> str:
    """ "年份：%{x}" style line; field is a Plotly placeholder such as "%{customdata[0]}"."""
    separator = "：" if lang == "zh" else ": "
    return f"{t(label_key, lang)}{separator}{field}"


# ------------------------------------------------------------------ text summaries


def summarise_trend(
    title: str,
    years: Sequence[int],
    values: Sequence[float],
    unit: str,
    lang: str,
) -> str:
    """One sentence for screen readers: span, count, latest and highest value."""
    pairs = [(int(y), float(v)) for y, v in zip(years, values, strict=True)]
    if not pairs:
        return t("summary.empty", lang, title=title)
    pairs.sort()
    last_year, last = pairs[-1]
    max_year, maximum = max(pairs, key=lambda pair: (pair[1], pair[0]))
    return t(
        "summary.trend",
        lang,
        title=title,
        start=pairs[0][0],
        end=last_year,
        count=len(pairs),
        last=format_value(last, unit, lang),
        last_year=last_year,
        max=format_value(maximum, unit, lang),
        max_year=max_year,
    )


def summarise_bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    unit: str,
    lang: str,
) -> str:
    """One sentence for screen readers: "Bar chart: … highest 1,500 in Class IV …"."""
    pairs = [(str(label), float(value)) for label, value in zip(labels, values, strict=True)]
    if not pairs:
        return t("summary.empty", lang, title=title)
    max_label, maximum = max(pairs, key=lambda pair: pair[1])
    min_label, minimum = min(pairs, key=lambda pair: pair[1])
    return t(
        "summary.bars",
        lang,
        title=title,
        count=len(pairs),
        max=format_value(maximum, unit, lang),
        max_label=max_label,
        min=format_value(minimum, unit, lang),
        min_label=min_label,
    )


def year_label(year: int, lang: str) -> str:
    return format_year(year, lang)


def plotly_config(name: str, lang: str) -> dict[str, object]:
    """dcc.Graph config: Plotly's UI in the reader's language, downloads named after the chart.

    The zh-CN locale is registered by assets/plotly-locale-zh-cn.js (served locally).
    """
    return {
        "locale": "zh-CN" if lang == "zh" else "en",
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2},
        # sendChartToCloud uploads the data to Plotly Cloud: not for an offline dashboard
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "sendChartToCloud"],
    }


# A number, a Latin word or a code stays on one line; CJK characters may break anywhere but
# never before closing punctuation. A number keeps the CJK character right after it (its unit
# or measure word: 2019年, 2000元), so a line never starts with the 年 of a year.
_TOKEN = re.compile(r"\s+|[0-9A-Za-z][0-9A-Za-z.,:%'’\-–/+×·]*(?:(?<=[0-9%])[\u4e00-\u9fff])?|.")


def text_width(text: str) -> int:
    """Display width in half-width units: a CJK character counts 2."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


NO_LINE_START = frozenset("，。；：、）」』”’！？,.;:)%")
# A Chinese line breaks after its last pause (、，；：) when that keeps at least half a line,
# so that a name in a list (拉萨市) is not cut in two.
_PAUSES = set("、，；：")


def wrap_lines(text: str, width: int) -> list[str]:
    """Text broken into lines of about `width` characters, for Chinese and English alike.

    textwrap breaks only at spaces, so a Chinese sentence was cut at a fixed width, even
    through a number ("2<br>000元"); here a number or word is never split unless it alone is
    longer than a line.
    """
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(str(text).split())):
        if token.isspace():
            line += " " if line else ""
            continue
        if line.strip() and len(line) + len(token) > width and token not in NO_LINE_START:
            pause = max((i for i, char in enumerate(line) if char in _PAUSES), default=-1)
            cut = pause + 1 if pause + 1 >= width // 2 else len(line)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        while len(token) > width:
            lines.append(token[:width])
            token = token[width:]
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines
