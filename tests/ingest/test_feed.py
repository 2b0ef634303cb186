from __future__ import annotations

import pytest

from warta.data import Article, InputFormat, Rejection
from warta.errors import RejectError
from warta.ingest.feed import read_feed

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Berita</title><link>https://www.antaranews.com/</link>
<item>
  <title>Putin dan Kim bertemu</title>
  <link>https://www.antaranews.com/berita/1</link>
  <pubDate>Thu, 20 Jun 2024 10:00:00 +0700</pubDate>
  <description>Ringkasan singkat.</description>
  <content:encoded><![CDATA[<p>PRESIDEN Rusia Vladimir Putin tiba di Pyongyang.</p>]]></content:encoded>
</item>
<item>
  <title>Hanya tautan</title>
  <link>https://www.antaranews.com/berita/2</link>
</item>
<item><title>Nothing at all</title></item>
</channel></rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example</title>
  <id>urn:example</id>
  <updated>2024-06-21T12:00:00Z</updated>
  <entry>
    <title>Atom story</title>
    <link href="https://news.example.org/atom/1"/>
    <id>urn:example:1</id>
    <published>2024-06-21T09:00:00+02:00</published>
    <updated>2024-06-21T11:00:00Z</updated>
    <summary type="text">Plain summary &amp; more.</summary>
  </entry>
</feed>
"""


def test_rss_entries() -> None:
    items = list(read_feed(RSS, "feed.rss", "feed.rss", "t"))
    pages = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Rejection)]
    assert [(r.record, r.reason) for r in rejects] == [("3", "feed entry has no content, summary or link")]
    first, link_only = pages
    assert first.page is not None and first.page.format is InputFormat.FEED
    assert first.page.content == b"<p>PRESIDEN Rusia Vladimir Putin tiba di Pyongyang.</p>"
    assert first.page.hints.title == "Putin dan Kim bertemu"
    assert first.page.hints.published == "2024-06-20T03:00:00+00:00"
    assert (first.source.url, first.source.domain) == ("https://www.antaranews.com/berita/1", "antaranews.com")
    assert first.provenance is not None and (first.provenance.record, first.provenance.fetched) == (
        "1",
        "2024-06-20T03:00:00+00:00",
    )
    assert link_only.page is not None and link_only.page.content == b""
    assert link_only.source.url == "https://www.antaranews.com/berita/2"


def test_atom_entry() -> None:
    (item,) = read_feed(ATOM, "feed.atom", None, "t")
    assert isinstance(item, Article) and item.page is not None and item.provenance is not None
    assert item.page.content == b"<p>Plain summary &amp; more.</p>"
    assert item.page.hints.published == "2024-06-21T07:00:00+00:00"
    assert item.provenance.fetched == "2024-06-21T11:00:00+00:00"
    assert item.source.url == "https://news.example.org/atom/1"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<rss version="2.0"><channel><title>x</title></channel></rss>', "feed has no entries"),
        (b"<?xml version='1.0'?><rss><chan", "unreadable feed: .*unclosed token"),
    ],
)
def test_unusable_feeds(data: bytes, reason: str) -> None:
    with pytest.raises(RejectError, match=reason):
        list(read_feed(data, "f", None, "t"))
