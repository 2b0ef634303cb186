"""Where input bytes come from: paths, directories, stdin, gzip; and how much of them is read."""

from __future__ import annotations

import gzip
import shutil
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from warta.errors import RejectError
from warta.ingest.detect import HEAD_BYTES

STDIN = "-"
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20
_SPOOL = 64 << 20  # stdin is kept in memory up to this size, then spilled to a temporary file
_COUNT = 256 << 20  # bytes past the limit counted for the rejection reason; a gzip bomb is not counted to its end


def expand(paths: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """Each input file as ``(name, None)``, or ``(name, reason)`` when the path gives nothing to read.

    Directories are walked recursively in sorted order; hidden files and folders are skipped.
    """
    for name in paths:
        if name == STDIN:
            yield name, None
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))
            )
            if not files:
                yield name, "no files in directory"
            for file in files:
                yield str(file), None
        elif not path.exists():
            yield name, "no such file or directory"
        elif not path.is_file():
            yield name, "not a regular file"
        else:
            yield name, None


@contextmanager
def open_input(name: str, stdin: BinaryIO) -> Iterator[BinaryIO]:
    """A seekable binary stream over the input (stdin is spooled so it can be sniffed, then re-read)."""
    if name != STDIN:
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed below; the context manager is ours
        except OSError as exc:
            raise RejectError(f"cannot read: {exc.strerror or exc}") from None
        with stream:
            yield stream
        return
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as spool:
        shutil.copyfileobj(stdin, spool, _CHUNK)
        spool.seek(0)
        yield spool  # type: ignore[misc]  # SpooledTemporaryFile is a binary file object


def peek(stream: BinaryIO) -> tuple[bytes, bool]:
    """The first bytes of the (decompressed) content and whether it is gzip; the stream is rewound."""
    raw = stream.read(HEAD_BYTES * 8)
    stream.seek(0)
    if not raw.startswith(GZIP_MAGIC):
        return raw[:HEAD_BYTES], False
    try:
        # A decompressor object, unlike gzip.GzipFile, gives what it has from a truncated file.
        return zlib.decompressobj(wbits=31).decompress(raw, HEAD_BYTES), True
    except zlib.error as exc:
        raise RejectError(f"corrupt gzip: {exc}") from None


def content_stream(stream: BinaryIO, compressed: bool) -> BinaryIO:
    """The decompressed content of ``stream``."""
    return cast(BinaryIO, gzip.GzipFile(fileobj=stream, mode="rb")) if compressed else stream


@contextmanager
def gzip_errors() -> Iterator[None]:
    """Turn the ways a gzip stream breaks into rejections with a reason."""
    try:
        yield
    except EOFError as exc:
        raise RejectError(f"truncated gzip: {exc}") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise RejectError(f"corrupt gzip: {exc}") from None


def read_all(stream: BinaryIO, limit: int) -> bytes:
    """All of ``stream``, or a rejection naming the size when it is over ``limit`` bytes."""
    with gzip_errors():
        data = stream.read(limit + 1)
        if len(data) <= limit:
            return data
        size = len(data)
        while chunk := stream.read(_CHUNK):  # count the rest without keeping it, for an honest reason
            size += len(chunk)
            if size > limit + _COUNT:  # but not all of a decompression bomb: that could take minutes
                raise RejectError(f"page too large: over {size} bytes > {limit} (stopped counting)")
    raise RejectError(f"page too large: {size} bytes > {limit}")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
