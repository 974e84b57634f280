-- A Quotemap library of schema version 3, as the migrations made it: frozen, never edited.
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    content_sha256  TEXT    NOT NULL UNIQUE,
    source_path     TEXT,
    format          TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    outlet          TEXT,
    published_local TEXT,   -- ISO 8601 as written, with offset when known
    published_utc   TEXT,   -- the same instant in UTC, for sorting; NULL when the zone is unknown
    published_zone  TEXT,   -- IANA zone name when the text gave one
    text            TEXT    NOT NULL,  -- normalised (NFC, \n); all offsets refer to it
    blocks_json     TEXT    NOT NULL,  -- [{kind, span:{start,end}}], UTF-8 byte spans into text
    encoding        TEXT    NOT NULL,
    imported_at     TEXT    NOT NULL   -- UTC timestamp
, author TEXT) STRICT;
CREATE INDEX articles_published_utc ON articles (published_utc);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content = 'articles', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TABLE library_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE article_analysis (
    article_id     INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    engine_version TEXT    NOT NULL,
    analyzed_at    TEXT    NOT NULL
) STRICT;
CREATE TABLE speakers (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,  -- position in the article's speaker list (order of appearance)
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('person', 'organisation', 'anonymous')),
    role        TEXT,
    affiliation TEXT,
    UNIQUE (article_id, ordinal)
) STRICT;
CREATE INDEX speakers_article ON speakers (article_id);
CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start_byte    INTEGER NOT NULL,
    end_byte      INTEGER NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    cue_start     INTEGER,
    cue_end       INTEGER,
    mention_start INTEGER,
    mention_end   INTEGER,
    speaker_id    INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
    confidence    REAL    NOT NULL,
    group_number  INTEGER NOT NULL,
    nested        INTEGER NOT NULL CHECK (nested IN (0, 1)),
    rule          TEXT    NOT NULL,
    CHECK (start_byte <= end_byte)
) STRICT;
CREATE INDEX quotes_article ON quotes (article_id, start_byte);
CREATE INDEX quotes_speaker ON quotes (speaker_id);
PRAGMA user_version = 3;
