"""Raw archiving: every response the watcher reads, written to gzipped WARC files (warcio), so a run can be replayed
offline (``warta ingest DIR``) and shared. Bodies are stored decoded (no Content-Encoding), one file per
``max_bytes`` or per watcher start, named by start time."""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta import __version__


class WarcArchive:
    """A thread-safe WARC writer into ``folder``; implements the fetcher's ``Recorder``."""

    def __init__(self, folder: Path, *, max_bytes: int = 100_000_000) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.records = 0
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self._serial = 0
        self._prefix = "warta-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        folder.mkdir(parents=True, exist_ok=True)

    def record(self, url: str, status: int, reason: str, headers: list[tuple[str, str]], body: bytes) -> None:
        """Append one ``response`` record (HTTP status line, headers, body); flushed at once, so a crash keeps it."""
        with self._lock:
            writer = self._open()
            http = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)
            assert self._file is not None
            self._file.flush()
            self.records += 1
            if self._file.tell() >= self.max_bytes:
                self._close()

    def close(self) -> None:
        with self._lock:
            self._close()

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self._serial += 1
            path = self.folder / f"{self._prefix}-{self._serial:05d}.warc.gz"
            self._file = path.open("ab")
            self._writer = WARCWriter(self._file, gzip=True)
            if self._file.tell() == 0:
                info = {"software": f"Warta/{__version__} (warta watch)", "format": "WARC File Format 1.1"}
                self._writer.write_record(self._writer.create_warcinfo_record(path.name, info))
        return self._writer

    def _close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file, self._writer = None, None
