"""Tables of the stories step (schema v5): origins, copies, the persistent LSH index, stories and their features.

Everything the online clustering remembers lives here, so that assigning a new article costs a few indexed look-ups
whatever the size of the store. Articles stored before this migration are not indexed until
:func:`warta.stories.index.assign` runs over them.
"""

from __future__ import annotations

STORIES_SQL = """
CREATE TABLE origins (
    article_id       TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    publisher        TEXT,                    -- outlet that published the article (Media Indonesia)
    publisher_domain TEXT,
    credited_to      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(credited_to)),  -- agencies/outlets credited
    source_key       TEXT NOT NULL,           -- the independent source it counts as (credited outlet, else publisher)
    strength         INTEGER NOT NULL DEFAULT 0,  -- how sure the publisher is: 3 named on the page … 0 unknown
    evidence         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence))
);
CREATE INDEX origins_source_key ON origins(source_key);

-- Every place an article was found: the first (kind 'original'), the same text again elsewhere ('exact'), a
-- near-duplicate with other boilerplate or small edits ('near'), whose own document is not stored again.
CREATE TABLE copies (
    n          INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    copy_id    TEXT NOT NULL,                 -- the content id the copy had (equal to article_id unless 'near')
    copy_key   TEXT NOT NULL,                 -- url, else domain#copy_id: one row per place
    kind       TEXT NOT NULL CHECK (kind IN ('original', 'exact', 'near')),
    similarity REAL NOT NULL,                 -- estimated Jaccard of the body shingles (1 for exact)
    title      TEXT,
    url        TEXT,
    domain     TEXT,
    path       TEXT,
    input      TEXT,
    record     TEXT,
    publisher  TEXT,
    ingested   TEXT NOT NULL,
    UNIQUE (article_id, copy_key)
);
CREATE INDEX copies_copy_id ON copies(copy_id);

CREATE TABLE minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    sig        BLOB NOT NULL,                 -- 192 little-endian uint32 MinHash values of the body's shingles
    size       INTEGER NOT NULL               -- how many distinct shingles (to estimate containment)
);
CREATE TABLE lsh_bands (
    key        INTEGER NOT NULL,              -- hash of (band number, band rows)
    article_id TEXT NOT NULL
);
CREATE INDEX lsh_bands_key ON lsh_bands(key);
CREATE INDEX lsh_bands_article ON lsh_bands(article_id);

CREATE TABLE stories (
    id         INTEGER PRIMARY KEY,
    title      TEXT,
    language   TEXT,
    first_seen TEXT,
    last_seen  TEXT,
    articles   INTEGER NOT NULL DEFAULT 0,
    sources    INTEGER NOT NULL DEFAULT 0,    -- independent sources (origins.source_key), copies never counted
    centroid   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(centroid)),  -- {"t": {term: w}, "e": {key: w}}
    created    TEXT NOT NULL,
    updated    TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories(last_seen);

CREATE TABLE story_articles (
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    score      REAL NOT NULL,                 -- similarity to the story when assigned (1 for the first article)
    seen       TEXT                           -- publication date, else ingestion time
);
CREATE INDEX story_articles_story ON story_articles(story_id);

-- Inverted index: salient terms, entity keys and actor codes → the stories holding them, for candidate retrieval.
CREATE TABLE story_features (
    feature   TEXT NOT NULL,
    story_id  INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    last_seen TEXT,
    PRIMARY KEY (feature, story_id)
) WITHOUT ROWID;
CREATE INDEX story_features_recent ON story_features(feature, last_seen);

-- Related articles look entities up by id and text.
CREATE INDEX IF NOT EXISTS entities_id ON entities(id);

CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
"""


#: Schema v7: every page seen, by place and content, so that which page represents a group of copies, the copies'
#: similarities and the article's origin can be decided again from all of them when a better page arrives, whatever
#: the arrival order. ``IF NOT EXISTS`` because Warta 0.1 created it on first use, outside the migrations.
COPY_PAGES_SQL = """
CREATE TABLE IF NOT EXISTS copy_pages (
    copy_key TEXT NOT NULL,                   -- as copies.copy_key
    copy_id  TEXT NOT NULL,                   -- the page's content id
    sig      BLOB NOT NULL,                   -- its body's MinHash signature
    size     INTEGER NOT NULL,
    origin   TEXT NOT NULL CHECK (json_valid(origin)),  -- its own resolved origin
    domain   TEXT,
    PRIMARY KEY (copy_key, copy_id)
) WITHOUT ROWID;
"""
