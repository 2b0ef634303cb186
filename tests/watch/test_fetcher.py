"""The polite fetcher against a local server: robots.txt, spacing and concurrency per host, conditional requests,
retries, timeouts, size caps and redirects — all asserted from what the server saw."""

from __future__ import annotations

import gzip
import itertools
import threading
import time

import pytest
from tests.watch.conftest import Reply, Site

from warta.watch.fetcher import DEFAULT_USER_AGENT, Exchange, Fetcher, FetchPolicy, Outcome, retry_after

FAST = FetchPolicy(rate=0.0, concurrency=4, timeout=2.0, max_seconds=3.0, retries=2, backoff=0.05)


def fetch_all(fetcher: Fetcher, urls: list[str]) -> None:
    threads = [threading.Thread(target=fetcher.fetch, args=(u,)) for u in urls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_plain_fetch_sends_user_agent_and_reads_charset(site: Site) -> None:
    site.route("/a", Reply(body=b"<p>hello</p>", content_type="text/html; charset=ISO-8859-1", etag='"v1"'))
    with Fetcher(FAST) as fetcher:
        got = fetcher.fetch(site.url("/a"))
    assert got.ok and got.status == 200 and got.body == b"<p>hello</p>"
    assert (got.content_type, got.charset, got.etag) == ("text/html", "ISO-8859-1", '"v1"')
    assert site.requests("/a")[0].headers["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("Warta/")


def test_robots_disallow_is_obeyed_and_robots_read_once(site: Site) -> None:
    site.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    site.route("/private/x", Reply(body=b"secret"))
    site.route("/public/x", Reply(body=b"ok"))
    with Fetcher(FAST) as fetcher:
        denied = fetcher.fetch(site.url("/private/x"))
        allowed = fetcher.fetch(site.url("/public/x"))
        fetcher.fetch(site.url("/public/x"))
    assert denied.outcome is Outcome.ROBOTS and "robots.txt" in (denied.reason or "")
    assert allowed.ok
    assert site.requests("/private/x") == []
    assert len(site.requests("/robots.txt")) == 1


def test_robots_for_our_agent_only_and_unreachable_robots_blocks(site: Site) -> None:
    site.route("/robots.txt", Reply(body=b"User-agent: Warta\nDisallow: /\n\nUser-agent: *\nAllow: /\n"))
    site.route("/a", Reply(body=b"x"))
    with Fetcher(FAST) as fetcher:
        assert fetcher.fetch(site.url("/a")).outcome is Outcome.ROBOTS
    with Fetcher(FetchPolicy(rate=0, retries=0, user_agent="OtherBot/1.0")) as fetcher:
        assert fetcher.fetch(site.url("/a")).ok
    site.route("/robots.txt", Reply(status=503))
    before = len(site.requests("/a"))
    with Fetcher(FetchPolicy(rate=0, retries=0)) as fetcher:
        got = fetcher.fetch(site.url("/a"))  # RFC 9309: nothing is fetched while robots.txt answers 5xx
    assert got.outcome is Outcome.BUSY and "robots.txt unreadable: HTTP 503" in (got.reason or "")
    assert len(site.requests("/a")) == before


def test_requests_to_one_host_are_spaced_by_the_rate(site: Site) -> None:
    site.route("/p", Reply(body=b"x"))
    policy = FetchPolicy(rate=0.25, concurrency=4, retries=0)
    with Fetcher(policy) as fetcher:
        fetch_all(fetcher, [site.url("/p")] * 6)
    starts = sorted(h.start for h in site.requests("/p"))
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 6
    # Server-side times carry the loopback's scheduling jitter (a shared 2-core machine): the mean gap is the rate,
    # no single gap much below it.
    assert sum(gaps) / len(gaps) >= 0.25 * 0.95, gaps
    assert min(gaps) >= 0.25 * 0.6, gaps


def test_concurrency_per_host_is_capped_and_hosts_are_independent(site: Site, other_site: Site) -> None:
    for s in (site, other_site):
        s.route("/slow", Reply(body=b"x", delay=0.3))
    policy = FetchPolicy(rate=0.0, concurrency=2, retries=0)
    with Fetcher(policy) as fetcher:
        started = time.monotonic()
        fetch_all(fetcher, [site.url("/slow")] * 6 + [other_site.url("/slow")] * 2)
        took = time.monotonic() - started
    assert site.max_inflight == 2  # six requests, never more than two at once
    assert other_site.max_inflight == 2
    assert 0.85 < took < 2.5  # 3 waves of 0.3 s on the busy host; the other host did not wait for it


def test_conditional_request_gets_not_modified(site: Site) -> None:
    site.route("/feed", Reply(body=b"<rss/>", etag='"abc"', last_modified="Wed, 25 Nov 2026 10:00:00 GMT"))
    with Fetcher(FAST) as fetcher:
        first = fetcher.fetch(site.url("/feed"))
        again = fetcher.fetch(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert first.ok and again.outcome is Outcome.NOT_MODIFIED and again.body == b""
    sent = site.requests("/feed")[1].headers
    assert sent["If-None-Match"] == '"abc"' and sent["If-Modified-Since"] == "Wed, 25 Nov 2026 10:00:00 GMT"
    assert "If-None-Match" not in site.requests("/feed")[0].headers


def test_429_with_retry_after_is_waited_for(site: Site) -> None:
    site.route("/busy", Reply(429, headers={"Retry-After": "1"}), Reply(body=b"finally"))
    with Fetcher(FAST) as fetcher:
        got = fetcher.fetch(site.url("/busy"))
    hits = site.requests("/busy")
    assert got.ok and got.body == b"finally" and got.tries == 2
    assert [h.status for h in hits] == [429, 200]
    assert hits[1].start - hits[0].end >= 0.95  # Retry-After: 1 honoured, though the backoff was 0.05 s


def test_500_then_success_and_500_forever(site: Site) -> None:
    site.route("/flaky", Reply(500), Reply(502), Reply(body=b"ok"))
    site.route("/down", Reply(500))
    seen: list[Exchange] = []
    with Fetcher(FAST, on_exchange=seen.append) as fetcher:
        flaky = fetcher.fetch(site.url("/flaky"))
        down = fetcher.fetch(site.url("/down"))
    assert flaky.ok and flaky.tries == 3
    assert down.outcome is Outcome.BUSY and down.tries == 3 and down.reason == "HTTP 500"
    assert len(site.requests("/down")) == 3  # 1 + retries
    assert [e.status for e in seen if e.url.endswith("/down")] == [500, 500, 500]
    assert all(e.outcome == "busy" for e in seen if e.url.endswith("/down"))


def test_404_is_an_answer_not_retried(site: Site) -> None:
    with Fetcher(FAST) as fetcher:
        got = fetcher.fetch(site.url("/missing"))
    assert got.outcome is Outcome.HTTP and got.status == 404 and len(site.requests("/missing")) == 1


def test_slow_response_times_out_and_dripping_body_is_cut(site: Site) -> None:
    site.route("/slow", Reply(body=b"x", delay=0.8))
    site.route("/drip", Reply(body=b"y" * 40_000, drip=0.05))
    policy = FetchPolicy(rate=0, timeout=0.3, max_seconds=0.6, retries=1, backoff=0.01)
    with Fetcher(policy) as fetcher:
        slow = fetcher.fetch(site.url("/slow"))
        started = time.monotonic()
        drip = fetcher.fetch(site.url("/drip"))
        took = time.monotonic() - started
    assert slow.outcome is Outcome.TIMEOUT and slow.tries == 2
    assert drip.outcome is Outcome.TIMEOUT and took < 2.0  # two tries of 0.6 s, not 40 chunks × 0.05 s each


def test_network_error_is_reported(site: Site) -> None:
    dead = "http://127.0.0.1:9/nothing"  # the discard port: nothing listens there
    with Fetcher(FetchPolicy(rate=0, retries=1, backoff=0.01, robots=False)) as fetcher:
        got = fetcher.fetch(dead)
    assert got.outcome is Outcome.NETWORK and got.tries == 2 and "Connect" in (got.reason or "")


def test_redirects_followed_with_limits(site: Site) -> None:
    site.route("/r1", Reply(301, headers={"Location": "/r2"}))
    site.route("/r2", Reply(302, headers={"Location": site.url("/final")}))
    site.route("/final", Reply(body=b"here"))
    site.route("/loop1", Reply(302, headers={"Location": "/loop2"}))
    site.route("/loop2", Reply(302, headers={"Location": "/loop1"}))
    for i in range(8):
        site.route(f"/chain{i}", Reply(302, headers={"Location": f"/chain{i + 1}"}))
    with Fetcher(FAST) as fetcher:
        ok = fetcher.fetch(site.url("/r1"))
        loop = fetcher.fetch(site.url("/loop1"))
        chain = fetcher.fetch(site.url("/chain0"))
    assert ok.ok and ok.body == b"here" and ok.final_url == site.url("/final") and ok.url == site.url("/r1")
    assert loop.outcome is Outcome.REDIRECTS and "loop" in (loop.reason or "")
    assert chain.outcome is Outcome.REDIRECTS and "more than 5" in (chain.reason or "")
    assert len(site.requests("/chain6")) == 0


def test_redirect_into_disallowed_path_is_not_followed(site: Site) -> None:
    site.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private\n"))
    site.route("/go", Reply(302, headers={"Location": "/private/page"}))
    with Fetcher(FAST) as fetcher:
        got = fetcher.fetch(site.url("/go"))
    assert got.outcome is Outcome.ROBOTS and site.requests("/private/page") == []


def test_oversize_bodies_are_refused(site: Site) -> None:
    site.route("/big", Reply(body=b"z" * 5000))
    site.route("/big-chunked", Reply(body=b"z" * 5000, drip=0.001))  # no Content-Length
    bomb = gzip.compress(b"a" * 200_000)
    site.route("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    with Fetcher(FetchPolicy(rate=0, retries=0, max_bytes=4096)) as fetcher:
        declared = fetcher.fetch(site.url("/big"))
        chunked = fetcher.fetch(site.url("/big-chunked"))
        inflated = fetcher.fetch(site.url("/bomb"))
    assert declared.outcome is Outcome.TOO_LARGE and "Content-Length" in (declared.reason or "")
    assert chunked.outcome is Outcome.TOO_LARGE
    assert inflated.outcome is Outcome.TOO_LARGE and len(bomb) < 4096  # the cap holds for the decoded size


def test_crawl_delay_slows_the_host(site: Site) -> None:
    site.route("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 0.4\n"))
    site.route("/p", Reply(body=b"x"))
    with Fetcher(FetchPolicy(rate=0.0, retries=0)) as fetcher:
        fetch_all(fetcher, [site.url("/p")] * 3)
    starts = sorted(h.start for h in site.requests("/p"))
    assert starts[2] - starts[0] >= 0.8 - 0.03


@pytest.mark.parametrize(("value", "expected"), [("3", 3.0), (None, None), ("soon", None), ("  12 ", 12.0)])
def test_retry_after_values(value: str | None, expected: float | None) -> None:
    assert retry_after(value) == expected


def test_retry_after_http_date() -> None:
    from email.utils import formatdate

    got = retry_after(formatdate(time.time() + 30, usegmt=True))
    assert got is not None and 25 < got <= 31


def test_redirect_into_another_internal_host_is_refused(site: Site, other_site: Site) -> None:
    other_site.route("/admin", Reply(body=b"router admin"))
    site.route("/go", Reply(302, headers={"Location": other_site.url("/admin")}))
    with Fetcher(FAST) as fetcher:
        got = fetcher.fetch(site.url("/go"))
    assert got.outcome is Outcome.REDIRECTS and "internal address refused" in (got.reason or "")
    assert other_site.requests("/admin") == []
