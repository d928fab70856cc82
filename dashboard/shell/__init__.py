"""The shell: the filter state's URL codec and filters, the layout around pages, and the one
entry by which a page callback turns its inputs into (dataset, state).

A page callback:

    @callback(Output(BODY, "children"), inputs=shell.page_inputs())
    def update(filter_data, upload):
        dataset, state = shell.read(filter_data, upload, FILTERS)

See docs/ARCHITECTURE.md ("The walk of a filter value").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dashboard.data.store import Dataset
    from dashboard.state import FilterState


def page_inputs() -> dict[str, Any]:
    """The callback inputs every page reads: the filter store (Input), the upload (State)."""
    from dash import Input, State

    from dashboard import ids

    return {
        "filter_data": Input(ids.FILTER_STATE, "data"),
        "upload": State(ids.UPLOAD_STORE, "data"),
    }


def read(
    filter_data: object, upload: object, filters: Iterable[str] | None = None
) -> tuple[Dataset, FilterState]:
    """(the session's dataset, the state restricted to the page's filters), once per call.

    Raises PreventUpdate while the shell has not yet read the URL (filter_data is None), so
    a page never draws once with the defaults and again with the URL's state.
    """
    from dash.exceptions import PreventUpdate

    from dashboard.state import from_store, restricted_to
    from dashboard.userdata.session import session_dataset

    if filter_data is None:
        raise PreventUpdate
    state = from_store(filter_data)
    if filters is not None:
        state = restricted_to(state, filters)
    return session_dataset(upload if isinstance(upload, dict) else None), state
