"""Tables of ``warta watch`` (schema v8): the sources it polls, the frontier of article URLs, a fetch log, alerts.

Everything the watcher must remember across a crash lives here, so a killed and restarted watcher neither refetches
what it stored nor forgets URLs it had discovered but not fetched yet.
"""

from __future__ import annotations

WATCH_SQL = """
CREATE TABLE watch_sources (
    url           TEXT PRIMARY KEY,           -- as written in the sources file (or a child sitemap's loc)
    kind          TEXT NOT NULL,              -- feed, sitemap, page, or auto (detected from the body)
    parent        TEXT,                       -- the sitemap index that listed it, for child sitemaps
    etag          TEXT,                       -- validators of the last 200, sent back as If-None-Match /
    last_modified TEXT,                       -- If-Modified-Since
    checked       TEXT,                       -- when it was last polled (ISO 8601, UTC)
    status        INTEGER,                    -- the HTTP status of that poll (NULL: no response)
    error         TEXT,                       -- why that poll failed, if it did
    found         INTEGER NOT NULL DEFAULT 0  -- URLs it brought to the frontier, in total
);

CREATE TABLE watch_frontier (
    url        TEXT PRIMARY KEY,              -- normalised (warta.watch.urls.normalise): one row per article URL
    source     TEXT,                          -- the source that listed it first
    title      TEXT,                          -- what the feed or sitemap said, passed to extraction as hints
    published  TEXT,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    next_try   TEXT NOT NULL,                 -- not fetched before this time (backoff after a transient failure)
    discovered TEXT NOT NULL,
    finished   TEXT,
    outcome    TEXT,                          -- done: stored, rejected (by a stage); failed: the last reason
    article_id TEXT
);
CREATE INDEX watch_frontier_todo ON watch_frontier(state, next_try);

-- One row per HTTP exchange the watcher made (sources, robots.txt, articles, webhooks): status and why it failed.
CREATE TABLE watch_fetches (
    n       INTEGER PRIMARY KEY,
    url     TEXT NOT NULL,
    at      TEXT NOT NULL,
    status  INTEGER,
    outcome TEXT NOT NULL,                    -- ok, not-modified, or a failure kind (http, network, robots, …)
    reason  TEXT,
    bytes   INTEGER,
    seconds REAL
);
CREATE INDEX watch_fetches_url ON watch_fetches(url);

-- Saved-query matches: one row per (watchlist, article or event), so no alert is ever raised twice.
CREATE TABLE watch_alerts (
    n          INTEGER PRIMARY KEY,
    watchlist  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('article', 'event')),
    ref        TEXT NOT NULL,                 -- the article id or the event number
    article_id TEXT NOT NULL,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    published  TEXT,
    url        TEXT,
    at         TEXT NOT NULL,
    delivered  TEXT,                          -- when the webhook took it (NULL: not yet, or no webhook)
    attempts   INTEGER NOT NULL DEFAULT 0,
    error      TEXT,
    UNIQUE (watchlist, kind, ref)
);
CREATE INDEX watch_alerts_watchlist ON watch_alerts(watchlist, n);

-- Per watchlist, the last article and event numbers it was evaluated on.
CREATE TABLE watch_marks (
    watchlist TEXT PRIMARY KEY,
    article_n INTEGER NOT NULL,
    event_n   INTEGER NOT NULL
);

-- "Is this URL already stored?" before any fetch: documents, copies and stage rejections by their input.
CREATE INDEX IF NOT EXISTS articles_input ON articles(input);
CREATE INDEX IF NOT EXISTS copies_input ON copies(input);
"""
