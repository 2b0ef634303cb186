"""What several commands share: running the default pipeline over inputs, reporting rejections, progress."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

import click

from warta.cli.show import plural
from warta.data import InputFormat, Item, Rejection
from warta.settings import Settings


def documents(paths: Sequence[str], input_format: str | None, settings: Settings) -> Iterator[Item]:
    """Read ``paths`` and run the default pipeline: articles and rejections, lazily.

    Imports are local so that ``warta --help`` and ``warta search`` do not load the NLP stages.
    """
    from warta.ingest import read
    from warta.pipeline.default import build_pipeline

    pipeline = build_pipeline(settings)  # built first: an impossible stage order fails before any reading
    fmt = InputFormat(input_format) if input_format else None
    return pipeline.run(read(list(paths), input_format=fmt, settings=settings))


def rejection_line(rejection: Rejection) -> str:
    return f"rejected: {rejection.input}#{rejection.record}: {rejection.reason}"


class StatusLine:
    """One line on stderr, redrawn in place at most every ``interval`` s while stderr is a terminal (else silent)."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.2) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self._last = 0.0
        self._shown = False

    def due(self) -> bool:
        """Whether a redraw is wanted now (and, if so, the clock starts again)."""
        now = time.monotonic()
        if not self.enabled or now - self._last < self.interval:
            return False
        self._last = now
        return True

    def draw(self, line: str) -> None:
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the line so that a normal line can be printed (it comes back on the next redraw)."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
            self._last = 0.0


class Progress(StatusLine):
    """A document counter: documents, rejections, documents/s."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.2) -> None:
        super().__init__(stream, interval)
        self.documents = 0
        self.rejected = 0
        self._start = time.monotonic()

    def count(self, item: Item) -> None:
        if isinstance(item, Rejection):
            self.rejected += 1
        else:
            self.documents += 1
        if self.due():
            rate = self.documents / max(time.monotonic() - self._start, 1e-9)
            self.draw(f"  {plural(self.documents, 'document')}, {self.rejected} rejected ({rate:.1f}/s)")


def echo_rejections(items: Iterable[Item], progress: Progress | None = None) -> Iterator[Item]:
    """Pass ``items`` through, printing each rejection as one line on stderr and counting progress."""
    for item in items:
        if isinstance(item, Rejection):
            if progress is not None:
                progress.clear()
            click.echo(rejection_line(item), err=True)
        if progress is not None:
            progress.count(item)
        yield item
