-- A Quotemap library of schema version 9, as the migrations made it: frozen, never edited.
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
, author TEXT, title_key BLOB, outlet_key BLOB) STRICT;
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
CREATE INDEX entity_aliases_alias ON entity_aliases (alias);
CREATE TABLE user_annotations (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start_byte   INTEGER NOT NULL,
    end_byte     INTEGER NOT NULL,
    exact        TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,
    suffix       TEXT    NOT NULL,
    note         TEXT    NOT NULL,
    color        TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    needs_anchor INTEGER NOT NULL DEFAULT 0 CHECK (needs_anchor IN (0, 1)),
    CHECK (start_byte < end_byte)
) STRICT;
CREATE INDEX user_annotations_article ON user_annotations (article_id, start_byte);
CREATE INDEX user_annotations_created ON user_annotations (created_at, id);
CREATE TABLE user_annotation_tags (
    annotation_id INTEGER NOT NULL REFERENCES user_annotations (id) ON DELETE CASCADE,
    tag           TEXT    NOT NULL,
    PRIMARY KEY (annotation_id, tag)
) STRICT;
CREATE INDEX user_annotation_tags_tag ON user_annotation_tags (tag);
CREATE VIRTUAL TABLE user_annotations_fts USING fts5(
    note, exact, content = 'user_annotations', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER user_annotations_fts_insert AFTER INSERT ON user_annotations BEGIN
    INSERT INTO user_annotations_fts (rowid, note, exact) VALUES (new.id, new.note, new.exact);
END;
CREATE TRIGGER user_annotations_fts_delete AFTER DELETE ON user_annotations BEGIN
    INSERT INTO user_annotations_fts (user_annotations_fts, rowid, note, exact)
        VALUES ('delete', old.id, old.note, old.exact);
END;
CREATE TRIGGER user_annotations_fts_update AFTER UPDATE ON user_annotations BEGIN
    INSERT INTO user_annotations_fts (user_annotations_fts, rowid, note, exact)
        VALUES ('delete', old.id, old.note, old.exact);
    INSERT INTO user_annotations_fts (rowid, note, exact) VALUES (new.id, new.note, new.exact);
END;
CREATE TABLE user_article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (article_id, tag)
) STRICT;
CREATE INDEX user_article_tags_tag ON user_article_tags (tag);
CREATE TABLE user_article_reviews (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    reviewed_at TEXT    NOT NULL
) STRICT;
CREATE TABLE user_quotes (
    id                  INTEGER PRIMARY KEY,
    article_id          INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    status              TEXT    NOT NULL CHECK (status IN ('confirmed', 'rejected', 'corrected', 'added')),
    start_byte          INTEGER NOT NULL,
    end_byte            INTEGER NOT NULL,
    exact               TEXT    NOT NULL,
    prefix              TEXT    NOT NULL,
    suffix              TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    speaker_name        TEXT,
    speaker_kind        TEXT    CHECK (speaker_kind IN ('person', 'organisation', 'anonymous')),
    speaker_role        TEXT,
    speaker_affiliation TEXT,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    needs_anchor        INTEGER NOT NULL DEFAULT 0 CHECK (needs_anchor IN (0, 1)),
    CHECK (start_byte < end_byte)
) STRICT;
CREATE INDEX user_quotes_article ON user_quotes (article_id, start_byte);
CREATE TABLE user_quote_links (
    user_quote_id INTEGER PRIMARY KEY REFERENCES user_quotes (id) ON DELETE CASCADE,
    quote_id      INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX user_quote_links_quote ON user_quote_links (quote_id);
CREATE VIEW reviewed_quotes AS
SELECT q.article_id, q.id AS machine_id, u.id AS user_id,
       coalesce(u.start_byte, q.start_byte) AS start_byte,
       coalesce(u.end_byte, q.end_byte) AS end_byte,
       coalesce(u.kind, q.kind) AS kind,
       CASE WHEN u.id IS NULL THEN s.name ELSE u.speaker_name END AS speaker_name,
       CASE WHEN u.id IS NULL THEN s.kind ELSE u.speaker_kind END AS speaker_kind,
       CASE WHEN u.id IS NULL THEN s.role ELSE u.speaker_role END AS speaker_role,
       CASE WHEN u.id IS NULL THEN s.affiliation ELSE u.speaker_affiliation END AS speaker_affiliation,
       q.speaker_id,
       q.cue_start, q.cue_end, q.mention_start, q.mention_end,
       q.confidence, q.group_number, q.nested, q.rule, q.said_on,
       coalesce(u.status, 'machine') AS status
FROM quotes q
LEFT JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN user_quote_links l ON l.quote_id = q.id
LEFT JOIN user_quotes u ON u.id = l.user_quote_id
WHERE u.status IS NOT 'rejected'
UNION ALL
SELECT u.article_id, NULL, u.id, u.start_byte, u.end_byte, u.kind, u.speaker_name, u.speaker_kind,
       u.speaker_role, u.speaker_affiliation,
       NULL, NULL, NULL, NULL, NULL, 1.0, -u.id, 0, 'user', NULL, u.status
FROM user_quotes u
WHERE u.status != 'rejected'
  AND NOT EXISTS (SELECT 1 FROM user_quote_links l WHERE l.user_quote_id = u.id);
CREATE TABLE user_entity_names (
    kind TEXT NOT NULL,
    key  TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) STRICT;
CREATE TABLE user_entity_merges (
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    into_kind TEXT NOT NULL,
    into_key  TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) STRICT;
CREATE TABLE user_entity_splits (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    alias TEXT NOT NULL,   -- lower case
    PRIMARY KEY (kind, key, alias)
) STRICT;
CREATE TABLE derived_stale (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
) STRICT;
CREATE TABLE user_map_positions (
    scope       TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_key  TEXT NOT NULL,
    x           REAL NOT NULL,
    y           REAL NOT NULL,
    PRIMARY KEY (scope, entity_kind, entity_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX articles_by_title ON articles (title_key, id, outlet, published_local);
CREATE INDEX articles_by_outlet ON articles (
    outlet_key IS NULL, outlet_key, title_key, id, outlet, published_local
);
CREATE INDEX articles_by_date_newest ON articles (
    coalesce(published_utc, published_local) IS NULL, coalesce(published_utc, published_local) DESC,
    title_key, id, outlet, published_local
);
CREATE INDEX articles_by_date_oldest ON articles (
    coalesce(published_utc, published_local) IS NULL, coalesce(published_utc, published_local),
    title_key, id, outlet, published_local
);
CREATE INDEX articles_by_facts ON articles (outlet, published_local);
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
PRAGMA user_version = 9;
