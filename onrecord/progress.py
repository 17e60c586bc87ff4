"""Progress bars for long ingests: rate and time left, on a terminal only.

A bar appears only on an interactive stderr and only once a stage has run for a couple of
seconds, so short ingests, pipes, logs and tests stay quiet.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from tqdm import tqdm

Progress = Callable[[int, int], None]  # (done, in all)
SHOW_AFTER = 2.0  # seconds a stage runs before its bar appears


@contextlib.contextmanager
def bars(stream: TextIO | None = None, **names: str) -> Iterator[dict[str, Progress]]:
    """One progress callback per stage, keyed as given: ``bars(read="article")`` yields
    ``{"read": callback}``, the callback drawing a bar counted in articles."""
    stream = stream or sys.stderr
    shown = stream.isatty()
    # No monitor thread: ingest may fork index writers, and forking a threaded process is unsafe.
    tqdm.monitor_interval = 0
    open_bars: dict[str, Any] = {}

    def callback(key: str, unit: str) -> Progress:
        def advance(done: int, total: int) -> None:
            bar = open_bars.get(key)
            if bar is None:
                bar = open_bars[key] = tqdm(
                    total=total or None, unit=unit, desc=key, file=stream, disable=not shown,
                    delay=SHOW_AFTER, dynamic_ncols=True, leave=False,
                )
            bar.total = total or bar.total
            bar.update(done - bar.n)
            if done == total:
                bar.refresh()  # the last count is drawn even within tqdm's redraw interval

        return advance

    try:
        yield {key: callback(key, unit) for key, unit in names.items()}
    finally:
        for bar in open_bars.values():
            bar.close()
