"""A per-page time limit: a pathological page must not hang a worker.

The guard uses ``SIGALRM`` (an interval timer), so it works only on the main thread of a process on a POSIX
system; elsewhere (threads, Windows) it does nothing and the page runs without a limit. The alarm interrupts
Python code; a single long call into C (one lxml parse) ends before the rejection is raised.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from warta.errors import RejectError


class PageTimeout(RejectError):
    """The page took longer than the per-page time limit."""


def can_limit() -> bool:
    """Whether :func:`time_limit` can enforce a limit here (POSIX, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block after ``seconds`` (``0`` or less: no limit)."""
    if seconds <= 0 or not can_limit():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise PageTimeout(f"extraction timed out after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if remaining > 0:  # an outer timer was running: give it back what it had left (roughly)
            signal.setitimer(signal.ITIMER_REAL, remaining)
