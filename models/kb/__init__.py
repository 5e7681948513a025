"""The knowledge base (sources → SQLite) and the variant key that names are matched by."""
