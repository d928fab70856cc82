"""TEST HELPER: the JSON a browser POSTs to /_dash-update-component for a registered callback.

Built from a callback's declaration (an entry of /_dash-dependencies or app.callback_map),
with the values the test chooses. Pattern-matching inputs and outputs (ALL) match the
components the test lists in `components` ({"export-status": [{"slot": "main"}]}), none
otherwise.
"""

from __future__ import annotations

import json
from typing import Any

from dash._utils import split_callback_id


def _pattern(component_id: Any) -> dict | None:
    if isinstance(component_id, str) and component_id.startswith("{"):
        return json.loads(component_id)
    return component_id if isinstance(component_id, dict) else None


def _concrete(pattern: dict, components: dict[str, list[dict]]) -> list[dict]:
    """The ids of the listed components of this pattern's type (wildcards filled in)."""
    return [{**pattern, **extra} for extra in components.get(pattern.get("type", ""), [])]


def callback_payload(
    declaration: dict,
    values: dict[str, Any] | None = None,
    *,
    changed: list[str] | None = None,
    components: dict[str, list[dict]] | None = None,
) -> dict[str, Any]:
    """values: {"component-id.property": value}; changed: the triggering "id.property"s."""
    values = values or {}
    components = components or {}

    def entry(spec: dict, with_value: bool) -> Any:
        pattern = _pattern(spec["id"])
        if pattern is not None:
            ids = _concrete(pattern, components)
            return [
                {"id": concrete, "property": spec["property"]}
                | ({"value": None} if with_value else {})
                for concrete in ids
            ]
        item = {"id": spec["id"], "property": spec["property"]}
        if with_value:
            item["value"] = values.get(f"{spec['id']}.{spec['property']}")
        return item

    declared = split_callback_id(declaration["output"])
    outputs = (
        [entry(spec, False) for spec in declared]
        if isinstance(declared, list)
        else entry(declared, False)
    )
    return {
        "output": declaration["output"],
        "outputs": outputs,
        "inputs": [entry(spec, True) for spec in declaration["inputs"]],
        "state": [entry(spec, True) for spec in declaration.get("state", [])],
        "changedPropIds": changed or [],
    }


def find_callback(dependencies: list[dict] | dict, output_part: str) -> dict:
    """The declaration whose output mentions output_part ("dropout-body.children")."""
    if isinstance(dependencies, dict):  # app.callback_map: output -> declaration
        declarations = [{**value, "output": key} for key, value in dependencies.items()]
    else:  # the JSON of /_dash-dependencies
        declarations = list(dependencies)
    for declaration in declarations:
        if output_part in declaration["output"]:
            return declaration
    raise KeyError(f"no callback writes {output_part}")
