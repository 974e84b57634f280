-- The day a quotation was said, when its sentence gives one ("On Jan. 17,
-- Zarif said ..."), resolved against the article's date: YYYY-MM-DD.
ALTER TABLE quotes ADD COLUMN said_on TEXT;
