-- The analyst's layer: notes, tags, reviews, judgements of quotations and
-- decisions about who is who. Only the user's actions write these tables;
-- the analysis (save_analysis) never writes or deletes a row here, and no row
-- here points at a row the analysis deletes and re-creates.
--
-- Every span is anchored twice (as W3C Web Annotation selectors): by
-- position, UTF-8 byte offsets into articles.text (which is never rewritten),
-- and by the quoted text with up to 32 characters of context on each side.
-- An item whose article text no longer holds its quoted text is flagged
-- (needs_anchor = 1) and kept, never dropped.

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

-- Notes and the highlighted text, searchable.
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

-- The user's version of a quotation. It applies to the machine quotation that
-- covers its span (found at read time, so re-analysis never breaks the link):
-- confirmed or corrected, the user's version replaces it; rejected, it is
-- hidden; with no machine quotation there, the user's version stands alone
-- (an added quotation, or one a newer engine no longer finds).
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

-- Derived, not the user's: the machine quotation each user version applies
-- to (the one overlapping it most, by more than half of the shorter of the
-- two). Rebuilt for an article whenever its analysis or its user versions
-- change, so the link is never stale and never part of what the user wrote.
CREATE TABLE user_quote_links (
    user_quote_id INTEGER PRIMARY KEY REFERENCES user_quotes (id) ON DELETE CASCADE,
    quote_id      INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX user_quote_links_quote ON user_quote_links (quote_id);

-- The quotations as the analyst sees them: the machine's, with the user's
-- version over them, rejected ones left out, and the user's own.
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

-- Decisions about who is who, by identity (kind and key, as the library
-- matches entities), never by row id: a rename, a merge of one entity into
-- another, an alias split back out of an entity.
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

-- Derived: articles whose entity rows wait for a rebuild after a change of
-- the user's layer (set in the change's transaction, cleared by the rebuild).
CREATE TABLE derived_stale (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
) STRICT;
