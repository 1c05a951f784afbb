"""Python's cyclic garbage collector during a build.

A build makes millions of small dicts and lists (each page's data) that live until
the page is written. The collector runs every 700 new containers and, ever so often,
walks everything alive: at 10,000 interventions that was a quarter of the build's
time (``benchmarks/bench_scale.py``), for garbage that reference counting frees
anyway. The only reference cycles a build leaves are folium's element trees
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
