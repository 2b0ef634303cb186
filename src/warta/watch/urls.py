"""URL normalisation and filtering (courlan): one spelling per article, so variants are fetched once."""

from __future__ import annotations

import functools
import ipaddress
import socket
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url
from courlan.filters import extension_filter, is_navigation_page, type_filter


def normalise(url: str, base: str | None = None) -> str | None:
    """``url`` (relative to ``base``) in one canonical spelling, or ``None`` when it is no http(s) URL.

    courlan lower-cases scheme and host, drops default ports, fragments and tracking parameters (``utm_*``, ``fbclid``…)
    and sorts the query; a trailing slash on a path is dropped too, as news sites serve both spellings.
    """
    raw = url.strip()
    if not raw:
        return None
    try:
        if base:
            raw = urljoin(base, raw)
        parts = urlsplit(raw)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        clean = normalize_url(raw, strict=False)  # strict would drop every parameter it does not know (?aid=123)
        parts = urlsplit(clean)
    except ValueError:
        return None
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def host_of(url: str) -> str:
    """``host[:port]`` of ``url``: the key politeness (rate, concurrency, robots.txt) is counted by."""
    return urlsplit(url).netloc.lower()


def is_article_like(url: str) -> bool:
    """Whether a URL may lead to an article: no media or archive file, no tag/category/author/feed page."""
    return bool(extension_filter(url)) and bool(type_filter(url, strict=False)) and not is_navigation_page(url)


def is_story_link(url: str, section: str) -> bool:
    """Whether a link found on the section page ``section`` looks like a story on the same site.

    Section pages also link to menus, other sections and outside sites; a story's URL is on the same host, deeper
    than the site root, and its last segment is a slug (hyphens), a number, or a ``.html`` file.
    """
    if host_of(url) != host_of(section) or url.rstrip("/") == section.rstrip("/") or not is_article_like(url):
        return False
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return "-" in last or any(ch.isdigit() for ch in last) or last.endswith((".html", ".htm"))


def is_internal(url: str) -> bool:
    """Whether ``url`` names this machine or a private network (``localhost``, 127.0.0.1, 10.x, ::1,
    169.254.169.254 …), by its host or by what the host name resolves to. A public source listing such a URL is not
    followed there (see :func:`may_follow`).

    The name is resolved when the URL is checked; an answer that changes between the check and the connection (DNS
    rebinding) is not caught here.
    """
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return resolves_inside(host) if host else False
    return not address.is_global


@functools.lru_cache(maxsize=4096)
def resolves_inside(host: str) -> bool:
    """Whether any address ``host`` resolves to is not a public one (a name that does not resolve: no)."""
    try:
        answers = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False  # the fetch will fail on its own; nothing inside is reached
    for *_, sockaddr in answers:
        try:
            if not ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0]).is_global:
                return True
        except ValueError:
            continue
    return False


def may_follow(url: str, source: str) -> bool:
    """A source may send the watcher to any public URL, and to an internal one only on its own host: a feed cannot
    make it probe the network it runs in (cloud metadata, routers, local services)."""
    return not is_internal(url) or host_of(url) == host_of(source)
