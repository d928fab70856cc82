"""Long lists drawn by the browser from plain data instead of as Dash components.

Every mounted Dash component runs its store selector at each update of Dash's store, and a
filter change sends about ten updates: the Sources page's ~1,200 components cost ~0.45 s of
each year change though the list itself did not change (benchmarks/PROPOSALS.md, sixth
session). A list built with the usual `dash.html` components (plain()) or made directly with
element() and link() is sent as nested lists
`[tag, {attribute: value}, child, ...]` (a child is a string or such a list) in a dcc.Store,
and assets/plain_html.js draws it into an empty container with DOM calls: text is always set
as text, never parsed as HTML, and only the attributes in ATTRIBUTES, aria-* and data-*
(and http(s), relative or fragment links) are kept, so an uploaded source's title or URL
cannot inject markup. A `dcc.Link` becomes a link marked data-link, which the browser
follows inside the app as dcc.Link does (no page load). The overview's briefing is drawn so
too (~800 elements at 10M generated rows, anew at each filter change), made with element().
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
        props = _props(node)
        unknown = set(props) - {"children", "href", "className", "title"}
        if unknown:
            raise ValueError(f"Link: the properties {sorted(unknown)} are not drawn as plain HTML")
        return link(props.get("children"), **{k: v for k, v in props.items() if k != "children"})
    if not isinstance(node, Component) or node._namespace != "dash_html_components":
        raise TypeError(f"only dash.html components can be drawn as plain HTML, not {node!r}")
    props = _props(node)
    return element(node._type.lower(), props.pop("children", None), **props)


def element(tag: str, children: Any = None, **props: Any) -> Node:
    """The node plain() makes of `html.<Tag>(children, **props)`, made directly: building the
    Dash component only to read it back took most of the briefing's time at 10M generated
    rows (~800 components a change). children: None, a text or number, a node or component,
    or a list of them; props are named as Dash names them (className, aria-*, data-*...)."""
    attributes: dict[str, object] = {}
    for name, value in props.items():
        if value is None:
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
            raise ValueError(f"{tag}: the property {name!r} is not drawn as plain HTML")
    return [tag, attributes, *_children(children)]


def link(children: Any, *, href: str, className: str | None = None, title=None) -> Node:
    """A link the browser follows inside the app, as dcc.Link does (assets/plain_html.js)."""
    href = str(href or "")
    if not href.startswith("/"):
        raise ValueError(f"Link: only a path on this site is followed in the app, not {href!r}")
    return element("a", children, href=href, className=className, title=title, **_IN_APP)


_IN_APP = {"data-link": "app"}


def _is_node(value: Any) -> bool:
    return isinstance(value, list) and len(value) >= 2 and isinstance(value[1], dict)


def _children(children: Any) -> list[Node]:
    if not isinstance(children, list | tuple) or _is_node(children):
        children = [children]
    return [
        drawn
        for drawn in (child if _is_node(child) else plain(child) for child in children)
        if drawn is not None
    ]


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


def plain_list(nodes: list) -> list[Node]:
    """The children of a container, as plain nested lists."""
    return [drawn for drawn in (plain(node) for node in nodes) if drawn is not None]
