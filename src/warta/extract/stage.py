"""The extract stage: a raw :class:`~warta.data.Page` in, an article's title, body and credits out.

Text records go through the line cleaner; HTML and feed pages through the HTML extractor, whose body the cleaner
then post-processes; JSON Lines text is the body as it is unless cleaning was asked for. The stage works in chunks
so that lines repeating across pages of one site within a chunk can be recognised as the site's boilerplate.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar, TypeVar
from urllib.parse import urlsplit

from warta.data import Article, InputFormat, Item, Page, Rejection, Source, content_id
from warta.errors import RejectError
from warta.extract.cleaner import clean_lines, normalize_paragraphs, repeated_lines
from warta.extract.limits import time_limit
from warta.extract.patterns import DOMAIN_LINE
from warta.extract.types import CleanResult, HtmlExtraction
from warta.pipeline.stage import Stage, chunks, failure_reason
from warta.settings import DEFAULTS, Settings

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Pages buffered at a time to find lines repeated across a site's pages (bounded memory).
CHUNK = 256


@dataclass(slots=True)
class _Raw:
    """A page after decoding/extraction, before cleaning."""

    article: Article
    page: Page
    text: str
    domain: str | None
    html: HtmlExtraction | None = None
    clean: bool = True


class ExtractStage(Stage):
    """Turn each article's raw page into title, body, dates, authors, credits and related links."""

    name: ClassVar[str] = "extract"
    requires: ClassVar[frozenset[str]] = frozenset({"page"})
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"id", "title", "text", "published", "authors", "editor", "credits", "related", "source", "site_name"}
    )

    def __init__(self, settings: Settings = DEFAULTS, chunk: int = CHUNK) -> None:
        super().__init__()
        self.settings = settings
        self.chunk = max(1, chunk)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(favor={self.settings.favor!r})"

    def process(self, article: Article) -> Article | None:
        """Extract one article on its own (no cross-page repetition evidence)."""
        with time_limit(self.settings.page_timeout_s):
            return self._finish(self._prepare(article), frozenset())

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        """Extract in chunks: lines on ≥3 pages of one site within a chunk are treated as boilerplate."""
        for chunk in chunks(items, self.chunk):
            yield from self._run_chunk(chunk)

    def _run_chunk(self, items: list[Item]) -> Iterator[Item]:
        prepared: list[_Raw | Rejection] = []
        for item in items:
            if isinstance(item, Rejection):
                prepared.append(item)
                continue
            prepared.append(self._guard(item, self._prepare, item))
        by_domain: dict[str, list[str]] = defaultdict(list)
        for raw in prepared:
            if isinstance(raw, _Raw) and raw.clean and raw.domain:
                by_domain[raw.domain].append(raw.text)
        repeated = {domain: repeated_lines(texts) for domain, texts in by_domain.items() if len(texts) >= 3}
        for raw in prepared:
            if isinstance(raw, Rejection):
                yield raw
                continue
            rep: frozenset[str] | set[str] = repeated.get(raw.domain or "", frozenset())
            out = self._guard(raw.article, self._finish, raw, rep)
            if isinstance(out, Rejection):
                yield out
            elif out is None:
                self.stats["dropped"] += 1
            else:
                self.stats["ok"] += 1
                yield out

    def _guard(self, article: Article, step: Callable[..., _T], *args: object) -> _T | Rejection:
        """Run one step for one article; failures become rejections, as in :meth:`Stage.run`."""
        try:
            with time_limit(self.settings.page_timeout_s):
                return step(*args)
        except RejectError as exc:
            self.stats["rejected"] += 1
            return self._reject(article, str(exc))
        except Exception as exc:  # one bad page must never stop a batch
            log.warning("extract failed on %s: %s", article.provenance or article.id, exc, exc_info=True)
            self.stats["errors"] += 1
            return self._reject(article, failure_reason(exc))

    # -- one page --------------------------------------------------------------------------------------------

    def _prepare(self, article: Article) -> _Raw:
        """Decode or extract the page's text; nothing is cleaned yet."""
        page = article.page
        if page is None:
            raise RejectError("no page to extract")
        if len(page.content) > self.settings.max_page_bytes:
            raise RejectError(f"page larger than {self.settings.max_page_bytes} bytes")
        domain = page.source.domain or _domain(page.source.url or page.hints.url)
        if page.format in (InputFormat.HTML, InputFormat.FEED, InputFormat.WARC):
            from warta.extract.html import extract_html  # heavy (lxml, trafilatura): only when HTML comes

            url = page.source.url or page.hints.url
            html = extract_html(page.content, url=url, encoding=page.encoding, favor=self.settings.favor)
            domain = domain or _domain(html.url)
            return _Raw(article, page, html.cleaner_input(), domain, html=html)
        text, _ = _decode(page.content, page.encoding)
        if page.format is InputFormat.JSONL:
            return _Raw(article, page, text, domain, clean=page.hints.clean or self.settings.clean_jsonl)
        if domain is None:  # a text record names its site on its first line
            first = next((line.strip() for line in text.splitlines() if line.strip()), "")
            domain = first.casefold().removeprefix("www.") if DOMAIN_LINE.match(first) else None
        return _Raw(article, page, text, domain)

    def _finish(self, raw: _Raw, repeated: frozenset[str] | set[str]) -> Article:
        """Clean the text, fold metadata into the article, and check there is a body."""
        article, page, hints, html = raw.article, raw.page, raw.page.hints, raw.html
        if raw.clean:
            hint = (html.title if html else None) or hints.title
            cleaned = clean_lines(
                raw.text, domain=raw.domain, title_hint=hint, repeated=repeated, infer_title=html is None
            )
        else:
            cleaned = CleanResult(text=normalize_paragraphs(raw.text))
        text = cleaned.text
        if len(text) < self.settings.min_text_chars:
            reason = f"article text too short ({len(text)} chars)" if text else "no article text found"
            raise RejectError(reason)
        title = (html.title if html else None) or hints.title or cleaned.title
        article.title = title
        article.text = text
        article.published = plausible_date((html.published if html else None) or hints.published)
        authors = list(html.authors) if html else []
        article.authors = authors + [a for a in cleaned.authors if a not in authors]
        article.editor = cleaned.editor
        article.credits = cleaned.credits
        article.related = cleaned.related
        article.site_name = html.site_name if html else None
        declared = hints.language or (html.language if html else None)
        if declared:
            article.language = declared  # the language stage keeps it only when its own identification is unsure
        url = page.source.url or hints.url or (html.url if html else None)
        article.source = Source(path=page.source.path, url=url, domain=raw.domain or _domain(url))
        article.provenance = article.provenance or page.provenance
        article.id = hints.id or content_id(text, title)
        article.page = None  # the raw bytes are no longer needed; free them before the next stages
        return article


def _domain(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return host.removeprefix("www.") if host else None


def _decode(content: bytes, declared: str | None) -> tuple[str, str]:
    """Text of a page via :func:`warta.ingest.encoding.decode`, or UTF-8/cp1252 until that exists."""
    try:
        from warta.ingest.encoding import decode
    except ImportError:  # pragma: no cover - only while ingest is being written
        try:
            return content.decode(declared or "utf-8"), declared or "utf-8"
        except (UnicodeDecodeError, LookupError):
            return content.decode("cp1252", errors="replace"), "cp1252"
    return decode(content, declared)


#: Earliest publication year taken at face value: before the web, a date on a news page is a template placeholder
#: (``0001-01-01``) or a parse error, and downstream date arithmetic must not have to guard against it.
EARLIEST_YEAR = 1990


def plausible_date(value: str | None) -> str | None:
    """``value`` when it is an ISO date from :data:`EARLIEST_YEAR` to a day from now, else ``None``."""
    if not value:
        return None
    try:
        year = int(value[:4])
    except ValueError:
        return None
    latest = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    if year < EARLIEST_YEAR or value[:10] > latest:
        return None
    return value
