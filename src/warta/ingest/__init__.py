"""Ingest: turn input files (text records, HTML, WARC, JSON Lines, feeds; gzip or not) into raw pages.

``read(paths)`` yields an :class:`~warta.data.Article` holding only ``page``, ``provenance`` and ``source`` for
each page found, and a :class:`~warta.data.Rejection` with a reason for whatever cannot be read; a bad input never
stops the batch. Extraction happens later, in ``warta.extract``, which decodes pages with
:func:`warta.ingest.encoding.decode`.
"""

from warta.ingest.encoding import decode
from warta.ingest.reader import Reader, read

__all__ = ["Reader", "decode", "read"]
