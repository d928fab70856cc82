"""The Sources list travels as plain data (components/plain_html.py): what it keeps and drops."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from dashboard.components.plain_html import plain, plain_list


def test_a_component_tree_becomes_nested_lists_with_its_attributes() -> None:
    card = html.Article(
        [
            html.H2("《标题》", className="h6", lang="zh"),
            html.Div("a\nb", style={"whiteSpace": "pre-line", "color": "red"}),
            None,
            html.A("link", href="https://example.org/x", target="_blank", rel="noopener"),
        ],
        id="source-x",
        tabIndex="-1",
        **{"aria-current": "true"},
    )
    assert plain(card) == [
        "article",
        {"id": "source-x", "tabindex": "-1", "aria-current": "true"},
        ["h2", {"class": "h6", "lang": "zh"}, "《标题》"],
        ["div", {"style": {"white-space": "pre-line"}}, "a\nb"],
        ["a", {"href": "https://example.org/x", "target": "_blank", "rel": "noopener"}, "link"],
    ]


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>", "vbscript:x"]
)
def test_a_link_that_is_not_http_relative_or_a_fragment_loses_its_address(href: str) -> None:
    assert plain(html.A("x", href=href)) == ["a", {}, "x"]


def test_markup_in_text_stays_a_string_the_browser_sets_as_text() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    drawn = plain_list([html.P(hostile), html.Span(["a", hostile])])
    assert drawn == [["p", {}, hostile], ["span", {}, "a", hostile]]
    assert json.loads(json.dumps(drawn)) == drawn  # plain JSON, nothing else


@pytest.mark.parametrize(
    "component",
    [
        dcc.Link("x", href="https://example.org/"),  # only a path is followed in the app
        dcc.Link("x", href="/", refresh=True),
        dbc.Badge("x"),
        html.Div("x", n_clicks=1),
        html.Div(["a", ["b"]]),
    ],
)
def test_what_the_browser_side_would_not_draw_is_refused_on_the_server(component) -> None:
    with pytest.raises((TypeError, ValueError)):
        plain(component)


def test_a_dash_link_is_a_link_the_browser_follows_in_the_app() -> None:
    link = dcc.Link("12,062", href="/sources?source=s1", className="n", title="“quote”")
    span = html.Span(link, **{"data-indicator": "dropout", "data-value": "12062.0"})
    assert plain(span) == [
        "span",
        {"data-indicator": "dropout", "data-value": "12062.0"},
        [
            "a",
            {"href": "/sources?source=s1", "class": "n", "title": "“quote”", "data-link": "app"},
            "12,062",
        ],
    ]


@pytest.mark.parametrize(
    "component",
    [
        html.Span("x", className="a", id="q", **{"data-value": "1", "aria-label": "z"}),
        html.P(["a", html.B("b")], style={"whiteSpace": "nowrap"}, title="t", tabIndex=0),
        html.Div(id={"type": "card", "index": 2}, role="group", hidden=True),
        html.A("src", href="/sources?year=2019", rel="noopener"),
        dcc.Link("more", href="/map?lang=en", className="small"),
        html.Section(),
    ],
)
def test_properties_are_read_as_dash_itself_lists_them(component):
    """plain() reads a component's properties from its attributes, not through Dash's slower
    to_plotly_json: both must name the same properties with the same values."""
    from dashboard.components.plain_html import _props

    assert _props(component) == component.to_plotly_json()["props"]
