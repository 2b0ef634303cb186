"""Page metadata from an HTML tree: title without site suffix, date, authors, site name, canonical URL, language.

Declared metadata comes first (JSON-LD, Open Graph, ``<meta>``), because news sites fill it for search engines and
it is more reliable than anything guessed from the layout; htmldate is the fallback for the date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

_SEPARATORS = re.compile(r"\s+(?:[|\-–—:»·•]|::)\s+")
_SPACE = re.compile(r"\s+")
_LANG = re.compile(r"^[a-zA-Z]{2,3}(?=$|[-_])")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dc.date",
    "date",
    "content_publishedtime",
    "content_pubdate",
    "parsely-pub-date",
    "sailthru.date",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "content_author", "sailthru.author")
# Company words in an "author" value: the publisher, not a person.
_COMPANY = re.compile(
    r"^(?:pt|cv)\.?\s|\b(?:tbk|inc|ltd|llc|corp|corporation|gmbh|group|media|cyber|network|newswire|"
    r"publishing|holdings?|redaksi|editorial board)\b\.?",
    re.IGNORECASE,
)
_DOMAIN_LIKE = re.compile(r"\w\.(?:com|co\.id|co\.uk|id|net|org|my|tv|news)\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?")


@dataclass(slots=True)
class PageMeta:
    """Metadata found in the page's markup."""

    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    url: str | None = None
    language: str | None = None


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _metas(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """``<meta>`` values by lower-cased name/property/itemprop (first one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = _clean(meta.get("content"))
        if key and value and key not in found:
            found[key] = value
    return found


def _json_ld(tree: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, ``@graph`` members included; broken blocks are skipped."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if "@graph" in item:
                    stack.append(item["@graph"])


def _is_article(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report")) for k in kinds)


def _names(value: Any) -> list[str]:
    """Author names from a JSON-LD ``author`` value (string, object or list of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _split_authors(raw: str) -> list[str]:
    """``"A, B and C"`` → three names; URLs and outlet-like strings are dropped."""
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bdan\b)\s*", raw)
    names = []
    for part in parts:
        name = _clean(re.sub(r"^(?:by|oleh|penulis|reporter|author)\s*:?\s*", "", part, flags=re.I))
        if name and "://" not in name and "@" not in name and len(name) <= 60 and name not in names:
            names.append(name)
    return names


def _iso_date(raw: str | None) -> str | None:
    if not raw:
        return None
    match = _ISO_DATE.match(raw.strip())
    return match.group(0).replace(" ", "T") if match else None


def strip_site_suffix(title: str, site_name: str | None = None, domain: str | None = None) -> str:
    """Drop a trailing (or leading) site name such as ``" - Kompas.com"`` or ``"| Media Indonesia"``."""
    title = _clean(title)
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    marks = {m for m in (_key(site_name), _key(domain), _key((domain or "").split(".")[0])) if m}

    def is_site(part: str) -> bool:
        key = _key(part)
        if not key:
            return True
        if any(key == m or (len(m) > 3 and (m in key or key in m)) for m in marks):
            return True
        # An unnamed outlet: a short part that looks like a domain or a brand in capitals.
        return bool(re.search(r"\.(?:com|co\.id|id|net|org|my|tv|news)\b", part, re.I)) and len(part) < 40

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    # Rebuild from the original so separators that belong to the headline ("A - B") survive.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else title


def is_publisher(name: str) -> bool:
    """Whether an "author" is the publishing company (``Kompas Cyber Media``, ``PT. VIVA MEDIA BARU``), not a person."""
    return bool(_COMPANY.search(name) or _DOMAIN_LIKE.search(name))


def _brand(publisher: str) -> str:
    """The outlet's name in a publisher string: ``PT. VIVA MEDIA BARU - VIVA.co.id`` → ``VIVA.co.id``."""
    parts = [p for p in _SEPARATORS.split(_clean(publisher)) if p]
    return next((p for p in parts if _DOMAIN_LIKE.search(p)), parts[0] if parts else publisher)


def _site_without_title(site_name: str, raw_title: str) -> str | None:
    """``og:site_name`` that holds the whole headline (Okezone) is not a site name; what is left of it may be."""
    title = _key(strip_site_suffix(raw_title))
    if not title or title not in _key(site_name):
        return site_name
    rest = [p for p in _SEPARATORS.split(_clean(site_name)) if _key(p) and _key(p) not in title]
    return rest[-1] if len(rest) == 1 and len(rest[0]) <= 40 else None


def _key(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower().removeprefix("www."))


def extract_metadata(tree: lxml_html.HtmlElement, url: str | None = None) -> PageMeta:
    """Title, date, authors, site name, canonical URL and declared language of a parsed page."""
    metas = _metas(tree)
    articles = [item for item in _json_ld(tree) if _is_article(item)]
    ld = articles[0] if articles else {}

    canonical = None
    for link in tree.xpath('//link[@rel="canonical"]/@href'):
        canonical = _clean(link) or None
        break
    canonical = canonical or metas.get("og:url") or None
    page_url = canonical or url
    domain = urlsplit(page_url).hostname if page_url and "://" in page_url else None

    site_name = metas.get("og:site_name") or metas.get("application-name") or None
    publisher = ld.get("publisher")
    if not site_name and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        site_name = _clean(publisher["name"])

    raw_title = metas.get("og:title") or (ld.get("headline") if isinstance(ld.get("headline"), str) else None)
    if not raw_title:
        titles = tree.xpath("//title//text()")
        raw_title = _clean(" ".join(titles)) if titles else None
    if not raw_title:
        h1 = tree.xpath("//h1")
        raw_title = _clean(h1[0].text_content()) if h1 else None
    if site_name and raw_title:
        site_name = _site_without_title(site_name, raw_title)
    title = strip_site_suffix(raw_title, site_name, domain) if raw_title else None

    published = _iso_date(ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
    for key in _DATE_META:
        if published:
            break
        published = _iso_date(metas.get(key))
    if not published:
        published = _htmldate(tree)

    authors = [_clean(n) for n in _names(ld.get("author")) if _clean(n)]
    if not authors:
        for key in _AUTHOR_META:
            if metas.get(key):
                authors = _split_authors(metas[key])
                break
    publishers = [a for a in authors if _key(a) in (_key(site_name), _key(domain)) or is_publisher(a)]
    authors = [a for a in authors if a not in publishers]
    if not site_name and publishers:
        site_name = _brand(publishers[0])

    lang = tree.get("lang") or metas.get("content-language") or metas.get("og:locale") or metas.get("language")
    match = _LANG.match((lang or "").strip())
    return PageMeta(
        title=title or None,
        published=published,
        authors=authors,
        site_name=site_name,
        url=canonical,
        language=match.group(0).lower() if match else None,
    )


def _htmldate(tree: lxml_html.HtmlElement) -> str | None:
    """htmldate's guess from the layout, when nothing is declared (fast mode: no extensive search)."""
    try:
        from htmldate import find_date

        found = find_date(tree, original_date=True, extensive_search=False)
    except Exception:  # htmldate is a best-effort fallback; a bad guess must not lose the page
        return None
    return str(found) if found else None
