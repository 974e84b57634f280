-- The engine's analysis of each article: its speakers and quotations.
-- Spans are UTF-8 byte offsets into articles.text.
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
