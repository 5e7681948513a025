"""Language data: what the pipeline knows about a language's words, one module per language
(spaCy's ``lang/`` is the model). Plain data and small predicates; nothing here imports the
rest of the pipeline but the normaliser."""
