-- Speakers are matched to library entities by name (the speakers view, the
-- speaker filter): look the names up by index.
CREATE INDEX entity_aliases_alias ON entity_aliases (alias);
