"""The database's tables, versioned: each migration runs once, in order, when a database is opened.

Why migrations rather than ``CREATE TABLE IF NOT EXISTS``: a database written by an older newswire
must keep working after an upgrade. Add a new ``(version, statements)`` pair at the end of
``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

import duckdb

MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        """CREATE TABLE sources (
            name VARCHAR PRIMARY KEY,       -- publisher, or the URL's host when the page names none
            first_seen TIMESTAMP)""",
        """CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,         -- the key of the story's first article
            title VARCHAR,
            created TIMESTAMP)""",
        """CREATE TABLE articles (
            key VARCHAR PRIMARY KEY,        -- content id + URL: the same text at two URLs is two copies
            id VARCHAR NOT NULL,            -- Article.id, the content hash of the record
            url VARCHAR,
            source VARCHAR,
            title VARCHAR,
            published VARCHAR,
            pub_date DATE,
            language VARCHAR,
            origin VARCHAR,
            story_id VARCHAR NOT NULL,
            tone DOUBLE,                    -- GDELT scale, -100..+100
            positive DOUBLE,
            negative DOUBLE,
            word_count INTEGER,
            signature BLOB,                 -- MinHash of the body's shingles (near-duplicate search)
            record VARCHAR NOT NULL,        -- the full analysis record (JSON), served back as is
            added TIMESTAMP NOT NULL)""",
        "CREATE INDEX articles_id ON articles(id)",
        """CREATE TABLE entities (
            article_key VARCHAR, idx INTEGER, text VARCHAR, label VARCHAR, start_char INTEGER,
            end_char INTEGER, actor_code VARCHAR, actor_name VARCHAR, actor_country VARCHAR)""",
        """CREATE TABLE quotes (
            article_key VARCHAR, idx INTEGER, text VARCHAR, speaker VARCHAR, speaker_code VARCHAR,
            kind VARCHAR, start_char INTEGER, end_char INTEGER)""",
        """CREATE TABLE events (
            id BIGINT NOT NULL,
            story_id VARCHAR NOT NULL,
            date DATE, date_text VARCHAR,
            source_code VARCHAR, source_name VARCHAR, source_country VARCHAR, source_igo VARCHAR,
            source_sector VARCHAR,
            target_code VARCHAR, target_name VARCHAR, target_country VARCHAR, target_igo VARCHAR,
            target_sector VARCHAR,
            cameo VARCHAR, cameo_base VARCHAR, cameo_root VARCHAR, plover VARCHAR, mode VARCHAR,
            quad_class TINYINT, goldstein DOUBLE, status VARCHAR,
            location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
            sentence VARCHAR, trigger VARCHAR, confidence DOUBLE,
            is_root BOOLEAN,
            num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER, avg_tone DOUBLE,
            first_article VARCHAR, url VARCHAR,
            added TIMESTAMP NOT NULL)""",
        """CREATE TABLE mentions (
            event_id BIGINT NOT NULL, article_key VARCHAR NOT NULL, source VARCHAR, url VARCHAR,
            sentence_id INTEGER, start_char INTEGER, end_char INTEGER, action_char INTEGER,
            sentence VARCHAR, trigger VARCHAR, status VARCHAR, confidence DOUBLE, in_lead BOOLEAN,
            doc_len INTEGER, doc_tone DOUBLE, added TIMESTAMP NOT NULL)""",
        """CREATE TABLE rejects (
            name VARCHAR NOT NULL, reason VARCHAR NOT NULL, first_seen TIMESTAMP,
            PRIMARY KEY (name, reason))""",
    ]),
    (2, [  # `newswire watch`: what each watched source said last time, and which of its items were dealt with
        """CREATE TABLE watch_sources (
            source VARCHAR PRIMARY KEY,     -- a feed, sitemap or URL list, as named on the command line
            etag VARCHAR,                   -- its validators, sent back as If-None-Match / If-Modified-Since
            last_modified VARCHAR,
            checked TIMESTAMP,              -- when it was last read
            status VARCHAR,                 -- what that gave: "ok", "not modified", or why it failed
            failures INTEGER NOT NULL DEFAULT 0,  -- failures in a row (back-off doubles with each)
            retry_after TIMESTAMP)          -- not asked again before this""",
        """CREATE TABLE watch_items (
            item VARCHAR PRIMARY KEY,       -- the page's address (or a feed item's id)
            source VARCHAR,
            first_seen TIMESTAMP,
            attempts INTEGER NOT NULL DEFAULT 0,
            outcome VARCHAR)                -- NULL while it is still to be fetched; then what became of it""",
    ]),
]

LATEST = MIGRATIONS[-1][0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied TIMESTAMP)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database up to ``LATEST``; each migration is one transaction. Returns the version."""
    version = current_version(con)
    if version > LATEST:
        raise RuntimeError(f"the database has schema version {version}; this newswire knows up to {LATEST}")
    for number, statements in MIGRATIONS:
        if number <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for sql in statements:
                con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, now())", [number])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = number
    return version
