-- A Quotemap library of schema version 5, as the migrations made it: frozen, never edited.
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
    rule          TEXT    NOT NULL, said_on TEXT,
    CHECK (start_byte <= end_byte)
) STRICT;
CREATE INDEX quotes_article ON quotes (article_id, start_byte);
CREATE INDEX quotes_speaker ON quotes (speaker_id);
CREATE TABLE entities (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'country', 'city', 'date')),
    name  TEXT NOT NULL,   -- the fullest name seen
    key   TEXT NOT NULL,   -- what articles are matched on (see store::entity_key)
    UNIQUE (kind, key)
) STRICT;
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias     TEXT    NOT NULL,
    detail    TEXT,     -- role of a person, country of a city, text of a date
    UNIQUE (entity_id, alias)
) STRICT;
CREATE TABLE entity_mentions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    start_byte INTEGER NOT NULL,
    end_byte   INTEGER NOT NULL,
    CHECK (start_byte <= end_byte)
) STRICT;
CREATE INDEX entity_mentions_article ON entity_mentions (article_id);
CREATE INDEX entity_mentions_entity ON entity_mentions (entity_id);
CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('affiliation', 'met_with', 'said_about', 'cooperation', 'opposition')),
    from_entity INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    to_entity   INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    stance      TEXT    NOT NULL CHECK (stance IN ('supportive', 'critical', 'neutral')),
    place       INTEGER REFERENCES entities (id) ON DELETE SET NULL,
    date        INTEGER REFERENCES entities (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX relations_article ON relations (article_id);
CREATE INDEX relations_ends ON relations (from_entity, to_entity);
CREATE TABLE relation_evidence (
    relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
    start_byte  INTEGER NOT NULL,
    end_byte    INTEGER NOT NULL,
    CHECK (start_byte <= end_byte)
) STRICT;
CREATE INDEX relation_evidence_relation ON relation_evidence (relation_id);
PRAGMA user_version = 5;
