-- A Quotemap library of schema version 1, as the migrations made it: frozen, never edited.
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
) STRICT;
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
PRAGMA user_version = 1;
