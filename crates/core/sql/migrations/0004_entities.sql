-- Entities of the whole library (one row per person, organisation, country,
-- city or date), the names they were seen under, where each article mentions
-- them, and the relations each article states, with their evidence spans
-- (UTF-8 byte offsets into articles.text).
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
