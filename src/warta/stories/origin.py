"""Provenance: who published an article and whose content it carries.

Clues, strongest first: lines of the raw page naming the outlet (``ikuti WhatsApp channel mediaindonesia.com``,
``© 2024 Media Indonesia``) — these are dropped as boilerplate by the cleaner, so :class:`OriginStage` reads them
from the page *before* extraction; ``og:site_name``; the domain when it is a known outlet. Source credits
(``(BBC/P-5)``, ``(Ant)``, ``Artikel ini telah tayang di Kompas.com``) say whom the content is credited to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import ClassVar

from warta.data import Article, CreditRole, Origin
from warta.pipeline.stage import Stage


@dataclass(frozen=True, slots=True)
class Outlet:
    """A known news outlet or agency."""

    domain: str
    name: str
    agency: bool


@dataclass(frozen=True, slots=True)
class Outlets:
    """The outlet table (``stories/data/outlets.tsv``): by domain and by lower-cased alias."""

    by_domain: dict[str, Outlet]
    by_alias: dict[str, Outlet]

    def for_domain(self, domain: str | None) -> Outlet | None:
        """The outlet owning ``domain`` or a parent of it (``news.detik.com`` → detikcom)."""
        host = (domain or "").lower().removeprefix("www.")
        while host:
            if host in self.by_domain:
                return self.by_domain[host]
            _, _, host = host.partition(".")
            if "." not in host:
                return None
        return None

    def for_name(self, name: str) -> Outlet | None:
        key = " ".join(name.lower().split()).strip(" .-")
        return self.by_alias.get(key) or self.for_domain(key if "." in key else None)


@cache
def outlets() -> Outlets:
    """Load the shipped outlet table once."""
    by_domain: dict[str, Outlet] = {}
    by_alias: dict[str, Outlet] = {}
    text = files("warta.stories").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        domain, name, kind, *rest = line.split("\t")
        outlet = Outlet(domain, name, kind == "agency")
        by_domain[domain] = outlet
        for alias in [name, domain, *(rest[0].split(",") if rest else [])]:
            if alias.strip():
                by_alias.setdefault(alias.strip().lower(), outlet)
    return Outlets(by_domain, by_alias)


# A follow-us / copyright line of the raw page that names the outlet it belongs to.
_CTA = re.compile(
    r"(?:whatsapp|telegram|google news|channel|saluran|ikuti|follow|kunjungi|copyright|©|hak cipta)", re.IGNORECASE
)
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|co\.id|id|net|org|co|news|tv|co\.uk|kp|kr))\b", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:©|copyright|hak cipta)\s*(?:\d{4}\s*[-–]?\s*\d{0,4})?\s*([A-Z][\w.]*(?: [A-Z][\w.]*){0,3})"
)
_SITE_NAME = re.compile(rb"""<meta[^>]+property=["']og:site_name["'][^>]+content=["']([^"']{2,60})["']""", re.I)
# A credit part that is a reporter's or editor's initials code, not an outlet: ``P-5``, ``Z-2``, ``dhk``, ``fer``.
_INITIALS = re.compile(r"^(?:[A-Z]{1,3}-\d{1,3}|[a-z]{2,4}|[A-Z]{1,2}\d?)$")
#: Lines read from the end of a page: CTA and copyright lines sit in its last part.
TAIL_LINES = 60


def page_clues(content: bytes) -> list[str]:
    """``kind:value`` clues about the publisher found in a raw page (HTML or text record)."""
    clues: list[str] = []
    if site := _SITE_NAME.search(content[:200_000]):
        clues.append("site_name:" + site.group(1).decode("utf-8", "replace").strip())
    text = content[-100_000:].decode("utf-8", "replace")
    text = re.sub(r"<[^>]{0,2000}>", "\n", text) if "<" in text else text
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][-TAIL_LINES:]
    for line in lines:
        if len(line) > 200 or not _CTA.search(line):
            continue
        for domain in _DOMAIN.findall(line):
            if not domain.lower().startswith(("google.", "whatsapp.", "t.me", "facebook.", "twitter.", "x.com")):
                clues.append("cta:" + domain.lower())
        if m := _COPYRIGHT.search(line):
            clues.append("copyright:" + m.group(1).strip())
    return list(dict.fromkeys(clues))


def credited_names(article: Article) -> list[str]:
    """Outlets the article's source credits name (``BBC/P-5`` → BBC, ``Ant`` → Antara), canonical names."""
    table = outlets()
    out: list[str] = []
    for credit in article.credits:
        if credit.role is not CreditRole.SOURCE and str(credit.role) != "source":
            continue
        parts = [p.strip() for p in re.split(r"[/,;]| dan | and ", credit.name) if p.strip()]
        for part in parts:
            outlet = table.for_name(part)
            if outlet is not None:
                out.append(outlet.name)
            elif not _INITIALS.match(part) and len(part) <= 40:
                out.append(part)
    return list(dict.fromkeys(out))


def resolve_origin(article: Article) -> Origin:
    """The article's :class:`Origin` from the page clues (if :class:`OriginStage` ran), credits and domain."""
    if article.origin is not None and article.origin.publisher:
        return article.origin  # already resolved
    table = outlets()
    clues = list(article.origin.evidence) if article.origin else []
    publisher: Outlet | None = None
    named: str | None = None
    for clue in clues:
        kind, _, value = clue.partition(":")
        if kind == "cta":
            publisher = table.for_domain(value)
            if publisher is None:
                named = named or value
        elif kind in ("site_name", "copyright"):
            publisher = table.for_name(value)
            named = named or value
        if publisher is not None:
            break
    if publisher is None and article.site_name:
        publisher = table.for_name(article.site_name)
        named = named or article.site_name
        clues.append("site_name:" + article.site_name)
    domain = article.source.domain
    if publisher is None and (known := table.for_domain(domain)) is not None:
        publisher = known
        clues.append(f"domain:{domain}")
    credited = [c for c in credited_names(article) if publisher is None or c != publisher.name]
    clues += [f"credit:{c.name}" for c in article.credits if str(c.role) == "source"]
    if publisher is not None:
        return Origin(publisher.name, publisher.domain, credited, list(dict.fromkeys(clues)))
    name = named or domain
    pub_domain = (named if named and "." in named else None) or domain
    return Origin(name, pub_domain, credited, list(dict.fromkeys(clues)))


def source_key(origin: Origin | None, domain: str | None) -> str:
    """The independent source an article counts as: the outlet its content is credited to, else its publisher.

    Syndicated copies (credited to Antara on ten sites) and mirrors (one publisher on several domains) share a key,
    so counting distinct keys never counts them twice.
    """
    if origin is not None and origin.credited_to:
        return origin.credited_to[0].casefold()
    if origin is not None and origin.publisher:
        return origin.publisher.casefold()
    return (domain or "?").casefold()


class OriginStage(Stage):
    """Reads publisher clues from the raw page before extraction drops them (sets a preliminary ``origin``).

    The store completes the origin with credits and domain (:func:`resolve_origin`) when it writes the article.
    """

    name: ClassVar[str] = "origin"
    requires: ClassVar[frozenset[str]] = frozenset({"page"})
    assigns: ClassVar[frozenset[str]] = frozenset({"origin"})

    def process(self, article: Article) -> Article:
        if article.page is not None:
            article.origin = Origin(evidence=page_clues(article.page.content))
        return article
