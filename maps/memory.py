"""Python's cyclic garbage collector during a build.

A build makes millions of small dicts and lists (each page's data) that live until
the page is written. The collector runs every 700 new containers and, ever so often,
walks everything alive, for garbage that reference counting frees anyway: at 10,000
synthetic interventions (``benchmarks/bench_scale.py``'s), loading and making the
pages took 12.2 s of CPU time with it and 9.4 s without (one process, measured
before the build's other speed-ups). The only reference cycles a build leaves are folium's element trees
(children point to parents), which :func:`maps.page.render_map_page` takes apart
once a page is rendered, so that its text is freed at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic cyclic collection inside the block (the collector runs again
    after it, when it is due). Nested blocks and a collector already disabled are
    left as they were."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
