-- The byline: author(s) as the source gives them (HTML metadata, the sender
-- of an e-mail, a Word document's creator, an "author" column of a batch).
ALTER TABLE articles ADD COLUMN author TEXT;
