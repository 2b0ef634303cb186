"""The stage contract: a stream of items in, a stream out; each stage declares the fields it reads and sets.

Stages do no I/O of their own and import no execution engine, so one stage list runs in-process, in a pool or
on Ray. A stage that fails on one document yields a :class:`~warta.data.Rejection` for it and goes on.
"""

from __future__ import annotations

import logging
import resource
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import ClassVar

from warta.data import Article, Item, Rejection
from warta.errors import RejectError

log = logging.getLogger(__name__)


class Stage:
    """Base class for pipeline stages.

    Subclasses set ``name``, ``requires`` and ``assigns`` (field names of :class:`~warta.data.Article`) and
    implement :meth:`process` for one article, or override :meth:`run` for batch work.
    """

    name: ClassVar[str] = "stage"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def __init__(self) -> None:
        self.stats: Counter[str] = Counter()

    def process(self, article: Article) -> Article | None:
        """Transform one article in place or return a new one; ``None`` drops it silently (counted)."""
        raise NotImplementedError

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        """Apply :meth:`process` to each article; pass rejections through; turn failures into rejections."""
        for item in items:
            if isinstance(item, Rejection):
                yield item
                continue
            try:
                out = self.process(item)
            except RejectError as exc:
                self.stats["rejected"] += 1
                yield self._reject(item, str(exc))
                continue
            except Exception as exc:  # one bad page must never stop a batch
                log.warning("%s failed on %s: %s", self.name, _where(item), exc, exc_info=True)
                self.stats["errors"] += 1
                yield self._reject(item, failure_reason(exc))
                continue
            if out is None:
                self.stats["dropped"] += 1
                continue
            self.stats["ok"] += 1
            yield out

    def _reject(self, article: Article, reason: str) -> Rejection:
        prov = article.provenance or (article.page.provenance if article.page else None)
        return Rejection(
            input=prov.input if prov else (article.source.path or "?"),
            record=prov.record if prov else "0",
            reason=reason,
            stage=self.name,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in lists of ``size`` (the last may be shorter, none is empty), for stages that work in batches."""
    buffer: list[Item] = []
    for item in items:
        buffer.append(item)
        if len(buffer) >= size:
            yield buffer
            buffer = []
    if buffer:
        yield buffer


def _where(article: Article) -> str:
    prov = article.provenance or (article.page.provenance if article.page else None)
    return f"{prov.input}#{prov.record}" if prov else article.id or "?"


#: What libxml2 says when an allocation fails (lxml raises it as a syntax or parser error, not MemoryError).
_XML_NO_MEMORY = ("unknown error", "Memory allocation failed")


def failure_reason(exc: Exception) -> str:
    """The rejection reason for a page whose step raised ``exc``; running out of the per-page memory cap
    (``page_memory_mb``) is said as such, also when libxml2 reports it as a parse error."""
    capped = resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY
    xml_oom = type(exc).__name__ in ("XMLSyntaxError", "ParserError") and any(m in str(exc) for m in _XML_NO_MEMORY)
    if isinstance(exc, MemoryError) or (capped and xml_oom):
        return "out of memory: the page needed more than page_memory_mb allows"
    return f"{type(exc).__name__}: {exc}"
