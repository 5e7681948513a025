"""The KB's tables: the KB file and the Wikidata staging file that merges into it share them."""

TABLES = """
CREATE TABLE entities (id TEXT PRIMARY KEY, label TEXT NOT NULL, name_bn TEXT, name_en TEXT,
                       qid TEXT, sources TEXT NOT NULL, prior REAL NOT NULL, country TEXT,
                       tier TEXT NOT NULL);
CREATE TABLE aliases (alias TEXT NOT NULL, key TEXT NOT NULL, entity_id TEXT NOT NULL,
                      source TEXT NOT NULL, PRIMARY KEY (alias, entity_id));
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
