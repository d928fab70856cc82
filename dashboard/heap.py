"""A server's garbage collector, set for answering requests once start-up is done.

CPython's full collection walks every object that can hold others: ~160,000 once Dash,
plotly, pandas, the pages and the landing views are loaded, 75-85 ms on this 2-core machine,
inside whichever request happens to trigger it. A filter change at 1M generated rows makes
enough short-lived objects that one change in five or so paid it: the benchmark's p95. Two
settings, as long-running Python servers commonly do:

- The objects made at start-up live as long as the process: once the warm-up is done they
  are moved to the permanent generation (`gc.freeze`), which collections do not walk (a full
  one then takes ~3 ms plus what requests have kept since, e.g. cached views). Under
  gunicorn the master freezes before it forks, which also spares the workers' copy-on-write
  pages the collector's writes. A frozen object is still freed when its last reference
  goes; only a reference cycle among them would stay, and start-up drops none.
- A young collection runs after config.GC_YOUNG_THRESHOLD more container objects were made
  than freed (CPython's 700 ran ten of them per filter change, and each promoted the
  request's live temporaries towards the full collection).

In the overview's callback at 1M rows, 125 calls: 0.72 s of collections with pauses up to
84 ms before; 0.02 s, pauses up to 7 ms after (benchmarks/PROPOSALS.md, fourteenth session).
"""

from __future__ import annotations

import gc
import logging

from dashboard import config

logger = logging.getLogger(__name__)


def settle_for_serving() -> int:
    """Collect what start-up left over, freeze the rest and set the young threshold; returns
    how many objects are frozen."""
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(config.GC_YOUNG_THRESHOLD, older, oldest)
    frozen = gc.get_freeze_count()
    logger.debug("froze %d start-up objects", frozen)
    return frozen
