"""Long lists drawn by the browser from plain data instead of as Dash components.

Every mounted Dash component runs its store selector at each update of Dash's store, and a
filter change sends about ten updates: the Sources page's ~1,200 components cost ~0.45 s of
each year change though the list itself did not change (benchmarks/PROPOSALS.md, sixth
session). A list built here with the usual `dash.html` components is sent as nested lists
`[tag, {attribute: value}, child, ...]` (a child is a string or such a list) in a dcc.Store,
and assets/plain_html.js draws it into an empty container with DOM calls: text is always set
as text, never parsed as HTML, and only the attributes in ATTRIBUTES, aria-* and data-*
(and http(s), relative or fragment links) are kept, so an uploaded source's title or URL
cannot inject markup. A `dcc.Link` becomes a link marked data-link, which the browser
follows inside the app as dcc.Link does (no page load). The overview's briefing is drawn so
too: ~300 components at 1M generated rows, mounted anew at each filter change.
"""

from __future__ import annotations

import re
from typing import Any

from dash import dcc
from dash.development.base_component import Component

# Dash property -> HTML attribute (the browser side accepts exactly these, and aria-*).
ATTRIBUTES = {
    "className": "class",
    "id": "id",
    "lang": "lang",
    "tabIndex": "tabindex",
    "href": "href",
    "target": "target",
    "rel": "rel",
    "role": "role",
    "title": "title",
}
STYLES = {"whiteSpace": "white-space"}
SAFE_LINK_PREFIXES = ("http://", "https://", "/", "#")
_DATA_ATTRIBUTE = re.compile(r"data-[a-z0-9-]+")
_WILDCARDS = ("data-", "aria-")  # the properties Dash keeps beside its named ones

Node = str | list


def plain(node: Any) -> Node | None:
    """A `dash.html` component tree as plain nested lists; None for an empty child."""
    if node is None or node is False:
        return None
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        raise TypeError("a list of children belongs inside a component")
    if isinstance(node, dcc.Link):
        return _link(node)
    if not isinstance(node, Component) or node._namespace != "dash_html_components":
        raise TypeError(f"only dash.html components can be drawn as plain HTML, not {node!r}")
    props = _props(node)
    attributes: dict[str, object] = {}
    for name, value in props.items():
        if name == "children" or value is None:
            continue
        if _DATA_ATTRIBUTE.fullmatch(name):
            attributes[name] = str(value)
        elif name in ATTRIBUTES:
            if name == "href" and not str(value).startswith(SAFE_LINK_PREFIXES):
                continue  # javascript:, data: … never become a link
            attributes[ATTRIBUTES[name]] = str(value)
        elif name.startswith("aria-"):
            attributes[name] = str(value)
        elif name == "style":
            css = {STYLES[k]: str(v) for k, v in value.items() if k in STYLES}
            if css:  # set through element.style, which a CSP without inline styles allows
                attributes["style"] = css  # type: ignore[assignment]
        else:
            raise ValueError(f"{node._type}: the property {name!r} is not drawn as plain HTML")
    return [node._type.lower(), attributes, *_children(props.get("children"))]


def _children(children: Any) -> list[Node]:
    if not isinstance(children, list | tuple):
        children = [children]
    return [drawn for drawn in (plain(child) for child in children) if drawn is not None]


def _props(component: Component) -> dict[str, Any]:
    """The component's given properties, as its to_plotly_json()["props"] lists them, read
    from its attributes (to_plotly_json walks every property it could have: half the time
    of drawing the briefing)."""
    known = component._prop_names
    return {
        name: value
        for name, value in vars(component).items()
        if name in known or name.startswith(_WILDCARDS)
    }


def _link(link: dcc.Link) -> Node:
    """A dcc.Link as a link the browser follows inside the app (assets/plain_html.js)."""
    props = _props(link)
    unknown = set(props) - {"children", "href", "className", "title"}
    if unknown:
        raise ValueError(f"Link: the properties {sorted(unknown)} are not drawn as plain HTML")
    href = str(props.get("href") or "")
    if not href.startswith("/"):
        raise ValueError(f"Link: only a path on this site is followed in the app, not {href!r}")
    # Built as plain() would build an html.A (whose constructor alone took ~0.2 ms a link).
    attributes = {"href": href, "data-link": "app"}
    for name in ("className", "title"):
        if props.get(name) is not None:
            attributes[ATTRIBUTES[name]] = str(props[name])
    return ["a", attributes, *_children(props.get("children"))]


def plain_list(nodes: list) -> list[Node]:
    """The children of a container, as plain nested lists."""
    return [drawn for drawn in (plain(node) for node in nodes) if drawn is not None]
