-- Where the user left the nodes of a map, per scope (`article:<id>`, or the
-- library with a filter), by entity kind and key: part of the user's layer,
-- never written by analysis, and still valid when re-analysis renumbers the
-- entities.
CREATE TABLE user_map_positions (
    scope       TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_key  TEXT NOT NULL,
    x           REAL NOT NULL,
    y           REAL NOT NULL,
    PRIMARY KEY (scope, entity_kind, entity_key)
) STRICT, WITHOUT ROWID;
