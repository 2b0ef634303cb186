"""What to watch: the sources file, and the article URLs found in a feed, a news sitemap or a section page."""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import feedparser
from lxml import etree

from warta.errors import UsageError
from warta.watch.urls import is_article_like, is_story_link, may_follow, normalise

#: Most child sitemaps read from one sitemap index per poll (news indexes list the newest first).
MAX_CHILD_SITEMAPS = 20


class SourceKind(enum.StrEnum):
    """How a source lists articles; ``auto`` decides from the body it serves."""

    AUTO = "auto"
    FEED = "feed"  # RSS or Atom
    SITEMAP = "sitemap"  # sitemap.xml (news extensions read) or a sitemap index
    PAGE = "page"  # an HTML section page: its links to stories


@dataclass(frozen=True, slots=True)
class WatchSource:
    url: str
    kind: SourceKind = SourceKind.AUTO


@dataclass(frozen=True, slots=True)
class Found:
    """An article URL a source listed, with what the listing said about it."""

    url: str
    title: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Discovery:
    """What one source body gave: article URLs, and child sitemaps (from a sitemap index) to read next."""

    kind: SourceKind
    articles: list[Found] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def read_sources(path: Path) -> list[WatchSource]:
    """Parse a sources file: one ``URL [feed|sitemap|page]`` per line; ``#`` starts a comment; blank lines skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read sources from {path}: {exc}") from exc
    out: dict[str, WatchSource] = {}
    for number, line in enumerate(lines, start=1):
        words = line.split("#", 1)[0].split() if not line.lstrip().startswith("#") else []
        if not words:
            continue
        if len(words) > 2:
            raise UsageError(f"{path}:{number}: expected 'URL [feed|sitemap|page]', got {line.strip()!r}")
        key = normalise(words[0])  # for dedup only: a source is fetched as written (servers may care)
        if key is None:
            raise UsageError(f"{path}:{number}: not an http(s) URL: {words[0]!r}")
        url = words[0]
        try:
            kind = SourceKind(words[1].lower()) if len(words) == 2 else SourceKind.AUTO
        except ValueError:
            raise UsageError(f"{path}:{number}: unknown source kind {words[1]!r} (feed, sitemap or page)") from None
        out.setdefault(key, WatchSource(url, kind))
    if not out:
        raise UsageError(f"{path} lists no sources")
    return list(out.values())


def detect(body: bytes) -> SourceKind:
    """A body's kind from its first element: ``urlset``/``sitemapindex``, ``rss``/``feed``/``RDF``, else HTML."""
    head = body[:2048].lstrip().lower()
    if re.search(rb"<(?:[a-z]+:)?(?:urlset|sitemapindex)[\s>]", head):
        return SourceKind.SITEMAP
    if re.search(rb"<(?:rss|feed|rdf:rdf)[\s>]", head):
        return SourceKind.FEED
    return SourceKind.PAGE


def discover(body: bytes, kind: SourceKind, url: str) -> Discovery:
    """Article URLs (normalised, article-like, deduplicated in listing order) in a source body fetched from ``url``."""
    if kind is SourceKind.AUTO:
        kind = detect(body)
    if kind is SourceKind.FEED:
        found = list(_feed(body, url))
        out = Discovery(kind)
    elif kind is SourceKind.SITEMAP:
        out = Discovery(kind)
        found = list(_sitemap(body, url, out))
    else:
        found = list(_page(body, url))
        out = Discovery(kind)
    seen: set[str] = set()
    for item in found:
        if item.url not in seen and may_follow(item.url, url):
            seen.add(item.url)
            out.articles.append(item)
    out.sitemaps = [child for child in out.sitemaps if may_follow(child, url)]
    return out


def _feed(body: bytes, base: str) -> Iterator[Found]:
    parsed = feedparser.parse(body)  # bytes, never a URL: feedparser would fetch it
    for entry in parsed.get("entries") or []:
        link = entry.get("link")
        url = normalise(link, base) if isinstance(link, str) else None
        if url and is_article_like(url):
            when = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
            published = datetime(*when[:6]).replace(tzinfo=UTC).isoformat() if when else None
            title = entry.get("title")
            yield Found(url, title.strip() or None if isinstance(title, str) else None, published)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _sitemap(body: bytes, base: str, out: Discovery) -> Iterator[Found]:
    """``<urlset>`` entries (``news:title``/``news:publication_date`` when present) or an index's children."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        return
    if root is None:
        return
    if _local(root.tag) == "sitemapindex":
        for child in root:
            loc = _child_text(child, "loc")
            url = normalise(loc, base) if loc else None
            if url and len(out.sitemaps) < MAX_CHILD_SITEMAPS:
                out.sitemaps.append(url)
        return
    for child in root:
        if _local(child.tag) != "url":
            continue
        loc = _child_text(child, "loc")
        url = normalise(loc, base) if loc else None
        if not url or not is_article_like(url):
            continue
        published = _deep_text(child, "publication_date") or _child_text(child, "lastmod")
        yield Found(url, _deep_text(child, "title"), published)


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name and child.text and child.text.strip():
            return str(child.text).strip()
    return None


def _deep_text(element: etree._Element, name: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return str(child.text).strip()
    return None


_HREF = re.compile(rb"""<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_BASE = re.compile(rb"""<base\s[^>]*?href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def _page(body: bytes, url: str) -> Iterator[Found]:
    """Links to stories on a section page (a regular expression over ``<a href>``: pages may be any mess)."""
    match = _BASE.search(body[:65536])
    base = normalise(html.unescape(match.group(1).decode("utf-8", "replace")), url) if match else None
    base = base or url
    for m in _HREF.finditer(body):
        raw = (m.group(1) or m.group(2) or m.group(3) or b"").decode("utf-8", "replace")
        link = normalise(html.unescape(raw), base)
        if link and is_story_link(link, url):
            yield Found(link)
