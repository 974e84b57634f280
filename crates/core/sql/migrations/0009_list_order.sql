-- The library list is read a page at a time in the order the user chose, so
-- its orders are SQL's: titles and outlets get collation keys (the Unicode root
-- collation: case and accents ignored, numbers by value; written by Quotemap at
-- import, filled for older rows when the library opens), compared as bytes.
ALTER TABLE articles ADD COLUMN title_key BLOB;
ALTER TABLE articles ADD COLUMN outlet_key BLOB;

-- One index per order, each ending with the columns the list's filter reads
-- (outlet, date; the rest go by id), so that reading a page deep into a long
-- or filtered list scans an index, not the articles' rows (a large filtered
-- page: 150 ms → 7 ms at 100,000 articles).
CREATE INDEX articles_by_title ON articles (title_key, id, outlet, published_local);
CREATE INDEX articles_by_outlet ON articles (
    outlet_key IS NULL, outlet_key, title_key, id, outlet, published_local
);
-- By date: the instant when the zone is known, else the date as written;
-- undated articles last in both directions.
CREATE INDEX articles_by_date_newest ON articles (
    coalesce(published_utc, published_local) IS NULL, coalesce(published_utc, published_local) DESC,
    title_key, id, outlet, published_local
);
CREATE INDEX articles_by_date_oldest ON articles (
    coalesce(published_utc, published_local) IS NULL, coalesce(published_utc, published_local),
    title_key, id, outlet, published_local
);
-- Counting what a filter keeps reads this instead of every article's row.
CREATE INDEX articles_by_facts ON articles (outlet, published_local);

-- Filling the keys must not re-index every article's text: the full-text index
-- follows changes of the title and text only.
DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
