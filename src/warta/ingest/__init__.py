"""Ingest: turn input files (text records, HTML, WARC, JSON Lines, feeds; gzip or not) into raw pages.

``read(paths)`` yields an :class:`~warta.data.Article` holding only ``page``, ``provenance`` and ``source`` for
each page found, and a :class:`~warta.data.Rejection` with a reason for whatever cannot be read; a bad input never
stops the batch. Extraction happens later, in ``warta.extract``, which decodes pages with
:func:`warta.ingest.encoding.decode`.

``Provenance.record`` says where in its input a page was: ``"0"`` for a single-page file, the line number (from 1)
in JSON Lines, the entry number (from 1) in a feed, the record's byte offset in a WARC (compressed offset for
WARC.gz, so a reader can seek to it). ``Page.encoding`` is the encoding detection settled on for HTML and text
pages (for WARC records, starting from the HTTP charset), and ``utf-8`` for JSON Lines and feed content.
"""

from warta.ingest.encoding import decode
from warta.ingest.reader import Reader, read

__all__ = ["Reader", "decode", "read"]
