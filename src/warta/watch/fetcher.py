"""A polite HTTP fetcher (httpx): robots.txt, per-host spacing and concurrency, conditional requests, retries with
backoff, timeouts, size caps and bounded redirects. Thread-safe: one :class:`Fetcher` serves a pool of threads.

Every HTTP exchange is reported to ``on_exchange`` (the watcher writes them to its fetch log) and, with an archive,
written to WARC; a failure is a :class:`Fetched` with an outcome and a reason, never an exception.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Protocol

import httpx
from protego import Protego

from warta import __version__
from warta.watch.urls import host_of, may_follow

DEFAULT_USER_AGENT = f"Warta/{__version__} (news monitor; +https://pypi.org/project/warta/)"

#: Statuses worth another try: the server is busy or broken for now, the page may well be there.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})

ROBOTS_TTL_S = 86400.0  # how long a host's robots.txt is trusted
ROBOTS_RETRY_S = 300.0  # how long a host whose robots.txt could not be read is left alone


class Outcome(enum.StrEnum):
    OK = "ok"
    NOT_MODIFIED = "not-modified"  # 304 to a conditional request
    HTTP = "http"  # a status that is an answer (404, 410, 403…): not retried
    BUSY = "busy"  # 429/5xx still after the retries: try again on a later pass
    NETWORK = "network"  # connection refused/reset, DNS… still after the retries
    TIMEOUT = "timeout"
    ROBOTS = "robots"  # robots.txt disallows it
    TOO_LARGE = "too-large"
    REDIRECTS = "redirects"  # a loop or too many hops

    @property
    def transient(self) -> bool:
        return self in (Outcome.BUSY, Outcome.NETWORK, Outcome.TIMEOUT)


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely to fetch. ``rate``: seconds between request starts to one host (robots.txt ``Crawl-delay`` may
    ask for more, up to ``max_delay``); ``concurrency``: requests in flight per host at most."""

    user_agent: str = DEFAULT_USER_AGENT
    rate: float = 1.0
    concurrency: int = 2
    timeout: float = 20.0  # connect and per-read timeout
    max_seconds: float = 60.0  # one response, headers to last byte (a server that drips bytes cannot hold on)
    max_bytes: int = 10_000_000  # decoded body size cap (so a gzip bomb stops here too)
    max_redirects: int = 5
    retries: int = 2  # extra tries after a 429/5xx/network error, within one fetch
    backoff: float = 1.0  # first wait between tries, doubled each time (Retry-After wins when longer)
    max_retry_after: float = 120.0  # a longer Retry-After ends the fetch: the URL waits for a later pass
    max_delay: float = 30.0
    robots: bool = True


POLITE = FetchPolicy()


@dataclass(slots=True)
class Fetched:
    """What fetching one URL came to; ``body`` is the decoded payload of a 200 (empty otherwise)."""

    url: str
    outcome: Outcome
    status: int | None = None
    final_url: str | None = None
    body: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    reason: str | None = None
    tries: int = 0
    retry_after: float | None = None  # for a transient outcome: seconds the server asked us to wait, if it did

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP request and its answer, for the fetch log."""

    url: str
    status: int | None
    outcome: str
    reason: str | None
    bytes: int
    seconds: float


class Recorder(Protocol):
    """Where raw responses go (the WARC archive)."""

    def record(self, url: str, status: int, reason: str, headers: list[tuple[str, str]], body: bytes) -> None: ...


class _Failure(Exception):
    def __init__(self, outcome: Outcome, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.outcome, self.reason, self.status = outcome, reason, status
        self.retry_after: float | None = None


class HostGate:
    """Spacing and concurrency for one host: starts at least ``delay`` s apart, at most ``limit`` in flight."""

    def __init__(self, limit: int, delay: float) -> None:
        self.slots = threading.BoundedSemaphore(limit)
        self.delay = delay
        self._lock = threading.Lock()
        self._next = 0.0

    def enter(self) -> None:
        self.slots.acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.delay
        if start > now:
            time.sleep(start - now)

    def leave(self) -> None:
        self.slots.release()

    def defer(self, seconds: float) -> None:
        """No request to this host for ``seconds`` (it answered 429 or 503 with a Retry-After)."""
        with self._lock:
            self._next = max(self._next, time.monotonic() + seconds)


class Fetcher:
    """Fetch URLs politely; see :class:`FetchPolicy`. Close it (or use it as a context manager) when done."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        on_exchange: Callable[[Exchange], None] | None = None,
        recorder: Recorder | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy = policy or POLITE
        self.on_exchange = on_exchange
        self.recorder = recorder
        self.sleep = sleep
        self.client = httpx.Client(
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(policy.timeout),
            follow_redirects=False,  # followed here, hop by hop, each through robots.txt and the host's gate
        )
        self._lock = threading.Lock()
        self._gates: dict[str, HostGate] = {}
        self._robots: dict[str, tuple[Protego | _Failure | None, float]] = {}  # None: allow all
        self._robot_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public ----------------------------------------------------------------------------------------------

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when validators are given), following redirects, retrying transient errors."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = Fetched(url, Outcome.NETWORK)
        for attempt in range(self.policy.retries + 1):
            result = self._follow(url, headers)
            result.tries = attempt + 1
            if not result.outcome.transient or attempt == self.policy.retries:
                break
            wait = self.policy.backoff * (2**attempt)
            if result.retry_after is not None:
                if result.retry_after > self.policy.max_retry_after:
                    break  # the server wants a long pause: leave the URL for a later pass
                wait = max(wait, result.retry_after)
            self.sleep(wait)
        return result

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets our user agent fetch it (fetched once per host per day)."""
        if not self.policy.robots:
            return True
        return self._verdict(url) is None

    def _verdict(self, url: str) -> _Failure | None:
        """``None`` when ``url`` may be fetched; else why not (disallowed, or robots.txt unreadable for now)."""
        if not self.policy.robots:
            return None
        rules = self._rules(url)
        if isinstance(rules, _Failure):
            return rules
        if rules is None or rules.can_fetch(url, self.policy.user_agent):
            return None
        return _Failure(Outcome.ROBOTS, f"robots.txt disallows {url}")

    # -- one URL, redirects followed ---------------------------------------------------------------------------

    def _follow(self, url: str, headers: dict[str, str]) -> Fetched:
        seen = {url}
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            denied = self._verdict(current)
            if denied is not None:
                return Fetched(url, denied.outcome, denied.status, current, reason=denied.reason)
            try:
                result = self._exchange(current, headers)
            except _Failure as failure:
                return Fetched(url, failure.outcome, failure.status, current, reason=failure.reason,
                               retry_after=failure.retry_after)  # fmt: skip
            if result.status in (301, 302, 303, 307, 308):
                location = result.final_url  # set by _exchange to the resolved Location
                if not location:
                    return Fetched(url, Outcome.HTTP, result.status, current, reason="redirect without Location")
                if location in seen:
                    return Fetched(url, Outcome.REDIRECTS, result.status, current, reason=f"redirect loop at {current}")
                if not may_follow(location, url):
                    refused = f"redirect to an internal address refused: {location}"
                    return Fetched(url, Outcome.REDIRECTS, result.status, current, reason=refused)
                seen.add(location)
                current = location
                headers = {}  # validators belong to the first URL
                continue
            result.url, result.final_url = url, current
            return result
        too_many = f"more than {self.policy.max_redirects} redirects"
        return Fetched(url, Outcome.REDIRECTS, final_url=current, reason=too_many)

    def _exchange(self, url: str, headers: dict[str, str]) -> Fetched:
        """One request through the host's gate; a redirect comes back with ``final_url`` = its target."""
        gate = self._gate(host_of(url))
        gate.enter()
        started = time.monotonic()
        status: int | None = None
        size = 0
        try:
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    if status in (301, 302, 303, 307, 308):
                        target = response.headers.get("Location")
                        self._log(url, status, "redirect", target, 0, started)
                        return Fetched(url, Outcome.OK, status, str(response.url.join(target)) if target else None)
                    if status == 304:
                        self._log(url, status, Outcome.NOT_MODIFIED, None, 0, started)
                        return Fetched(url, Outcome.NOT_MODIFIED, status, etag=response.headers.get("ETag"),
                                       last_modified=response.headers.get("Last-Modified"))  # fmt: skip
                    if status != 200:
                        failure = self._status_failure(response, gate)
                        self._log(url, status, failure.outcome, failure.reason, 0, started)
                        raise failure
                    body = self._read(response, started)
                    size = len(body)
                    self._archive(url, response, body)
            except httpx.TimeoutException as exc:
                raise _Failure(Outcome.TIMEOUT, f"timed out: {type(exc).__name__}", status) from exc
            except httpx.TransportError as exc:
                raise _Failure(Outcome.NETWORK, f"{type(exc).__name__}: {exc}", status) from exc
            except httpx.InvalidURL as exc:
                raise _Failure(Outcome.HTTP, f"invalid URL: {exc}", status) from exc
        except _Failure as failure:
            if failure.outcome is not Outcome.HTTP and failure.outcome is not Outcome.BUSY:
                self._log(url, failure.status, failure.outcome, failure.reason, size, started)
            raise
        finally:
            gate.leave()
        self._log(url, status, Outcome.OK, None, size, started)
        content_type = response.headers.get("Content-Type", "")
        mime, _, params = content_type.partition(";")
        charset = None
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'")
        return Fetched(
            url, Outcome.OK, status, url, body, mime.strip().lower() or None, charset,
            response.headers.get("ETag"), response.headers.get("Last-Modified"),
        )  # fmt: skip

    def _read(self, response: httpx.Response, started: float) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise _Failure(Outcome.TOO_LARGE, f"Content-Length {declared} > {self.policy.max_bytes} bytes", 200)
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():  # decoded: the cap holds for what a gzip body inflates to
            total += len(chunk)
            if total > self.policy.max_bytes:
                raise _Failure(Outcome.TOO_LARGE, f"body over {self.policy.max_bytes} bytes", 200)
            if time.monotonic() - started > self.policy.max_seconds:
                raise _Failure(Outcome.TIMEOUT, f"body took over {self.policy.max_seconds:g} s", 200)
            chunks.append(chunk)
        return b"".join(chunks)

    def _status_failure(self, response: httpx.Response, gate: HostGate) -> _Failure:
        status = response.status_code
        if status not in RETRY_STATUSES:
            return _Failure(Outcome.HTTP, f"HTTP {status}", status)
        failure = _Failure(Outcome.BUSY, f"HTTP {status}", status)
        wait = retry_after(response.headers.get("Retry-After"))
        if wait is not None:
            gate.defer(min(wait, self.policy.max_retry_after))  # the whole host waits, not only this URL
            failure.retry_after = wait
        return failure

    # -- robots.txt --------------------------------------------------------------------------------------------

    def _rules(self, url: str) -> Protego | _Failure | None:
        """The host's robots.txt rules; ``None``: no rules (allow all); a failure: it cannot be read now."""
        host = host_of(url)
        with self._lock:
            lock = self._robot_locks.setdefault(host, threading.Lock())
        with lock:  # one thread fetches a host's robots.txt; the others wait for it
            cached = self._robots.get(host)
            if cached is not None:
                rules, at = cached
                # Rules are kept a day; an unreadable robots.txt is asked again after a few minutes.
                if time.monotonic() - at < (ROBOTS_RETRY_S if isinstance(rules, _Failure) else ROBOTS_TTL_S):
                    return rules
            rules = self._fetch_robots(url)
            self._robots[host] = (rules, time.monotonic())
            if isinstance(rules, Protego):
                delay = rules.crawl_delay(self.policy.user_agent)
                if delay:
                    gate = self._gate(host)
                    gate.delay = max(self.policy.rate, min(float(delay), self.policy.max_delay))
            return rules

    def _fetch_robots(self, url: str) -> Protego | _Failure | None:
        """RFC 9309: a 4xx means no rules; while it cannot be read (5xx, network) nothing may be fetched."""
        parts = httpx.URL(url)
        current = str(parts.copy_with(path="/robots.txt", query=None, fragment=None))
        for _hop in range(self.policy.max_redirects + 1):
            try:
                result = self._exchange(current, {})
            except _Failure as failure:
                if failure.outcome is Outcome.HTTP and failure.status is not None and 400 <= failure.status < 500:
                    return None
                outcome = failure.outcome if failure.outcome.transient else Outcome.BUSY
                return _Failure(outcome, f"robots.txt unreadable: {failure.reason}", failure.status)
            if result.status in (301, 302, 303, 307, 308) and result.final_url:
                current = result.final_url
                continue
            return Protego.parse(result.body.decode("utf-8", errors="replace"))
        return None

    # -- helpers -----------------------------------------------------------------------------------------------

    def _gate(self, host: str) -> HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = HostGate(self.policy.concurrency, self.policy.rate)
            return gate

    def _log(self, url: str, status: int | None, outcome: str, reason: str | None, size: int, started: float) -> None:
        if self.on_exchange is not None:
            self.on_exchange(Exchange(url, status, str(outcome), reason, size, time.monotonic() - started))

    def _archive(self, url: str, response: httpx.Response, body: bytes) -> None:
        if self.recorder is None:
            return
        # The body is stored decoded, so the headers must not claim a content encoding or the wire length.
        drop = {"content-encoding", "transfer-encoding", "content-length"}
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in drop]
        headers.append(("Content-Length", str(len(body))))
        self.recorder.record(url, response.status_code, response.reason_phrase or "OK", headers, body)


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number of seconds or an HTTP date), ``None`` if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())
