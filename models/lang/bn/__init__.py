"""Bengali: the letters (``script``), the case endings and particles (``endings``) and the
word lists (``words``: titles, honorifics, demonyms, generic and place-type nouns, pronouns)
that the normaliser's users, the variant key, span repair, the date grammar and
training.reconcile share. Each piece is written here once; a module that strips or matches
it takes the named set it needs and says why that set."""
