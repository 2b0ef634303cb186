"""The ingest front door: expand paths, open each input, settle its format, hand it to that format's reader."""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from warta.data import InputFormat, Item, Provenance, Rejection
from warta.errors import RejectError
from warta.ingest.detect import check_text, is_warc, parse_format, sniff
from warta.ingest.feed import read_feed
from warta.ingest.files import STDIN, content_stream, expand, gzip_errors, open_input, peek, read_all
from warta.ingest.items import article, now, reject
from warta.ingest.jsonl import read_jsonl
from warta.ingest.pages import html_page, text_page
from warta.ingest.warc import read_warc
from warta.settings import DEFAULTS, Settings

log = logging.getLogger(__name__)


class Reader:
    """Reads inputs into a stream of items, counting what it does in :attr:`stats`.

    Counters: ``inputs``, ``pages``, ``rejected``, and for WARC files the records skipped as not pages
    (``warc_skipped_non_html``, ``warc_skipped_status``, ``warc_other_records``).
    """

    def __init__(self, settings: Settings = DEFAULTS, stdin: BinaryIO | None = None) -> None:
        self.settings = settings
        self.stdin = stdin
        self.stats: Counter[str] = Counter()

    def read(self, paths: Sequence[str], input_format: InputFormat | str | None = None) -> Iterator[Item]:
        """Items from ``paths`` (``-`` is stdin); a bad format name raises :class:`~warta.errors.UsageError`."""
        forced = parse_format(input_format)  # checked now, not on the first ``next()``
        if isinstance(paths, str):
            paths = [paths]  # a lone path would otherwise be read as a list of one-letter paths
        return self._read(paths, forced)

    def _read(self, paths: Sequence[str], forced: InputFormat | None) -> Iterator[Item]:
        for name, problem in expand(paths):
            self.stats["inputs"] += 1
            items = iter([reject(name, problem)]) if problem else self._input(name, forced)
            for item in items:
                if isinstance(item, Rejection):
                    self.stats["rejected"] += 1
                    log.debug("ingest rejected %s#%s: %s", item.input, item.record, item.reason)
                else:
                    self.stats["pages"] += 1
                yield item

    def _input(self, name: str, forced: InputFormat | None) -> Iterator[Item]:
        """Everything in one input; whatever goes wrong becomes a rejection, after the items already read."""
        last: str | None = None
        try:
            with open_input(name, self.stdin or sys.stdin.buffer) as stream:
                for item in self._items(stream, name, forced):
                    last = _record(item)
                    yield item
        except RejectError as exc:
            reason = str(exc) if last is None else f"{exc}; the rest after record {last} is lost"
            yield reject(name, reason)
        except Exception as exc:  # one bad input must never stop a batch
            log.warning("ingest failed on %s: %s", name, exc, exc_info=True)
            yield reject(name, f"{type(exc).__name__}: {exc}")

    def _items(self, stream: BinaryIO, name: str, forced: InputFormat | None) -> Iterator[Item]:
        head, compressed = peek(stream)
        if not head.strip():
            if compressed:  # nothing came out of the gzip: say why rather than "empty"
                with gzip_errors():
                    content_stream(stream, compressed).read(1)
            raise RejectError("empty input")
        ingested = now()
        path = None if name == STDIN else name
        if forced is InputFormat.WARC or (forced is None and is_warc(head, name)):
            # fastwarc reads gzip itself, and record payloads may well be binary
            yield from read_warc(stream, name, self.settings, ingested, self.stats)
            return
        check_text(head)
        fmt = forced or sniff(head, name)
        content = content_stream(stream, compressed)
        if fmt is InputFormat.JSONL:
            with gzip_errors():
                yield from read_jsonl(content, name, path, self.settings, ingested)
            return
        data = read_all(content, self.settings.max_page_bytes)
        if fmt is InputFormat.FEED:
            yield from read_feed(data, name, path, ingested)
            return
        provenance = Provenance(input=name, record="0", ingested=ingested)
        make = text_page if fmt is InputFormat.TEXT else html_page
        yield article(make(data, provenance, path))


def _record(item: Item) -> str | None:
    if isinstance(item, Rejection):
        return item.record
    return item.provenance.record if item.provenance else None


def read(
    paths: Sequence[str], input_format: InputFormat | str | None = None, settings: Settings = DEFAULTS
) -> Iterator[Item]:
    """Read ``paths`` (files, directories, ``-`` for stdin) into articles holding raw pages, or rejections."""
    return Reader(settings).read(paths, input_format)
